/* Every hooked wait of the notifier calls one of these first, before it waits. They pass it
 * on to the checks that judge what a thread holds while it waits: a host heap's lock
 * (hooks_heaplock.h, state.heaplock) and a lock of the notifier's that another thread asks
 * for (hooks_locks.h, concurrency). [design]
 *
 * Nothing here allocates or takes a lock: the waiting thread may hold a heap's lock. */
#ifndef WAITS_NOTED_H
#define WAITS_NOTED_H

#include <windows.h>

/* A wait of ms (0: none), named by what (a string literal), called from pc, on the n objects
 * hs (n 0: not a wait on objects). A wait on mutexes and semaphores only takes a lock: the
 * order of locks is lock_order.h's, not a stall. */
void wait_noted(const char *what, DWORD ms, const HANDLE *hs, DWORD n, void *pc);

/* A read or write of h without an OVERLAPPED: a wait (for the peer) when h is a pipe. */
void pipe_io_noted(const char *what, HANDLE h, LPOVERLAPPED ov, void *pc);

#endif
