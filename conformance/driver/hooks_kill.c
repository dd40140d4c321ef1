/* Threads ended from outside (see hooks_kill.h). */
#include "hooks_kill.h"

#include "hook_reals.h"
#include "out.h"

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef BOOL(WINAPI *TerminateThread_fn)(HANDLE, DWORD);

BOOL WINAPI w_TerminateThread(HANDLE thread, DWORD code)
{
    DWORD id = GetThreadId(thread);
    int ours = GetProcessIdOfThread(thread) == GetCurrentProcessId();
    if (ours) {
        const char *during = crash_context();
        result_bad("state.process",
                   "TerminateThread(thread %lu)%s%s: the thread ends wherever it was, and a "
                   "critical section or the heap's lock it held stays held; the next caller "
                   "that needs it waits for ever [doc: TerminateThread]",
                   (unsigned long)id, during[0] ? " during " : "", during);
    }
    return REAL(TerminateThread, TerminateThread_fn)(thread, code);
}
