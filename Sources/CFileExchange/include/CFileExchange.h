#ifndef CFILEEXCHANGE_H
#define CFILEEXCHANGE_H

/// Swaps the files at `a` and `b` in one step (Linux `renameat2` with `RENAME_EXCHANGE`): both
/// must exist. Returns 0, or -1 with `errno` set (`EINVAL` or `ENOSYS` where the file system or
/// the system cannot do it; the caller then renames).
int metod_exchange_files(const char *a, const char *b);

#endif
