/* Programs the notifier starts: CreateProcessA/W and WinExec with a program
 * found as Windows finds it. An unquoted path with spaces runs
 * "C:\Program.exe" first when it exists; a bare name is searched in the
 * host's directories, its current directory among them; a path in a folder
 * ordinary users write is theirs to replace. Any of them runs a planted
 * program in every process that maps a drive. loader.planting [design] */
#ifndef HOOKS_PROCESS_H
#define HOOKS_PROCESS_H

#include <windows.h>

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
BOOL WINAPI w_CreateProcessW(LPCWSTR app, LPWSTR cmd, LPSECURITY_ATTRIBUTES pa,
                             LPSECURITY_ATTRIBUTES ta, BOOL inherit, DWORD flags, LPVOID env,
                             LPCWSTR cwd, LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi);
BOOL WINAPI w_CreateProcessA(LPCSTR app, LPSTR cmd, LPSECURITY_ATTRIBUTES pa,
                             LPSECURITY_ATTRIBUTES ta, BOOL inherit, DWORD flags, LPVOID env,
                             LPCSTR cwd, LPSTARTUPINFOA si, LPPROCESS_INFORMATION pi);
UINT WINAPI w_WinExec(LPCSTR cmd, UINT show);

#endif
