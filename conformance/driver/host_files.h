/* Files the host's own threads open, write and close while notifier calls
 * run, as any program that maps a drive does: a handle value the notifier
 * closed is soon the host's. A notifier call on a handle a host thread holds
 * open at that moment used a value it no longer owned: its write would go
 * into the host's document. concurrency.handles [doc: CloseHandle] */
#ifndef HOST_FILES_H
#define HOST_FILES_H

#include <windows.h>

enum { HOST_FILE_THREADS = 4 };

/* Starts the threads; 0 when none could start. */
int host_files_start(void);
/* Stops them (their files are deleted on close); how many files they opened. */
long host_files_stop(void);
/* 1 when a host thread holds h open now, with that file's path in path (cap units). */
int host_files_hold(HANDLE h, WCHAR *path, size_t cap);

#endif
