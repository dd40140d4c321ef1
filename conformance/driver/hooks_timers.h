/* user32 timers the notifier sets on a thread's queue (SetTimer with no
 * window): live until KillTimer or the thread's end. On the caller's thread
 * one outlives the call: the caller's message loop then runs the
 * notifier's TimerProc at a time of its own, or gets WM_TIMER messages it
 * never asked for; after the unload the TimerProc is freed code. [design] */
#ifndef HOOKS_TIMERS_H
#define HOOKS_TIMERS_H

#include <stddef.h>
#include <windows.h>

/* Describes a timer the notifier set on this thread and left live, and
 * kills it (so that it is reported once and never fires); 0 if none. */
int timers_take_left_here(char *buf, size_t cap);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
UINT_PTR WINAPI w_SetTimer(HWND window, UINT_PTR id, UINT ms, TIMERPROC proc);
BOOL WINAPI w_KillTimer(HWND window, UINT_PTR id);

#endif
