/* Registry writes of the notifier below HKEY_CURRENT_USER\Network (the
 * user's remembered connections, remembered.h): counted, so that a change
 * there is the notifier's only when it wrote there, not another process's
 * in the same prefix (a concurrent run). [design] */
#ifndef HOOKS_REGWRITES_H
#define HOOKS_REGWRITES_H

#include <windows.h>

/* How many writes the notifier made there so far. */
long regwrites_network(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
LSTATUS WINAPI w_RegSetValueExW(HKEY key, LPCWSTR name, DWORD reserved, DWORD type,
                                const BYTE *data, DWORD size);
LSTATUS WINAPI w_RegSetValueExA(HKEY key, LPCSTR name, DWORD reserved, DWORD type, const BYTE *data,
                                DWORD size);
LSTATUS WINAPI w_RegDeleteValueW(HKEY key, LPCWSTR name);
LSTATUS WINAPI w_RegDeleteValueA(HKEY key, LPCSTR name);
LSTATUS WINAPI w_RegDeleteKeyW(HKEY key, LPCWSTR sub);
LSTATUS WINAPI w_RegDeleteKeyA(HKEY key, LPCSTR sub);
LSTATUS WINAPI w_RegDeleteKeyExW(HKEY key, LPCWSTR sub, REGSAM view, DWORD reserved);
LSTATUS WINAPI w_RegDeleteKeyExA(HKEY key, LPCSTR sub, REGSAM view, DWORD reserved);
LSTATUS WINAPI w_RegDeleteTreeW(HKEY key, LPCWSTR sub);
LSTATUS WINAPI w_RegDeleteTreeA(HKEY key, LPCSTR sub);

#endif
