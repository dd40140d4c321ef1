/* The thread that holds the process heap's lock now, read from the lock
 * itself: it sees a hold the import hooks do not (a load without hooks, as
 * the cycles case makes; HeapLock reached another way). Under Wine the lock
 * is a critical section inside the heap's header; where it is not found
 * (another heap layout), there is no owner to read. state.heaplock [doc] */
#ifndef HEAP_LOCK_OWNER_H
#define HEAP_LOCK_OWNER_H

#include <windows.h>

/* Finds the lock: takes it with HeapLock and looks in the heap's header for
 * a critical section this thread owns, which HeapUnlock frees. 1 if found. */
int heap_lock_find(void);
/* The id of the thread that holds it, 0 if none or not found. */
DWORD heap_lock_owner(void);

#endif
