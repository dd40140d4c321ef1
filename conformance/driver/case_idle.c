/* Case idle: a first caller thread makes calls of every input shape, then
 * stays alive and idle (no message loop, no exit), as a service's worker
 * or a UI thread in a modal wait does; a second thread's calls must still
 * return [design]. What a thread's exit releases (an abandoned mutex, its
 * windows) is still held here. The first caller owns a top-level window,
 * as a UI thread does: a message broadcast to every top-level window
 * without a time limit waits for it. Both callers work on a desktop of
 * the case's own, so that gates side by side in one prefix neither reach
 * its window nor it theirs. */
#include "cases.h"

#include "call.h"
#include "measure.h"
#include "out.h"
#include "pump.h"
#include "shapes.h"
#include "top_window.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

static HANDLE first_done; /* the first caller made its calls */
static HANDLE first_pump; /* the first caller pumps messages from now on */
static HANDLE first_exit; /* the first caller returns */
static volatile LONG first_loaded;
static long first_calls;
static char first_window[128]; /* the first caller's top-level window, or why none */
static HDESK case_desktop;     /* NULL: the process's own */

/* The second caller's progress, read by the case's thread. */
static volatile LONG second_calls;
static volatile LONG second_since; /* GetTickCount at its call's start; 0 between */
static char second_call[300];
static double second_slowest;
static double slow_ms; /* a call slower than this is slow */
/* A slow call that was slow again twice: the call, its times, how to repeat it. */
static volatile LONG slow_confirmed;
static char slow_call[300];
static double slow_times[3];
static unsigned slow_shape;
static enum op_kind slow_kind;
static DWORD slow_phase;

/* A hidden top-level window of this thread, as UI threads own. */
static HWND make_top_level_window(void)
{
    HWND w = top_level_window(L"connotify idle caller", WS_OVERLAPPEDWINDOW);
    if (w && case_desktop)
        snprintf(first_window, sizeof first_window,
                 "owning a top-level window on the case's own desktop");
    else if (w)
        snprintf(first_window, sizeof first_window, "owning a top-level window");
    else
        snprintf(first_window, sizeof first_window,
                 "owning no window (CreateWindowEx error %lu: no graphics driver)", GetLastError());
    return w;
}

/* The case's desktop for this thread, before it has a window. */
static void enter_case_desktop(void)
{
    if (case_desktop)
        SetThreadDesktop(case_desktop);
}

/* A desktop of this process's own, or NULL (then the callers share the
 * process's desktop with every program of the prefix). */
static HDESK make_case_desktop(void)
{
    WCHAR name[64];
    swprintf(name, sizeof name / sizeof name[0], L"connotify-idle-%lu", GetCurrentProcessId());
    return CreateDesktopW(name, NULL, NULL, 0, GENERIC_ALL, NULL);
}

static DWORD WINAPI first_caller(void *arg)
{
    (void)arg;
    mark_driver_thread();
    enter_case_desktop();
    HWND window = make_top_level_window();
    if (!load_notifier()) {
        SetEvent(first_done);
        return 0;
    }
    unsigned n = shapes_init();
    long before = calls_made();
    for (unsigned i = 0; i < n; i++)
        shape_cycle(shape_at(i), NULL);
    first_calls = calls_made() - before;
    first_loaded = 1;
    SetEvent(first_done);
    /* Idle: a wait that delivers no message. */
    HANDLE either[2] = {first_exit, first_pump};
    if (WaitForMultipleObjects(2, either, FALSE, INFINITE) == WAIT_OBJECT_0 + 1)
        pump_until(first_exit);
    if (window)
        DestroyWindow(window);
    return 0;
}

/* One call, watched by the case's thread; returns its time. */
static double watched_call(enum op_kind kind, DWORD phase, DWORD status, void **ctx, void *arg,
                           const struct shape *s)
{
    snprintf(second_call, sizeof second_call, "%s %s (%s)",
             kind == OP_ADD ? "AddConnectNotify" : "CancelConnectNotify",
             phase == NOTIFY_PRE ? "PRE" : "POST", s->label);
    second_since = (LONG)(GetTickCount() | 1);
    call_op(kind, NULL, phase, status, ctx, arg, s->label);
    second_since = 0;
    double ms = last_call_ms();
    if (ms > second_slowest)
        second_slowest = ms;
    InterlockedIncrement(&second_calls);
    return ms;
}

/* The slow call again, its PRE first when it was a POST. */
static double slow_call_again(void)
{
    const struct shape *s = shape_at(slow_shape);
    int add = slow_kind == OP_ADD;
    void *ctx = NULL;
    double ms = watched_call(slow_kind, NOTIFY_PRE, WN_SUCCESS, &ctx,
                             add ? (void *)s->add : (void *)s->cancel_pre, s);
    if (slow_phase == NOTIFY_PRE || !ctx)
        return ms;
    return watched_call(slow_kind, NOTIFY_POST, add ? s->add_status : s->cancel_status, &ctx,
                        add ? (void *)s->add : (void *)s->cancel_post, s);
}

/* A slow call is repeated twice: a wait with a time limit
 * (SendMessageTimeout, a timed lock) is slow every time; a preemption on a
 * loaded host or a periodic flush is not (latency judges those). */
static void second_op(enum op_kind kind, DWORD phase, DWORD status, void **ctx, void *arg,
                      unsigned shape)
{
    const struct shape *s = shape_at(shape);
    double ms = watched_call(kind, phase, status, ctx, arg, s);
    if (ms <= slow_ms || slow_confirmed)
        return;
    memcpy(slow_call, second_call, sizeof slow_call);
    slow_times[0] = ms;
    slow_shape = shape;
    slow_kind = kind;
    slow_phase = phase;
    for (int k = 1; k < 3; k++) {
        slow_times[k] = slow_call_again();
        if (slow_times[k] <= slow_ms)
            return;
    }
    slow_confirmed = 1;
}

static DWORD WINAPI second_caller(void *arg)
{
    (void)arg;
    mark_driver_thread();
    enter_case_desktop();
    unsigned n = shapes_init();
    /* One confirmed slow call is enough: each may wait seconds. */
    for (unsigned i = 0; i < n && !slow_confirmed; i++) {
        const struct shape *s = shape_at(i);
        void *ctx = NULL;
        second_op(OP_ADD, NOTIFY_PRE, WN_SUCCESS, &ctx, s->add, i);
        if (ctx)
            second_op(OP_ADD, NOTIFY_POST, s->add_status, &ctx, s->add, i);
        ctx = NULL;
        second_op(OP_CANCEL, NOTIFY_PRE, WN_SUCCESS, &ctx, s->cancel_pre, i);
        if (ctx)
            second_op(OP_CANCEL, NOTIFY_POST, s->cancel_status, &ctx, s->cancel_post, i);
    }
    return 0;
}

/* Waits up to ms for the second caller to finish a call (or all). */
static int second_moves(HANDLE second, DWORD ms)
{
    LONG calls = second_calls;
    DWORD t0 = GetTickCount();
    while (GetTickCount() - t0 < ms) {
        if (WaitForSingleObject(second, 50) == WAIT_OBJECT_0 || second_calls != calls)
            return 1;
    }
    return 0;
}

/* What unblocked the second caller, tried in order: the first caller
 * pumping messages, then its exit. */
static const char *blocked_cause(HANDLE first, HANDLE second, DWORD step)
{
    SetEvent(first_pump);
    if (second_moves(second, step))
        return "it returned once that thread pumped messages: a message sent without a time "
               "limit (SendMessage, or a broadcast to HWND_BROADCAST) that a window of an "
               "earlier caller's thread must answer";
    SetEvent(first_exit);
    WaitForSingleObject(first, step);
    if (second_moves(second, step))
        return "it returned only when that thread exited: a lock (a mutex) left held on some "
               "path of that thread's calls";
    return "neither that thread's pumping nor its exit freed it: a lock kept on some path "
           "(critical section, SRW lock) or an endless wait";
}

static void report_blocked(HANDLE first, HANDLE second, DWORD limit)
{
    char call[300];
    snprintf(call, sizeof call, "%s", second_call);
    metric("idle_second_calls", "%ld", (long)second_calls);
    const char *cause = blocked_cause(first, second, cf.hang_ms / 8);
    result_bad("concurrency.idle",
               "%s on a second thread did not return in %lu s; the first "
               "caller thread (%ld calls of every shape, %s) lives on, idle, not pumping: %s",
               call, (unsigned long)(limit / 1000), first_calls, first_window, cause);
    fflush(stdout);
    /* The blocked call never returns: exit without detaching the notifier. */
    TerminateProcess(GetCurrentProcess(), 0);
}

static const char *slow_cause(HANDLE first)
{
    SetEvent(first_pump);
    Sleep(100);
    if (slow_call_again() <= slow_ms)
        return "fast once it pumped messages: SendMessageTimeout to a window of an earlier "
               "caller's thread (or a broadcast)";
    SetEvent(first_exit);
    WaitForSingleObject(first, cf.hang_ms / 8);
    if (slow_call_again() <= slow_ms)
        return "fast once it exited: a timed wait for a lock kept on some path of its calls";
    return "slow also after it pumped and exited: a timed wait on other threads";
}

/* After the second caller ended on a confirmed slow call. */
static void report_slow(HANDLE first)
{
    const char *cause = slow_cause(first);
    result_bad("concurrency.idle",
               "%s on a second thread took %.1f s, again %.1f s and %.1f s "
               "(limit %.1f s); the first caller thread (%ld calls of every shape) is alive, "
               "idle, not pumping: %s",
               slow_call, slow_times[0] / 1000, slow_times[1] / 1000, slow_times[2] / 1000,
               slow_ms / 1000, first_calls, cause);
}

void case_idle(void)
{
    first_done = CreateEventW(NULL, TRUE, FALSE, NULL);
    first_pump = CreateEventW(NULL, TRUE, FALSE, NULL);
    first_exit = CreateEventW(NULL, TRUE, FALSE, NULL);
    case_desktop = make_case_desktop();
    HANDLE first = CreateThread(NULL, 0, first_caller, NULL, 0, NULL);
    if (!first) {
        result("concurrency.idle", "incomplete", "cannot create a thread (error %lu)",
               GetLastError());
        return;
    }
    HANDLE wait_first[2] = {first_done, first};
    WaitForMultipleObjects(2, wait_first, FALSE, INFINITE);
    if (!first_loaded) {
        WaitForSingleObject(first, INFINITE);
        return;
    }
    announce_step("first caller alive and idle after %ld calls; a second thread calls every "
                  "input shape",
                  first_calls);
    /* Seconds, not a latency budget: a blocked call never returns, and the
     * watchdog's hang limit must not fire first. */
    DWORD limit = cf.hang_ms * 2 / 5;
    /* A slow call, as the latency gate's maximum: 20 budgets, at least 1 s;
     * confirmed by repeating it, so that load alone does not fail. */
    slow_ms = cf.budget_ms * 20.0 > 1000.0 ? cf.budget_ms * 20.0 : 1000.0;
    HANDLE second = CreateThread(NULL, 0, second_caller, NULL, 0, NULL);
    if (!second) {
        result("concurrency.idle", "incomplete", "cannot create a thread (error %lu)",
               GetLastError());
        SetEvent(first_exit);
        return;
    }
    while (WaitForSingleObject(second, 100) == WAIT_TIMEOUT) {
        LONG since = second_since;
        if (since && (LONG)(GetTickCount() - (DWORD)since) > (LONG)limit)
            report_blocked(first, second, limit);
    }
    metric("idle_second_slowest_ms", "%.3f", second_slowest);
    if (slow_confirmed)
        report_slow(first);
    SetEvent(first_exit);
    WaitForSingleObject(first, INFINITE);
    CloseHandle(second);
    CloseHandle(first);
    if (violation_of("concurrency.idle"))
        return;
    result("concurrency.idle", "pass",
           "a second thread made %ld calls of every input shape "
           "(slowest %.1f ms) while the first caller thread, after %ld calls of every input "
           "shape (failed POSTs, forced cancels), stayed alive and idle without pumping "
           "messages, %s",
           (long)second_calls, second_slowest, first_calls, first_window);
}
