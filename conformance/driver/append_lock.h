/* Whole appends across processes, as Windows makes them. A write through a
 * handle opened with FILE_APPEND_DATA and without FILE_WRITE_DATA lands whole
 * at the end of the file, whatever other processes write [doc: FILE_APPEND_DATA].
 * Wine places it at the size it read just before, so two processes' appends
 * overwrite each other (measured: two processes of 20000 lines each, 8882
 * lines lost) [wine]. The driver's processes give the notifier's appends the
 * Windows guarantee: one named mutex per file around each write, so that a
 * record torn in the files is the notifier's, not Wine's. */
#ifndef APPEND_LOCK_H
#define APPEND_LOCK_H

#include <windows.h>

/* For a synchronous write (ov NULL) through an append-only handle to a disk file: the
 * file's mutex, held; otherwise NULL. */
HANDLE append_lock_take(HANDLE file, const OVERLAPPED *ov);
/* Gives back what append_lock_take returned (NULL: nothing). */
void append_lock_give(HANDLE lock);

#endif
