/* Calls paused halfway: while on, a watcher thread stops the given caller
 * threads one at a time at whatever instruction they are at inside a
 * notifier call (SuspendThread), for a fraction of a millisecond while the
 * others go on. What one call does in steps (a list relinked, a counter read
 * then written back, a cache entry filled), with no lock or under a shared
 * one, is then met half done by the others: a schedule a busy machine makes
 * by chance, made here on purpose, and never one that cannot happen.
 * [design] */
#ifndef CALL_PAUSES_H
#define CALL_PAUSES_H

#include <windows.h>

/* Starts pausing threads[0..n) (at most 64), which call the notifier. */
int call_pauses_begin(const HANDLE *threads, unsigned n);
/* Stops; returns how many pauses stopped a thread inside a notifier call. */
long call_pauses_end(void);

#endif
