/* Process-wide setting calls of the notifier (see hooks_procwide.h). */
#include "hooks_procwide.h"

#include "hook_reals.h"
#include "out.h"
#include "state_calls.h"

#define REAL(idx, type) ((type)hook_real_at(idx))

static volatile LONG shadow_cp[2];

UINT procwide_console_cp(int output)
{
    UINT cp = output ? GetConsoleOutputCP() : GetConsoleCP();
    if (cp)
        return cp;
    return (UINT)shadow_cp[output ? 1 : 0];
}

typedef BOOL(WINAPI *set_cp_fn)(UINT);

static BOOL set_console_cp(int output, UINT cp)
{
    enum hook_id id = output ? HK_SetConsoleOutputCP : HK_SetConsoleCP;
    hooks_note_state_call("%s(%u)", output ? "SetConsoleOutputCP" : "SetConsoleCP", cp);
    BOOL ok = REAL(id, set_cp_fn)(cp);
    DWORD err = GetLastError();
    if (!(output ? GetConsoleOutputCP() : GetConsoleCP()))
        InterlockedExchange(&shadow_cp[output ? 1 : 0], (LONG)cp);
    SetLastError(err);
    return ok;
}

BOOL WINAPI w_SetConsoleCP(UINT cp)
{
    return set_console_cp(0, cp);
}

BOOL WINAPI w_SetConsoleOutputCP(UINT cp)
{
    return set_console_cp(1, cp);
}

typedef void(WINAPI *void_fn)(void);

void WINAPI w_SetFileApisToOEM(void)
{
    hooks_note_state_call("SetFileApisToOEM()");
    REAL(HK_SetFileApisToOEM, void_fn)();
}

void WINAPI w_SetFileApisToANSI(void)
{
    hooks_note_state_call("SetFileApisToANSI()");
    REAL(HK_SetFileApisToANSI, void_fn)();
}

typedef int(WINAPI *wsa_cleanup_fn)(void);

int WINAPI w_WSACleanup(void)
{
    hooks_note_state_call("WSACleanup()");
    return REAL(HK_WSACleanup, wsa_cleanup_fn)();
}

typedef BOOL(WINAPI *shutdown_fn)(DWORD, DWORD);

BOOL WINAPI w_SetProcessShutdownParameters(DWORD level, DWORD flags)
{
    hooks_note_state_call("SetProcessShutdownParameters(%#lx, %#lx)", (unsigned long)level,
                          (unsigned long)flags);
    return REAL(HK_SetProcessShutdownParameters, shutdown_fn)(level, flags);
}

typedef BOOL(WINAPI *assign_job_fn)(HANDLE, HANDLE);

/* [doc: AssignProcessToJobObject] A process never leaves its job: the host put in the
 * notifier's job takes its limits, and its end, for good. */
BOOL WINAPI w_AssignProcessToJobObject(HANDLE job, HANDLE process)
{
    DWORD pid = GetProcessId(process);
    hooks_note_state_call("AssignProcessToJobObject(%p, process %lu)", (void *)job,
                          (unsigned long)pid);
    if (pid == GetCurrentProcessId())
        result_bad("state.process",
                   "AssignProcessToJobObject(%p, the host process) during %s: the host is in "
                   "the notifier's job for good (a process never leaves its job): the job's "
                   "limits (memory, priority, processes) and its end apply to every process "
                   "that maps a drive",
                   (void *)job, hook_context());
    return REAL(HK_AssignProcessToJobObject, assign_job_fn)(job, process);
}

static volatile LONG predef_overrides;

unsigned procwide_predef_overrides(void)
{
    return (unsigned)predef_overrides;
}

typedef LSTATUS(WINAPI *override_fn)(HKEY, HKEY);

LSTATUS WINAPI w_RegOverridePredefKey(HKEY key, HKEY new_key)
{
    hooks_note_state_call("RegOverridePredefKey(%p, %p)", (void *)key, (void *)new_key);
    LSTATUS r = REAL(HK_RegOverridePredefKey, override_fn)(key, new_key);
    ULONG_PTR n = (ULONG_PTR)key - (ULONG_PTR)HKEY_CLASSES_ROOT;
    if (r == ERROR_SUCCESS && n < 32) {
        if (new_key)
            InterlockedOr(&predef_overrides, (LONG)(1u << n));
        else
            InterlockedAnd(&predef_overrides, (LONG) ~(1u << n));
    }
    return r;
}

typedef BOOL(WINAPI *set_std_fn)(DWORD, HANDLE);

BOOL WINAPI w_SetStdHandle(DWORD which, HANDLE h)
{
    hooks_note_state_call("SetStdHandle(%ld, %p)", (long)(LONG)which, (void *)h);
    return REAL(HK_SetStdHandle, set_std_fn)(which, h);
}

typedef BOOL(WINAPI *adjust_fn)(HANDLE, BOOL, PTOKEN_PRIVILEGES, DWORD, PTOKEN_PRIVILEGES, PDWORD);

BOOL WINAPI w_AdjustTokenPrivileges(HANDLE token, BOOL disable_all, PTOKEN_PRIVILEGES privs,
                                    DWORD len, PTOKEN_PRIVILEGES old, PDWORD ret_len)
{
    char name[64] = "";
    if (!disable_all && privs && privs->PrivilegeCount) {
        DWORD n = sizeof name;
        if (!LookupPrivilegeNameA(NULL, &privs->Privileges[0].Luid, name, &n))
            name[0] = 0;
    }
    hooks_note_state_call("AdjustTokenPrivileges(%s%s)", disable_all ? "disable all" : name,
                          privs && privs->PrivilegeCount > 1 ? ", ..." : "");
    return REAL(HK_AdjustTokenPrivileges, adjust_fn)(token, disable_all, privs, len, old, ret_len);
}
