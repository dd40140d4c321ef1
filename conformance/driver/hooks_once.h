/* Settings a process makes once, for itself: its COM security (CoInitializeSecurity) and its
 * DPI awareness (SetProcessDPIAware, SetProcessDpiAwareness, SetProcessDpiAwarenessContext).
 * The first call wins for the process's life: a notifier that makes it leaves the host's own
 * call failing (RPC_E_TOO_LATE, E_ACCESSDENIED) and the host with the notifier's choice [doc:
 * CoInitializeSecurity, SetProcessDpiAwarenessContext]. Each call fails state.process at once
 * and is forwarded. [doc] */
#ifndef HOOKS_ONCE_H
#define HOOKS_ONCE_H

#include <windows.h>

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
HRESULT WINAPI w_CoInitializeSecurity(PSECURITY_DESCRIPTOR sd, LONG n_services, void *services,
                                      void *reserved1, DWORD authn_level, DWORD imp_level,
                                      void *auth_list, DWORD capabilities, void *reserved3);
BOOL WINAPI w_SetProcessDPIAware(void);
HRESULT WINAPI w_SetProcessDpiAwareness(int value);
BOOL WINAPI w_SetProcessDpiAwarenessContext(HANDLE context);

#endif
