/* A lock of the notifier held across a wait while another thread asks for it. Every caller
 * that wants the lock then waits as long as the wait lasts: MPR's callers (every program that
 * maps a drive) queue behind one another [design]. hooks_locks.c finds each such meeting (a
 * holder that waited, a thread that asked for what it holds); the first one is kept here.
 *
 * Nothing here allocates or takes a lock: it runs inside the notifier's lock hooks. */
#ifndef LOCK_STALLS_H
#define LOCK_STALLS_H

#include <stddef.h>
#include <windows.h>

struct lock_stall {
    void *lock;
    const char *lock_how; /* the call that took it: "EnterCriticalSection" */
    void *lock_pc;        /* the notifier's call site of that take */
    const char *wait;     /* the wait made while holding it: "Sleep" */
    DWORD wait_ms;        /* its timeout (INFINITE: none) */
    void *wait_pc;        /* the notifier's call site of the wait */
    DWORD holder;         /* the thread that held the lock and waited */
    DWORD asker;          /* a thread that asked for the lock meanwhile */
};

/* A meeting: kept when it is the first. */
void lock_stall_note(const struct lock_stall *s);
/* How many meetings were noted. */
LONG lock_stalls_seen(void);
/* Describes the first meeting into buf; 0 if none. */
int lock_stall_found(char *buf, size_t cap);

#endif
