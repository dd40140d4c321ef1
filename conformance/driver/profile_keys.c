/* MPR's record of a remembered connection (see profile_keys.h). */
#include "profile_keys.h"

#include <wchar.h>

static void set_sz(HKEY k, const WCHAR *name, const WCHAR *text)
{
    RegSetValueExW(k, name, 0, REG_SZ, (const BYTE *)text,
                   (DWORD)((wcslen(text) + 1) * sizeof(WCHAR)));
}

static void set_dword(HKEY k, const WCHAR *name, DWORD v)
{
    RegSetValueExW(k, name, 0, REG_DWORD, (const BYTE *)&v, sizeof v);
}

void profile_key_name(WCHAR letter, WCHAR out[PROFILE_KEY_UNITS])
{
    swprintf(out, PROFILE_KEY_UNITS, L"Network\\%lc", (wint_t)letter);
}

int profile_key_write(WCHAR letter, const WCHAR *remote)
{
    WCHAR name[PROFILE_KEY_UNITS];
    HKEY k;
    profile_key_name(letter, name);
    if (RegCreateKeyExW(HKEY_CURRENT_USER, name, 0, NULL, 0, KEY_WRITE, NULL, &k, NULL))
        return 0;
    set_sz(k, L"RemotePath", remote);
    set_sz(k, L"UserName", L"");
    set_sz(k, L"ProviderName", L"Microsoft Windows Network");
    set_dword(k, L"ProviderType", 0x20000);
    set_dword(k, L"ConnectionType", 1);
    set_dword(k, L"DeferFlags", 4);
    RegCloseKey(k);
    return 1;
}

void profile_key_delete(WCHAR letter)
{
    WCHAR name[PROFILE_KEY_UNITS];
    profile_key_name(letter, name);
    RegDeleteKeyW(HKEY_CURRENT_USER, name);
}
