/* Waits and timers the notifier registers with the thread pool: RegisterWaitForSingleObject,
 * timer-queue timers, thread-pool waits and timers. Each runs a callback of the notifier
 * when its object is signaled or its time comes, for as long as it stays registered: one
 * left at FreeLibrary calls unmapped code then, maybe hours later (a policy key's change
 * event, a 15-minute refresh). Every wait must be unregistered, also one that ran once
 * (WT_EXECUTEONLYONCE) [doc: RegisterWaitForSingleObject]. [design] */
#ifndef HOOKS_WAITS_H
#define HOOKS_WAITS_H

#include <stddef.h>
#include <stdint.h>
#include <windows.h>

/* Describes the registrations whose callbacks lie in [lo, hi) and are still registered
 * (how many, and the first), and cancels them so that none runs; 0 if none. */
int registrations_take_left(uintptr_t lo, uintptr_t hi, char *buf, size_t cap);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
BOOL WINAPI w_RegisterWaitForSingleObject(PHANDLE wait, HANDLE object, WAITORTIMERCALLBACK cb,
                                          PVOID arg, ULONG ms, ULONG flags);
BOOL WINAPI w_UnregisterWait(HANDLE wait);
BOOL WINAPI w_UnregisterWaitEx(HANDLE wait, HANDLE done);
BOOL WINAPI w_CreateTimerQueueTimer(PHANDLE timer, HANDLE queue, WAITORTIMERCALLBACK cb, PVOID arg,
                                    DWORD due, DWORD period, ULONG flags);
BOOL WINAPI w_DeleteTimerQueueTimer(HANDLE queue, HANDLE timer, HANDLE done);
BOOL WINAPI w_DeleteTimerQueueEx(HANDLE queue, HANDLE done);
BOOL WINAPI w_DeleteTimerQueue(HANDLE queue);
PTP_WAIT WINAPI w_CreateThreadpoolWait(PTP_WAIT_CALLBACK cb, PVOID arg, PTP_CALLBACK_ENVIRON env);
VOID WINAPI w_CloseThreadpoolWait(PTP_WAIT wait);
PTP_TIMER WINAPI w_CreateThreadpoolTimer(PTP_TIMER_CALLBACK cb, PVOID arg,
                                         PTP_CALLBACK_ENVIRON env);
VOID WINAPI w_CloseThreadpoolTimer(PTP_TIMER timer);

#endif
