/* A heap's lock the notifier takes (HeapLock) and what it does before it
 * gives it back (HeapUnlock). While a thread holds a heap's lock, every
 * other thread that allocates from or frees to that heap waits [doc:
 * HeapLock]: on a heap of the host (the process heap, the C runtime's) that
 * is every thread of the host. A wait made while holding it stalls them
 * all for as long as it lasts. state.heaplock [doc]
 *
 * Nothing here allocates or takes a lock: the thread that holds a heap's
 * lock may be the one every other thread waits for. */
#ifndef HOOKS_HEAPLOCK_H
#define HOOKS_HEAPLOCK_H

#include <windows.h>

/* Remembers the heaps the process has now as the host's (before the load). */
void heaplock_host_heaps(void);

/* Called first thing by every hooked wait: a wait of ms (0: none) named by
 * what (a string literal), called from pc. The first one made while its
 * thread holds a host heap's lock is kept. */
void heaplock_wait(const char *what, DWORD ms, void *pc);

/* 1 while this thread holds a host heap's lock. */
int heaplock_holding(void);

/* The first wait made while holding a host heap's lock. */
struct heaplock_waited {
    DWORD tid;
    const char *what;
    DWORD ms;
    void *pc;
    int process_heap;     /* the heap was GetProcessHeap()'s */
    ULONGLONG held_ms;    /* how long the lock was held when the wait began */
    char lock_frame[160]; /* where HeapLock was called */
};
/* 1 and *out once such a wait was made, else 0. */
int heaplock_waited(struct heaplock_waited *out);

/* The host heap's lock held longest now: 1 and its thread, heap kind,
 * milliseconds held and HeapLock's frame, else 0. */
int heaplock_longest(DWORD *tid, int *process_heap, ULONGLONG *held_ms, char *frame, size_t cap);

/* How many times the notifier took a host heap's lock. */
LONG heaplock_taken(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
BOOL WINAPI w_HeapLock(HANDLE heap);
BOOL WINAPI w_HeapUnlock(HANDLE heap);

#endif
