/* The waits no other file hooks: Sleep, SleepEx, waits on several objects, overlapped results,
 * message waits and named-pipe connects and transactions. Each is noted (waits_noted.h), then
 * made. */
#include "hooks_sleeps.h"

#include "hook_reals.h"
#include "waits_noted.h"

#define REAL(id, type) ((type)hook_real_at(HK_##id))
#define CALLER         __builtin_return_address(0)

typedef void(WINAPI *sleep_fn)(DWORD);
typedef DWORD(WINAPI *sleepex_fn)(DWORD, BOOL);
typedef DWORD(WINAPI *waitmulex_fn)(DWORD, const HANDLE *, BOOL, DWORD, BOOL);
typedef DWORD(WINAPI *signalwait_fn)(HANDLE, HANDLE, DWORD, BOOL);
typedef BOOL(WINAPI *overlapped_fn)(HANDLE, LPOVERLAPPED, LPDWORD, BOOL);
typedef BOOL(WINAPI *overlappedex_fn)(HANDLE, LPOVERLAPPED, LPDWORD, DWORD, BOOL);
typedef DWORD(WINAPI *msgwait_fn)(DWORD, const HANDLE *, BOOL, DWORD, DWORD);
typedef DWORD(WINAPI *msgwaitex_fn)(DWORD, const HANDLE *, DWORD, DWORD, DWORD);
typedef BOOL(WINAPI *connectpipe_fn)(HANDLE, LPOVERLAPPED);
typedef BOOL(WINAPI *transactpipe_fn)(HANDLE, LPVOID, DWORD, LPVOID, DWORD, LPDWORD, LPOVERLAPPED);

void WINAPI w_Sleep(DWORD ms)
{
    wait_noted("Sleep", ms, NULL, 0, CALLER);
    REAL(Sleep, sleep_fn)(ms);
}

DWORD WINAPI w_SleepEx(DWORD ms, BOOL alertable)
{
    wait_noted("SleepEx", ms, NULL, 0, CALLER);
    return REAL(SleepEx, sleepex_fn)(ms, alertable);
}

DWORD WINAPI w_WaitForMultipleObjectsEx(DWORD n, const HANDLE *hs, BOOL all, DWORD ms,
                                        BOOL alertable)
{
    wait_noted("WaitForMultipleObjectsEx", ms, hs, n, CALLER);
    return REAL(WaitForMultipleObjectsEx, waitmulex_fn)(n, hs, all, ms, alertable);
}

DWORD WINAPI w_SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD ms, BOOL alertable)
{
    wait_noted("SignalObjectAndWait", ms, &wait, 1, CALLER);
    return REAL(SignalObjectAndWait, signalwait_fn)(signal, wait, ms, alertable);
}

BOOL WINAPI w_GetOverlappedResult(HANDLE h, LPOVERLAPPED ov, LPDWORD n, BOOL wait)
{
    wait_noted("GetOverlappedResult", wait ? INFINITE : 0, NULL, 0, CALLER);
    return REAL(GetOverlappedResult, overlapped_fn)(h, ov, n, wait);
}

BOOL WINAPI w_GetOverlappedResultEx(HANDLE h, LPOVERLAPPED ov, LPDWORD n, DWORD ms, BOOL alertable)
{
    wait_noted("GetOverlappedResultEx", ms, NULL, 0, CALLER);
    return REAL(GetOverlappedResultEx, overlappedex_fn)(h, ov, n, ms, alertable);
}

DWORD WINAPI w_MsgWaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all, DWORD ms, DWORD mask)
{
    wait_noted("MsgWaitForMultipleObjects", ms, hs, n, CALLER);
    return REAL(MsgWaitForMultipleObjects, msgwait_fn)(n, hs, all, ms, mask);
}

DWORD WINAPI w_MsgWaitForMultipleObjectsEx(DWORD n, const HANDLE *hs, DWORD ms, DWORD mask,
                                           DWORD flags)
{
    wait_noted("MsgWaitForMultipleObjectsEx", ms, hs, n, CALLER);
    return REAL(MsgWaitForMultipleObjectsEx, msgwaitex_fn)(n, hs, ms, mask, flags);
}

BOOL WINAPI w_ConnectNamedPipe(HANDLE pipe, LPOVERLAPPED ov)
{
    pipe_io_noted("ConnectNamedPipe", pipe, ov, CALLER);
    return REAL(ConnectNamedPipe, connectpipe_fn)(pipe, ov);
}

BOOL WINAPI w_TransactNamedPipe(HANDLE pipe, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size,
                                LPDWORD read, LPOVERLAPPED ov)
{
    pipe_io_noted("TransactNamedPipe", pipe, ov, CALLER);
    return REAL(TransactNamedPipe, transactpipe_fn)(pipe, in, in_size, out, out_size, read, ov);
}
