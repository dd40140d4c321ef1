/* Process-wide settings the notifier changes through its imports: the
 * console's code pages, the file APIs' code page, the standard handles, the
 * privileges of a token, the predefined registry keys and the process's job. Each call is forwarded and named for the
 * state.process text; the console code pages are also shadowed, since a
 * process without a console (the gate's) refuses them while net use, which
 * has one, takes them. [design] */
#ifndef HOOKS_PROCWIDE_H
#define HOOKS_PROCWIDE_H

#include <windows.h>

/* The console's input (output = 0) or output code page: the real one, or
 * without a console the last one the notifier asked for (0 before). */
UINT procwide_console_cp(int output);
/* The predefined registry keys the notifier redirected with
 * RegOverridePredefKey and has not put back: bit n for key 0x80000000 + n. */
unsigned procwide_predef_overrides(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
BOOL WINAPI w_SetConsoleCP(UINT cp);
BOOL WINAPI w_SetConsoleOutputCP(UINT cp);
void WINAPI w_SetFileApisToOEM(void);
void WINAPI w_SetFileApisToANSI(void);
BOOL WINAPI w_SetStdHandle(DWORD which, HANDLE h);
int WINAPI w_WSACleanup(void);
BOOL WINAPI w_SetProcessShutdownParameters(DWORD level, DWORD flags);
BOOL WINAPI w_AssignProcessToJobObject(HANDLE job, HANDLE process);
LSTATUS WINAPI w_RegOverridePredefKey(HKEY key, HKEY new_key);
BOOL WINAPI w_AdjustTokenPrivileges(HANDLE token, BOOL disable_all, PTOKEN_PRIVILEGES privs,
                                    DWORD len, PTOKEN_PRIVILEGES old, PDWORD ret_len);

#endif
