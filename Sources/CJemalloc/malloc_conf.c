// metodbank allocates through jemalloc (Debian's libjemalloc2, linked by this target): with
// glibc's malloc a 10,000-document build spent about a tenth of its time in malloc and free.
//
// jemalloc reads its settings from this global. Pages freed while a build runs go back to the
// system after half a second, not ten: the peak memory stays below glibc's.
const char *malloc_conf = "dirty_decay_ms:500,muzzy_decay_ms:0";
