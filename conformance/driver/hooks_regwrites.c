/* Registry writes of the notifier (see hooks_regwrites.h). */
#include "hooks_regwrites.h"

#include "hook_reals.h"
#include "reg_key_name.h"

#include <wchar.h>

#define REAL(idx, type) ((type)hook_real_at(idx))

static volatile LONG network_writes;

long regwrites_network(void)
{
    return network_writes;
}

static int starts_network(const WCHAR *p)
{
    return !_wcsnicmp(p, L"Network", 7) && (p[7] == 0 || p[7] == '\\');
}

/* Whether key (+ sub) is HKEY_CURRENT_USER\Network or below it. */
static int under_network(HKEY key, const WCHAR *sub)
{
    if (key == HKEY_CURRENT_USER)
        return sub && starts_network(sub);
    WCHAR name[512];
    if (!reg_key_full_name(key, name, 512))
        return 0;
    const WCHAR *users = L"\\REGISTRY\\USER\\";
    if (_wcsnicmp(name, users, wcslen(users)))
        return 0;
    const WCHAR *rest = wcschr(name + wcslen(users), '\\');
    if (!rest)
        return sub && starts_network(sub);
    return starts_network(rest + 1);
}

static void note(HKEY key, const WCHAR *sub)
{
    if (under_network(key, sub))
        InterlockedIncrement(&network_writes);
}

static void note_a(HKEY key, const char *sub)
{
    WCHAR w[MAX_PATH];
    if (!sub || !MultiByteToWideChar(CP_ACP, 0, sub, -1, w, MAX_PATH))
        w[0] = 0;
    w[MAX_PATH - 1] = 0;
    note(key, sub ? w : NULL);
}

typedef LSTATUS(WINAPI *set_w_fn)(HKEY, LPCWSTR, DWORD, DWORD, const BYTE *, DWORD);
typedef LSTATUS(WINAPI *set_a_fn)(HKEY, LPCSTR, DWORD, DWORD, const BYTE *, DWORD);
typedef LSTATUS(WINAPI *del_w_fn)(HKEY, LPCWSTR);
typedef LSTATUS(WINAPI *del_a_fn)(HKEY, LPCSTR);
typedef LSTATUS(WINAPI *del_ex_w_fn)(HKEY, LPCWSTR, REGSAM, DWORD);
typedef LSTATUS(WINAPI *del_ex_a_fn)(HKEY, LPCSTR, REGSAM, DWORD);

LSTATUS WINAPI w_RegSetValueExW(HKEY key, LPCWSTR name, DWORD reserved, DWORD type,
                                const BYTE *data, DWORD size)
{
    note(key, NULL);
    return REAL(HK_RegSetValueExW, set_w_fn)(key, name, reserved, type, data, size);
}

LSTATUS WINAPI w_RegSetValueExA(HKEY key, LPCSTR name, DWORD reserved, DWORD type, const BYTE *data,
                                DWORD size)
{
    note(key, NULL);
    return REAL(HK_RegSetValueExA, set_a_fn)(key, name, reserved, type, data, size);
}

LSTATUS WINAPI w_RegDeleteValueW(HKEY key, LPCWSTR name)
{
    note(key, NULL);
    return REAL(HK_RegDeleteValueW, del_w_fn)(key, name);
}

LSTATUS WINAPI w_RegDeleteValueA(HKEY key, LPCSTR name)
{
    note(key, NULL);
    return REAL(HK_RegDeleteValueA, del_a_fn)(key, name);
}

LSTATUS WINAPI w_RegDeleteKeyW(HKEY key, LPCWSTR sub)
{
    note(key, sub);
    return REAL(HK_RegDeleteKeyW, del_w_fn)(key, sub);
}

LSTATUS WINAPI w_RegDeleteKeyA(HKEY key, LPCSTR sub)
{
    note_a(key, sub);
    return REAL(HK_RegDeleteKeyA, del_a_fn)(key, sub);
}

LSTATUS WINAPI w_RegDeleteKeyExW(HKEY key, LPCWSTR sub, REGSAM view, DWORD reserved)
{
    note(key, sub);
    return REAL(HK_RegDeleteKeyExW, del_ex_w_fn)(key, sub, view, reserved);
}

LSTATUS WINAPI w_RegDeleteKeyExA(HKEY key, LPCSTR sub, REGSAM view, DWORD reserved)
{
    note_a(key, sub);
    return REAL(HK_RegDeleteKeyExA, del_ex_a_fn)(key, sub, view, reserved);
}

LSTATUS WINAPI w_RegDeleteTreeW(HKEY key, LPCWSTR sub)
{
    note(key, sub);
    return REAL(HK_RegDeleteTreeW, del_w_fn)(key, sub);
}

LSTATUS WINAPI w_RegDeleteTreeA(HKEY key, LPCSTR sub)
{
    note_a(key, sub);
    return REAL(HK_RegDeleteTreeA, del_a_fn)(key, sub);
}
