/* Timer resolution the notifier asks for (see hooks_timer_period.h). */
#include "hooks_timer_period.h"

#include "hook_reals.h"
#include "out.h"

#include <stdio.h>

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef UINT(WINAPI *time_period_fn)(UINT);

enum { TIMERR_OK = 0 };

static volatile LONG held;
static volatile LONG reported;
static volatile LONG last_period;
static char began_during[200];

UINT WINAPI w_timeBeginPeriod(UINT period)
{
    UINT r = REAL(timeBeginPeriod, time_period_fn)(period);
    if (r == TIMERR_OK && InterlockedIncrement(&held) == 1) {
        InterlockedExchange(&last_period, (LONG)period);
        const char *during = hook_context();
        snprintf(began_during, sizeof began_during, "%s", during[0] ? during : "a thread");
    }
    return r;
}

UINT WINAPI w_timeEndPeriod(UINT period)
{
    UINT r = REAL(timeEndPeriod, time_period_fn)(period);
    if (r == TIMERR_OK && InterlockedDecrement(&held) < 0)
        InterlockedIncrement(&held);
    return r;
}

int timer_period_left(char *text, size_t cap)
{
    if (held <= 0 || InterlockedExchange(&reported, 1))
        return 0;
    snprintf(text, cap, "timeBeginPeriod(%ld) during %s, without its timeEndPeriod", last_period,
             began_during);
    return 1;
}
