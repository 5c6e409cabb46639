// metodbank allocates through jemalloc (Debian's libjemalloc2, linked by this target): with
// glibc's malloc a 10,000-document build spent about a tenth of its time in malloc and free.
//
// jemalloc reads its settings from this global (MALLOC_CONF in the environment still overrides).
// - Pages freed while a build runs go back to the system after half a second, not ten: the peak
//   memory stays below glibc's.
// - Its memory is asked for in transparent huge pages (2 MiB) where the system allows them on
//   request (Debian's default, `madvise`): a 10,000-document build touched about 130,000 fresh
//   4 KiB pages, each a page fault, and took 0.5-1 s of system time for them; with huge pages
//   about 15,000 faults, about a tenth less wall time, and about 40 MiB more peak memory. Where
//   the system has no huge pages, or gives them to every program anyway, nothing changes.
const char *malloc_conf = "dirty_decay_ms:500,muzzy_decay_ms:0,thp:always,metadata_thp:auto";
