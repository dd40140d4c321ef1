/* Caller threads paused inside notifier calls (see call_pauses.h). The
 * watcher takes no lock, allocates nothing and prints nothing while a thread
 * is stopped: that thread may hold the heap's lock or the loader's. */
#include "call_pauses.h"

#include "out.h"

enum { PAUSED_THREADS_MAX = 64, PAUSE_US = 300, GAP_US_MAX = 50 };

static struct {
    HANDLE threads[PAUSED_THREADS_MAX];
    DWORD tids[PAUSED_THREADS_MAX];
    unsigned n;
    HANDLE watcher;
    volatile LONG stop;
    volatile LONG inside; /* pauses that stopped a thread inside a call */
    double ticks_per_us;
} cp;

static LONGLONG pause_now(void)
{
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    return t.QuadPart;
}

static void pause_for_us(unsigned us)
{
    LONGLONG until = pause_now() + (LONGLONG)(us * cp.ticks_per_us);
    while (pause_now() < until)
        SwitchToThread();
}

static unsigned pause_random(unsigned *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

static DWORD WINAPI pause_watcher(void *arg)
{
    (void)arg;
    unsigned rnd = 2166136261u;
    unsigned k = 0;
    mark_driver_thread();
    while (!cp.stop) {
        /* The threads in turn until one is inside a call: calls are short beside the
         * driver's work between them, so the watcher looks often. */
        unsigned i = k % cp.n;
        k++;
        if (!notifier_call_running_on(cp.tids[i])) {
            if (k % cp.n == 0)
                SwitchToThread();
            continue;
        }
        if (SuspendThread(cp.threads[i]) == (DWORD)-1)
            continue;
        /* Stopped: still inside the call, or it returned meanwhile. */
        if (notifier_call_running_on(cp.tids[i])) {
            InterlockedIncrement(&cp.inside);
            pause_for_us(PAUSE_US);
        }
        ResumeThread(cp.threads[i]);
        pause_for_us(pause_random(&rnd) % GAP_US_MAX);
    }
    return 0;
}

int call_pauses_begin(const HANDLE *threads, unsigned n)
{
    LARGE_INTEGER f;
    QueryPerformanceFrequency(&f);
    cp.ticks_per_us = (double)f.QuadPart / 1e6;
    cp.n = n < PAUSED_THREADS_MAX ? n : PAUSED_THREADS_MAX;
    for (unsigned i = 0; i < cp.n; i++) {
        cp.threads[i] = threads[i];
        cp.tids[i] = GetThreadId(threads[i]);
    }
    cp.stop = 0;
    cp.inside = 0;
    cp.watcher = cp.n ? CreateThread(NULL, 0, pause_watcher, NULL, 0, NULL) : NULL;
    return cp.watcher != NULL;
}

long call_pauses_end(void)
{
    if (cp.watcher) {
        InterlockedExchange(&cp.stop, 1);
        WaitForSingleObject(cp.watcher, INFINITE);
        CloseHandle(cp.watcher);
        cp.watcher = NULL;
    }
    return cp.inside;
}
