/* Threads that end while others call (see thread_churn.h). */
#include "thread_churn.h"

#include "out.h"
#include "shapes.h"

#include <stdint.h>
#include <windows.h>

enum { CALLERS = 2, LIMIT_MS = 60000 };

static volatile LONG stop;
static unsigned shapes;

static DWORD WINAPI steady_caller(void *arg)
{
    unsigned i = (unsigned)(uintptr_t)arg;
    mark_driver_thread();
    while (!stop) {
        shape_cycle(shape_at(i % shapes), NULL);
        i++;
    }
    return 0;
}

static DWORD WINAPI brief_caller(void *arg)
{
    mark_driver_thread();
    shape_cycle(shape_at((unsigned)(uintptr_t)arg % shapes), NULL);
    return 0;
}

int thread_churn(unsigned n_shapes, unsigned ms, unsigned *ended)
{
    HANDLE callers[CALLERS];
    *ended = 0;
    shapes = n_shapes ? n_shapes : 1;
    stop = 0;
    for (unsigned i = 0; i < CALLERS; i++)
        callers[i] = CreateThread(NULL, 0, steady_caller, (void *)(uintptr_t)(i * 3), 0, NULL);
    ULONGLONG until = GetTickCount64() + ms;
    int ok = 1;
    for (unsigned t = 0; ok && GetTickCount64() < until; t++) {
        HANDLE th = CreateThread(NULL, 0, brief_caller, (void *)(uintptr_t)t, 0, NULL);
        if (!th)
            break;
        ok = WaitForSingleObject(th, LIMIT_MS) == WAIT_OBJECT_0;
        CloseHandle(th);
        if (ok)
            (*ended)++;
    }
    InterlockedExchange(&stop, 1);
    DWORD w = WaitForMultipleObjects(CALLERS, callers, TRUE, LIMIT_MS);
    for (unsigned i = 0; i < CALLERS && w != WAIT_TIMEOUT; i++)
        CloseHandle(callers[i]);
    if (ok && w != WAIT_TIMEOUT)
        return 1;
    result_bad("concurrency",
               "deadlock: after %u threads that each made one add and cancel and ended "
               "(DLL_THREAD_DETACH under the loader lock) while %d others called, a thread did "
               "not finish within %d s",
               *ended, CALLERS, LIMIT_MS / 1000);
    return 0;
}
