/* Registration for a run (register.h); the key names are case_mpr.c's. */
#include "register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define ORDER       L"System\\CurrentControlSet\\Control\\NetworkProvider\\Order"
#define SERVICE     L"ConnotifyConformanceProvider"
#define SERVICE_KEY L"System\\CurrentControlSet\\Services\\" SERVICE L"\\NetworkProvider"
#define LOG_KEY     L"SOFTWARE\\connotify"

int register_allowed(REGSAM view)
{
    const char *user = getenv("CONNOTIFY_CONFORM_AS_USER");
    HKEY k;
    if (user && !strcmp(user, "1"))
        return 0;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, ORDER, 0, KEY_SET_VALUE | view, &k) == ERROR_SUCCESS) {
        RegCloseKey(k);
        return 1;
    }
    /* No Order key yet: whether HKLM\System takes a new key. */
    LONG r = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Control", 0,
                           KEY_CREATE_SUB_KEY | view, &k);
    if (r == ERROR_SUCCESS)
        RegCloseKey(k);
    return r == ERROR_SUCCESS;
}

static int set(REGSAM view, const WCHAR *key, const WCHAR *name, DWORD type, const void *data,
               DWORD size)
{
    HKEY k;
    LONG r =
        RegCreateKeyExW(HKEY_LOCAL_MACHINE, key, 0, NULL, 0, KEY_SET_VALUE | view, NULL, &k, NULL);
    if (!r) {
        r = RegSetValueExW(k, name, 0, type, data, size);
        RegCloseKey(k);
    }
    if (r)
        fprintf(stderr, "conformance: error: cannot write HKLM\\%ls value %ls (error %ld)\n", key,
                name, r);
    return r ? -1 : 0;
}

static int set_str(REGSAM view, const WCHAR *key, const WCHAR *name, DWORD type, const WCHAR *s)
{
    return set(view, key, name, type, s, (DWORD)((wcslen(s) + 1) * sizeof(WCHAR)));
}

int register_for_run(REGSAM view, const WCHAR *provider, const WCHAR *logpath)
{
    DWORD cls = 1; /* Class = WN_NETWORK_CLASS [doc] */
    if (provider &&
        (set_str(view, SERVICE_KEY, L"Name", REG_SZ, L"Connotify Conformance Provider") ||
         set_str(view, SERVICE_KEY, L"ProviderPath", REG_EXPAND_SZ, provider) ||
         set(view, SERVICE_KEY, L"Class", REG_DWORD, &cls, sizeof cls) ||
         set_str(view, ORDER, L"ProviderOrder", REG_SZ, SERVICE)))
        return -1;
    if (logpath && set_str(view, LOG_KEY, L"LogPath", REG_EXPAND_SZ, logpath))
        return -1;
    return 0;
}
