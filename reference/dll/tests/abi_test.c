/* Run-time report of the same layout checks as abi_static.c: every size and
 * offset of the real <npapi.h> structs equals the core mirror's and the
 * sizes in CONTRACT.md. */
#include <stdio.h>
#include <wchar.h>

#include "abi_layout.h"
#include "dll_test_util.h"
#include "wtest.h"

static void test_sizes(void)
{
#define SIZE_OK(W, M)                                                        \
    ok(sizeof(W) == sizeof(M), "[doc] sizeof(" #W ") %u, mirror " #M " %u\n", \
       (unsigned)sizeof(W), (unsigned)sizeof(M));                             \
    ok(sizeof(W) == CN_SIZE_##W, "[doc] sizeof(" #W ") %u, CONTRACT.md %u\n",  \
       (unsigned)sizeof(W), (unsigned)CN_SIZE_##W);
    CN_ABI_STRUCTS(SIZE_OK)
#undef SIZE_OK
}

static void test_fields(void)
{
#define FIELD_OK(W, M, f)                                                    \
    ok(offsetof(W, f) == offsetof(M, f), "[doc] offsetof(" #W ", " #f ") %u, mirror %u\n", \
       (unsigned)offsetof(W, f), (unsigned)offsetof(M, f));                   \
    ok(CN_FIELD_SIZE(W, f) == CN_FIELD_SIZE(M, f), "[doc] sizeof(" #W "." #f ") %u, mirror %u\n", \
       (unsigned)CN_FIELD_SIZE(W, f), (unsigned)CN_FIELD_SIZE(M, f));
    CN_ABI_FIELDS(FIELD_OK)
#undef FIELD_OK
}

static void test_widths(void)
{
    NOTIFYADD add;
    NOTIFYCANCEL cancel;

    ok(sizeof(add.NetResource.lpRemoteName[0]) == 2,
       "[doc] NOTIFYADD names are %u-byte units, want UTF-16\n",
       (unsigned)sizeof(add.NetResource.lpRemoteName[0]));
    ok(sizeof(cancel.lpName[0]) == 2, "[doc] NOTIFYCANCEL names are %u-byte units, want UTF-16\n",
       (unsigned)sizeof(cancel.lpName[0]));
    ok(NOTIFY_PRE == CN_NOTIFY_PRE && NOTIFY_POST == CN_NOTIFY_POST,
       "[doc] NOTIFY_PRE %u NOTIFY_POST %u\n", (unsigned)NOTIFY_PRE, (unsigned)NOTIFY_POST);
    ok(CONNECT_UPDATE_PROFILE == CN_CONNECT_UPDATE_PROFILE && CONNECT_TEMPORARY == CN_CONNECT_TEMPORARY
       && CONNECT_INTERACTIVE == CN_CONNECT_INTERACTIVE && CONNECT_PROMPT == CN_CONNECT_PROMPT
       && CONNECT_UPDATE_RECENT == CN_CONNECT_UPDATE_RECENT,
       "[doc] CONNECT_* flag values differ from the core's\n");
    ok(WN_BAD_NETNAME == CN_WN_BAD_NETNAME && WN_NOT_CONNECTED == CN_WN_NOT_CONNECTED
       && WN_BAD_VALUE == CN_WN_BAD_VALUE && WN_CANCEL == CN_WN_CANCEL && WN_RETRY == CN_WN_RETRY,
       "[doc] WN_* values differ from the core's\n");
}

/* The version resource names the product [design]. */
static void test_version(void)
{
    WCHAR path[MAX_PATH + 32], *value = NULL;
    DWORD size, dummy;
    UINT len = 0;
    void *buf;

    if (dlltest_dll_path(path, MAX_PATH + 32)) {
        skip("no DLL path\n");
        return;
    }
    size = GetFileVersionInfoSizeW(path, &dummy);
    if (!ok(size != 0, "[design] no version resource in %ls: %lu\n", path, GetLastError()))
        return;
    buf = HeapAlloc(GetProcessHeap(), 0, size);
    if (buf && GetFileVersionInfoW(path, 0, size, buf)) {
        ok(VerQueryValueW(buf, L"\\StringFileInfo\\040904B0\\ProductName", (void **)&value, &len)
           && value && !wcscmp(value, L"connotify"),
           "[design] ProductName %ls, want connotify\n", value ? value : L"(none)");
        value = NULL;
        ok(VerQueryValueW(buf, L"\\StringFileInfo\\040904B0\\FileVersion", (void **)&value, &len)
           && value && value[0], "[design] no FileVersion\n");
    } else {
        ok(0, "GetFileVersionInfo failed: %lu\n", GetLastError());
    }
    HeapFree(GetProcessHeap(), 0, buf);
}

int main(void)
{
    wtest_start("dll_abi");
    test_sizes();
    test_fields();
    test_widths();
    test_version();
    return wtest_end();
}
