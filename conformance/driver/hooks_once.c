/* Settings a process makes once (see hooks_once.h). */
#include "hooks_once.h"

#include "crash.h"
#include "hook_reals.h"
#include "out.h"

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef HRESULT(WINAPI *CoInitializeSecurity_fn)(PSECURITY_DESCRIPTOR, LONG, void *, void *, DWORD,
                                                 DWORD, void *, DWORD, void *);
typedef BOOL(WINAPI *SetProcessDPIAware_fn)(void);
typedef HRESULT(WINAPI *SetProcessDpiAwareness_fn)(int);
typedef BOOL(WINAPI *SetProcessDpiAwarenessContext_fn)(HANDLE);

static void report(const char *fn, const char *what, const char *host_gets)
{
    char frame[300];
    notifier_frame(NULL, frame, sizeof frame);
    result_bad("state.process",
               "%s during %s%s%s: %s is set once per process and belongs to the host; the "
               "host's own call then fails (%s) and keeps the notifier's choice [doc: %s]",
               fn, hook_context(), frame[0] ? "; notifier frame " : "", frame, what, host_gets, fn);
}

HRESULT WINAPI w_CoInitializeSecurity(PSECURITY_DESCRIPTOR sd, LONG n_services, void *services,
                                      void *reserved1, DWORD authn_level, DWORD imp_level,
                                      void *auth_list, DWORD capabilities, void *reserved3)
{
    report("CoInitializeSecurity", "the process's COM security", "RPC_E_TOO_LATE");
    return REAL(CoInitializeSecurity, CoInitializeSecurity_fn)(sd, n_services, services, reserved1,
                                                               authn_level, imp_level, auth_list,
                                                               capabilities, reserved3);
}

BOOL WINAPI w_SetProcessDPIAware(void)
{
    report("SetProcessDPIAware", "the process's DPI awareness", "ERROR_ACCESS_DENIED");
    return REAL(SetProcessDPIAware, SetProcessDPIAware_fn)();
}

HRESULT WINAPI w_SetProcessDpiAwareness(int value)
{
    report("SetProcessDpiAwareness", "the process's DPI awareness", "E_ACCESSDENIED");
    return REAL(SetProcessDpiAwareness, SetProcessDpiAwareness_fn)(value);
}

BOOL WINAPI w_SetProcessDpiAwarenessContext(HANDLE context)
{
    report("SetProcessDpiAwarenessContext", "the process's DPI awareness", "ERROR_ACCESS_DENIED");
    return REAL(SetProcessDpiAwarenessContext, SetProcessDpiAwarenessContext_fn)(context);
}
