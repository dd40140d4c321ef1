/* The waits no other file hooks (see hooks_sleeps.c). */
#ifndef HOOKS_SLEEPS_H
#define HOOKS_SLEEPS_H

#include <windows.h>

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
void WINAPI w_Sleep(DWORD ms);
DWORD WINAPI w_SleepEx(DWORD ms, BOOL alertable);
DWORD WINAPI w_WaitForMultipleObjectsEx(DWORD n, const HANDLE *hs, BOOL all, DWORD ms,
                                        BOOL alertable);
DWORD WINAPI w_SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD ms, BOOL alertable);
BOOL WINAPI w_GetOverlappedResult(HANDLE h, LPOVERLAPPED ov, LPDWORD n, BOOL wait);
BOOL WINAPI w_GetOverlappedResultEx(HANDLE h, LPOVERLAPPED ov, LPDWORD n, DWORD ms, BOOL alertable);
DWORD WINAPI w_MsgWaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all, DWORD ms, DWORD mask);
BOOL WINAPI w_ConnectNamedPipe(HANDLE pipe, LPOVERLAPPED ov);
BOOL WINAPI w_TransactNamedPipe(HANDLE pipe, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size,
                                LPDWORD read, LPOVERLAPPED ov);
DWORD WINAPI w_MsgWaitForMultipleObjectsEx(DWORD n, const HANDLE *hs, DWORD ms, DWORD mask,
                                           DWORD flags);

#endif
