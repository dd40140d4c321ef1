/* The first lock held across a wait that another thread asked for (see lock_stalls.h). */
#include "lock_stalls.h"

#include "hooks_heap.h"

#include <stdio.h>

static struct lock_stall first;
static volatile LONG first_state; /* 0 none, 1 being written, 2 kept */
static volatile LONG seen;

void lock_stall_note(const struct lock_stall *s)
{
    InterlockedIncrement(&seen);
    if (InterlockedCompareExchange(&first_state, 1, 0))
        return;
    first = *s;
    InterlockedExchange(&first_state, 2);
}

LONG lock_stalls_seen(void)
{
    return seen;
}

int lock_stall_found(char *buf, size_t cap)
{
    if (first_state != 2)
        return 0;
    char wait_frame[300];
    char lock_frame[300];
    caller_frame(first.wait_pc, wait_frame, sizeof wait_frame);
    caller_frame(first.lock_pc, lock_frame, sizeof lock_frame);
    char timeout[32];
    if (first.wait_ms == INFINITE)
        snprintf(timeout, sizeof timeout, "no timeout");
    else
        snprintf(timeout, sizeof timeout, "%lu ms", (unsigned long)first.wait_ms);
    snprintf(buf, cap,
             "%s(%s) at %s on thread %lu while it held %s(%#llx) taken at %s, which thread %lu "
             "asked for (%ld such asks)",
             first.wait, timeout, wait_frame, (unsigned long)first.holder, first.lock_how,
             (unsigned long long)(ULONG_PTR)first.lock, lock_frame, (unsigned long)first.asker,
             (long)seen);
    return 1;
}
