/* Readers of one SRW lock held until a second comes (see shared_meet.h). */
#include "shared_meet.h"

enum { SPINS_BEFORE_YIELD = 2000 };

static volatile LONG meet_on;
static DWORD meet_wait_ms;
static void *volatile meet_waiting; /* the lock a first reader waits at */
static volatile LONG meet_count;

void shared_meet_begin(DWORD wait_ms)
{
    meet_wait_ms = wait_ms;
    meet_waiting = NULL;
    meet_count = 0;
    InterlockedExchange(&meet_on, 1);
}

long shared_meet_end(void)
{
    InterlockedExchange(&meet_on, 0);
    return meet_count;
}

void shared_meet_enter(void *lock)
{
    if (!meet_on)
        return;
    /* The second reader of the lock a first one waits at: both go on now. */
    if (InterlockedCompareExchangePointer(&meet_waiting, NULL, lock) == lock) {
        InterlockedIncrement(&meet_count);
        return;
    }
    /* Another lock's reader waits already: this one goes on. */
    if (InterlockedCompareExchangePointer(&meet_waiting, lock, NULL) != NULL)
        return;
    DWORD t0 = GetTickCount();
    unsigned spins = 0;
    while (meet_waiting == lock && GetTickCount() - t0 < meet_wait_ms) {
        if (spins < SPINS_BEFORE_YIELD) {
            spins++;
            YieldProcessor();
        } else {
            SwitchToThread();
        }
    }
    /* Nobody came: no longer waiting. */
    InterlockedCompareExchangePointer(&meet_waiting, NULL, lock);
}
