/* Readers met: while on, a thread that takes an SRW lock shared waits at its
 * entry (a few ms at most) until a second thread takes the same lock shared,
 * then both go on together. What a notifier does under a shared lock then
 * runs on two threads at once, as it does by chance on a busy machine: a
 * write there (a list reordered, a counter bumped, a cache filled) races.
 * [doc: AcquireSRWLockShared: shared mode is for reading] */
#ifndef SHARED_MEET_H
#define SHARED_MEET_H

#include <windows.h>

/* From now on, readers wait up to wait_ms for a second reader. */
void shared_meet_begin(DWORD wait_ms);
/* Off again; returns how many times two readers met since begin. */
long shared_meet_end(void);
/* The notifier took lock shared on this thread (hooks_locks.c). */
void shared_meet_enter(void *lock);

#endif
