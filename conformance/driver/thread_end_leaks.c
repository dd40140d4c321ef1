/* Heap growth per caller thread that ended (see thread_end_leaks.h). */
#include "thread_end_leaks.h"

#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <stdint.h>
#include <stdio.h>
#include <windows.h>

enum { THREAD_LIMIT_MS = 10000, SETTLE_POLLS = 5, SETTLE_MS = 3000 };

static unsigned shape_index;

/* The driver's own per-thread work, as in a calling thread: the C runtime's thread data. */
static void driver_thread_work(void)
{
    char warm[32];
    snprintf(warm, sizeof warm, "%s %u", "thread", 1u);
    mark_driver_thread();
}

static DWORD WINAPI idle_thread(void *arg)
{
    (void)arg;
    driver_thread_work();
    return 0;
}

static DWORD WINAPI calling_thread(void *arg)
{
    (void)arg;
    driver_thread_work();
    shape_cycle(shape_at(shape_index), NULL);
    return 0;
}

static long long batch_growth(LPTHREAD_START_ROUTINE body, unsigned threads, int *settled)
{
    size_t before = heap_busy_settled(SETTLE_POLLS, SETTLE_MS, settled);
    for (unsigned i = 0; i < threads; i++) {
        HANDLE h = CreateThread(NULL, 0, body, NULL, 0, NULL);
        if (!h)
            continue;
        WaitForSingleObject(h, THREAD_LIMIT_MS);
        CloseHandle(h);
    }
    return (long long)heap_busy_settled(SETTLE_POLLS, SETTLE_MS, settled) - (long long)before;
}

struct thread_end_growth thread_end_growth(unsigned threads, unsigned shape)
{
    struct thread_end_growth g = {.threads = threads, .settled = 1};
    shape_index = shape;
    /* What a first calling thread makes once (a table, a TLS index) is not per thread. */
    batch_growth(calling_thread, 4, &g.settled);
    g.settled = 1;
    g.idle = batch_growth(idle_thread, threads, &g.settled);
    g.calling = batch_growth(calling_thread, threads, &g.settled);
    return g;
}
