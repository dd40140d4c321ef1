/* Waits that deliver messages (see pump.h). user32 is loaded only here,
 * by full path: the driver itself imports no UI DLL. */
#include "pump.h"

typedef DWORD(WINAPI *msgwait_fn)(DWORD, const HANDLE *, BOOL, DWORD, DWORD);
typedef BOOL(WINAPI *peek_fn)(MSG *, HWND, UINT, UINT, UINT);
typedef LRESULT(WINAPI *dispatch_fn)(const MSG *);

void pump_until(HANDLE h)
{
    HMODULE u = LoadLibraryExW(L"user32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    msgwait_fn wait = u ? (msgwait_fn)(void *)GetProcAddress(u, "MsgWaitForMultipleObjects") : NULL;
    peek_fn peek = u ? (peek_fn)(void *)GetProcAddress(u, "PeekMessageW") : NULL;
    dispatch_fn dispatch = u ? (dispatch_fn)(void *)GetProcAddress(u, "DispatchMessageW") : NULL;
    if (!wait || !peek || !dispatch) {
        WaitForSingleObject(h, INFINITE);
        return;
    }
    for (;;) {
        if (wait(1, &h, FALSE, INFINITE, QS_ALLINPUT) == WAIT_OBJECT_0)
            return;
        MSG m;
        while (peek(&m, NULL, 0, 0, PM_REMOVE))
            dispatch(&m);
    }
}
