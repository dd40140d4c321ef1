/* The case's deadline (see budget.h). */
#include "budget.h"

#include "conform.h"
#include "linux_calls.h"
#include "out.h"
#include "watch_thread.h"

#include <windows.h>

static unsigned budget_hang_ms;
static volatile LONG64 frozen_total_ms; /* the time the wineserver stood still, so far */
static LONGLONG start_ms; /* the driver's start: Wine's own start-up is nobody's */
static LONGLONG deadline_ms;

/* [design] Wine standing still this long without a break ends the case at once, as Wine's:
 * three hang limits (60 s by default). Measured: a wineserver that crashed in a run of
 * ci/test.sh left a case standing still for 320 of its 360 s, and other cases' canaries 120 s.
 * No hang limit: no giving up. */
static LONGLONG give_up_ms(void)
{
    return budget_hang_ms ? (LONGLONG)budget_hang_ms * 3 : MAXLONGLONG;
}

/* Real time in ms (the performance counter: Linux's monotonic clock under Wine). The tick
 * count (GetTickCount64) is not: Wine's wineserver moves it, so it stands still while the
 * wineserver does (measured: 4 s with the wineserver stopped, the tick moved 0 ms). */
static LONGLONG real_ms(void)
{
    LARGE_INTEGER f;
    LARGE_INTEGER c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (LONGLONG)(c.QuadPart / (f.QuadPart / 1000));
}

/* Milliseconds since the process was created (Wine's start-up included). */
static LONGLONG process_age_ms(void)
{
    FILETIME created;
    FILETIME unused[3];
    FILETIME now;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &unused[0], &unused[1], &unused[2]))
        return 0;
    GetSystemTimeAsFileTime(&now);
    ULARGE_INTEGER a = {.u = {created.dwLowDateTime, created.dwHighDateTime}};
    ULARGE_INTEGER b = {.u = {now.dwLowDateTime, now.dwHighDateTime}};
    return b.QuadPart > a.QuadPart ? (LONGLONG)((b.QuadPart - a.QuadPart) / 10000) : 0;
}

/* Whose time it was: Wine's, ended early ("frozen"), when its wineserver stood still for
 * give_up_ms on end; Wine's when it stood still for a hang limit or a quarter of it; the
 * notifier's when its calls took half of it or more; else the driver's and Wine's, moving
 * ("slow") or standing still between calls ("stalled": no call began or ended for a hang
 * limit). */
static const char *blame(int gave_up, long long elapsed, long long inside, long long idle,
                         long long frozen)
{
    if (gave_up)
        return "frozen";
    if (frozen >= (long long)budget_hang_ms || frozen * 4 >= elapsed)
        return "wine";
    if (inside * 2 >= elapsed)
        return "notifier";
    if (idle >= (long long)budget_hang_ms)
        return "stalled";
    return "slow";
}

static void deadline_thread(void)
{
    LONGLONG frozen = 0;
    LONGLONG frozen_run = 0;
    LONGLONG frozen_on_end = 0; /* the longest run of it without a tick */
    LONGLONG real_before = real_ms();
    ULONGLONG tick_before = GetTickCount64();
    for (;;) {
        /* Sleep needs no wineserver under Wine: it keeps time while the tick stands still. */
        Sleep(100);
        LONGLONG real_now = real_ms();
        ULONGLONG tick_now = GetTickCount64();
        if (tick_now == tick_before) {
            frozen += real_now - real_before;
            frozen_run += real_now - real_before;
            InterlockedExchange64(&frozen_total_ms, frozen);
        } else {
            frozen_run = 0;
        }
        if (frozen_run > frozen_on_end)
            frozen_on_end = frozen_run;
        real_before = real_now;
        tick_before = tick_now;
        if (real_now >= deadline_ms || frozen_on_end >= give_up_ms())
            break;
    }
    int gave_up = frozen_on_end >= give_up_ms();
    long long inside = 0;
    long long idle = 0;
    notifier_time(&inside, &idle);
    long long elapsed = real_ms() - start_ms;
    /* Straight to the handle, as the watchdog: the main thread may hold the output lock. */
    watch_line("OUTOFTIME\t%s\t%lld\t%lld\t%lld\t%lld\t%lld",
               blame(gave_up, elapsed, inside, idle, frozen), elapsed, inside, idle, frozen,
               frozen_on_end);
    /* A wineserver that stands still (or has gone) never answers TerminateProcess; the
     * threads that asked it something end, the others run on until the runner's timeout. */
    if (gave_up)
        linux_exit_process(EXIT_OUT_OF_TIME);
    TerminateProcess(GetCurrentProcess(), EXIT_OUT_OF_TIME);
}

void budget_start(unsigned seconds, unsigned hang_ms)
{
    if (!seconds)
        return;
    budget_hang_ms = hang_ms;
    LONGLONG total = (LONGLONG)seconds * 1000;
    /* A margin of 5 s, a sixth of shorter budgets, for the report to reach the runner. */
    LONGLONG margin = total / 6 < 5000 ? total / 6 : 5000;
    start_ms = real_ms();
    deadline_ms = start_ms + total - margin - process_age_ms();
    watch_start(deadline_thread);
}

double budget_frozen_ms(void)
{
    return (double)InterlockedCompareExchange64(&frozen_total_ms, 0, 0);
}
