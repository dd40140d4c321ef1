/* Checks that prefix "patched" runs the patched mpr.dll: the module that
 * serves WNet calls is a native PE from system32, not Wine's builtin. */
#include <windows.h>
#include <winnetwk.h>
#include <string.h>

#include "wtest.h"

/* [wine] builtin PE modules carry this text right after the DOS header;
 * build-mpr.sh's winegcc output does not. */
static const char builtin_tag[] = "Wine builtin DLL";

static void test_module(void)
{
    WCHAR path[MAX_PATH], sys[MAX_PATH];
    HMODULE mpr;
    DWORD ret, len;
    const char *base;

    /* Any call loads mpr.dll through the import table. */
    ret = WNetCancelConnection2W(L"connotify-none:", 0, FALSE);
    trace("WNetCancelConnection2W returned %lu\n", ret);

    mpr = GetModuleHandleW(L"mpr.dll");
    if (!ok(mpr != NULL, "mpr.dll not loaded, error %lu\n", GetLastError()))
        return;
    len = GetModuleFileNameW(mpr, path, MAX_PATH);
    ok(len > 0, "GetModuleFileNameW failed, error %lu\n", GetLastError());
    GetSystemDirectoryW(sys, MAX_PATH);
    ok(!_wcsnicmp(path, sys, wcslen(sys)), "mpr.dll loaded from %ls, not %ls\n", path, sys);

    base = (const char *)mpr;
    ok(memcmp(base + 0x40, builtin_tag, sizeof(builtin_tag) - 1) != 0,
       "mpr.dll at %ls is Wine's builtin, not the patched build [wine]\n", path);
}

int main(void)
{
    wtest_start("mpr_loaded");
    test_module();
    return wtest_end();
}
