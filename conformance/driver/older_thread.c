/* A caller thread older than the notifier's load (see older_thread.h). */
#include "older_thread.h"

#include "call.h"
#include "shapes.h"

static HANDLE go;
static HANDLE started;
static HANDLE thread;
static volatile LONG shapes_to_run;

static DWORD WINAPI older_caller(void *arg)
{
    (void)arg;
    /* Running here means its DLL_THREAD_ATTACH round is over: a thread
     * created but not yet started would still get the notifier's. */
    SetEvent(started);
    WaitForSingleObject(go, INFINITE);
    for (LONG i = 0; i < shapes_to_run; i++)
        shape_cycle(shape_at((unsigned)i), NULL);
    return 0;
}

int older_thread_start(void)
{
    go = CreateEventW(NULL, TRUE, FALSE, NULL);
    started = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!go || !started)
        return 0;
    thread = CreateThread(NULL, 0, older_caller, NULL, 0, NULL);
    return thread && WaitForSingleObject(started, 30000) == WAIT_OBJECT_0;
}

int older_thread_run(unsigned n_shapes, DWORD ms)
{
    if (!thread)
        return 1;
    calls_condition("on a thread that existed before the notifier was loaded (MPR loads it at "
                    "the process's first connection call: no DLL_THREAD_ATTACH for it)");
    shapes_to_run = (LONG)n_shapes;
    SetEvent(go);
    DWORD w = WaitForSingleObject(thread, ms);
    calls_condition(NULL);
    CloseHandle(thread);
    thread = NULL;
    return w == WAIT_OBJECT_0;
}
