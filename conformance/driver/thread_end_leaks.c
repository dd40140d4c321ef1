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

/* The busy bytes of the heaps once they stayed the same over SETTLE_POLLS polls. */
static size_t settled_busy(int *settled)
{
    size_t last = heap_busy();
    int same = 0;
    for (int waited = 0; same < SETTLE_POLLS && waited < SETTLE_MS; waited += 20) {
        Sleep(20);
        size_t now = heap_busy();
        same = now == last ? same + 1 : 0;
        last = now;
    }
    if (same < SETTLE_POLLS)
        *settled = 0;
    return last;
}

static long long batch_growth(LPTHREAD_START_ROUTINE body, unsigned threads, int *settled)
{
    size_t before = settled_busy(settled);
    for (unsigned i = 0; i < threads; i++) {
        HANDLE h = CreateThread(NULL, 0, body, NULL, 0, NULL);
        if (!h)
            continue;
        WaitForSingleObject(h, THREAD_LIMIT_MS);
        CloseHandle(h);
    }
    return (long long)settled_busy(settled) - (long long)before;
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
