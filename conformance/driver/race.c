/* First calls right after a fresh load (see race.h). */
#include "race.h"

#include "call.h"
#include "child.h"
#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <stdint.h>
#include <stdio.h>
#include <wchar.h>

enum { CHILD_LIMIT_MS = 60000, RACE_SHAPES = 4 };

static int child_role;
static HANDLE start;

void race_child_role(void)
{
    child_role = 1;
}

int race_is_child(void)
{
    return child_role;
}

static DWORD WINAPI first_caller(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    mark_driver_thread();
    WaitForSingleObject(start, INFINITE);
    for (unsigned i = 0; i < RACE_SHAPES; i++)
        shape_cycle(shape_at(id * 7 + i), NULL);
    return 0;
}

void race_child(unsigned n)
{
    HANDLE th[64];
    if (n > 64)
        n = 64;
    cf.judge_blocking = 0; /* no probe call: the first calls are the threads' */
    char note[96];
    snprintf(note, sizeof note, "right after LoadLibrary, the first calls of %u threads at once",
             n);
    calls_note(note);
    if (!load_notifier())
        return;
    shapes_init();
    start = CreateEventW(NULL, TRUE, FALSE, NULL);
    for (unsigned i = 0; i < n; i++)
        th[i] = CreateThread(NULL, 0, first_caller, (void *)(uintptr_t)i, 0, NULL);
    SetEvent(start);
    WaitForMultipleObjects(n, th, TRUE, CHILD_LIMIT_MS);
    if (!heaps_valid()) {
        result_bad("concurrency",
                   "heap corrupted by the first calls of %u threads at once right after "
                   "LoadLibrary: lazy initialisation without a lock (use InitOnce or DllMain-free "
                   "static data)",
                   n);
    }
    if (violation_of("concurrency"))
        ExitProcess(1);
}

int race_fresh_loads(unsigned tries)
{
    WCHAR args[MAX_PATH + 64];
    swprintf(args, sizeof args / sizeof args[0], L"--threads %u --race-child concurrency \"%ls\"",
             cf.threads, cf.dll);
    for (unsigned t = 1; t <= tries; t++) {
        PROCESS_INFORMATION pi;
        announce_step("fresh load %u of %u: %u threads make their first calls at once", t, tries,
                      cf.threads);
        if (!child_start(NULL, NULL, args, NULL, NULL, NULL, &pi)) {
            result("concurrency", "notjudged",
                   "the child of fresh load %u could not start "
                   "(error %lu)",
                   t, GetLastError());
            return 0;
        }
        DWORD code = 0;
        if (!child_wait(&pi, CHILD_LIMIT_MS + 10000, &code)) {
            result_bad("concurrency",
                       "hang: the first calls of %u threads right after "
                       "LoadLibrary (fresh load %u) did not end within %u s",
                       cf.threads, t, CHILD_LIMIT_MS / 1000 + 10);
            return 0;
        }
        child_end_as(code);
    }
    return 1;
}
