/* Timer resolution the notifier asks for (timeBeginPeriod, timeEndPeriod). Each
 * timeBeginPeriod must be matched by a timeEndPeriod with the same period [doc:
 * timeBeginPeriod]; one left raises the resolution of the host's timers and waits, and its
 * power use, for the rest of its life. Judged when an operation's last call returns:
 * state.process [doc] */
#ifndef HOOKS_TIMER_PERIOD_H
#define HOOKS_TIMER_PERIOD_H

#include <stddef.h>
#include <windows.h>

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
UINT WINAPI w_timeBeginPeriod(UINT period);
UINT WINAPI w_timeEndPeriod(UINT period);

/* 1 and the text when a period the notifier began is still not ended (said once). */
int timer_period_left(char *text, size_t cap);

#endif
