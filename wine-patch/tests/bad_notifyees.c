/* Notifyees values that cannot work are skipped, never fail a WNet call:
 * a missing DLL, a DLL with neither export, a value that is not a string
 * [design of the patch, docs/wine-patch.md]. The good notifiers registered
 * beside them still get PRE and POST. The values are added before the
 * first WNet call (MPR reads the key once per process) and removed after. */
#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <string.h>

#include "test_record.h"
#include "wtest.h"

#define NOTIFYEES L"System\\CurrentControlSet\\Control\\NetworkProvider\\Notifyees"
/* HKLM\SYSTEM is one key in both registry views; the view is named all the
 * same, as everywhere in the tests. */
#define VIEW KEY_WOW64_64KEY

static const WCHAR *bad_names[] = {
    L"connotify_zz_missing", L"connotify_zz_noexports", L"connotify_zz_dword"
};

static void remove_bad(HKEY key)
{
    unsigned i;
    for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
        RegDeleteValueW(key, bad_names[i]);
}

static LONG set_sz(HKEY key, const WCHAR *name, const WCHAR *data)
{
    return RegSetValueExW(key, name, 0, REG_EXPAND_SZ, (const BYTE *)data,
                          (DWORD)(wcslen(data) + 1) * sizeof(WCHAR));
}

static unsigned count(tr_shared *tr, enum tr_source src, enum tr_func func, DWORD phase)
{
    unsigned i, n = 0, all = tr_count(tr);
    for (i = 0; i < all; i++)
        if (tr->events[i].source == src && tr->events[i].func == func &&
            tr->events[i].notify_status == phase)
            n++;
    return n;
}

static void test_bad_notifyees(HKEY key)
{
    tr_shared *tr = tr_open();
    NETRESOURCEW nr;
    DWORD ret, dw = 1;

    if (!ok(tr != NULL, "no shared record\n"))
        return;
    ok(!set_sz(key, bad_names[0], L"%CONNOTIFY_BIN%\\connotify_no_such.dll"), "cannot add value\n");
    /* the test provider exports NP* functions only */
    ok(!set_sz(key, bad_names[1], L"%CONNOTIFY_BIN%\\connotify_test_provider.dll"), "cannot add value\n");
    ok(!RegSetValueExW(key, bad_names[2], 0, REG_DWORD, (const BYTE *)&dw, sizeof(dw)),
       "cannot add value\n");

    tr_reset(tr);
    memset(&nr, 0, sizeof(nr));
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)L"P:";
    nr.lpRemoteName = (WCHAR *)L"\\\\bad\\notifyees";
    ret = WNetAddConnection2W(&nr, NULL, NULL, 0);
    ok(ret == WN_SUCCESS, "[design] add with bad notifyees registered returned %lu\n", ret);
    ret = WNetCancelConnection2W(L"P:", 0, TRUE);
    ok(ret == WN_SUCCESS, "[design] cancel with bad notifyees registered returned %lu\n", ret);

    ok(count(tr, TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE) == 1 &&
       count(tr, TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 1,
       "[doc] probe1 still gets add PRE and POST\n");
    ok(count(tr, TR_SRC_PROBE2, TR_FN_CANCELCONNECTNOTIFY, NOTIFY_PRE) == 1 &&
       count(tr, TR_SRC_PROBE2, TR_FN_CANCELCONNECTNOTIFY, NOTIFY_POST) == 1,
       "[doc] probe2 still gets cancel PRE and POST\n");
}

int main(void)
{
    HKEY key;
    LONG err;

    wtest_start("bad_notifyees");
    err = RegOpenKeyExW(HKEY_LOCAL_MACHINE, NOTIFYEES, 0, KEY_ALL_ACCESS | VIEW, &key);
    if (ok(!err, "cannot open the Notifyees key: error %ld\n", err)) {
        remove_bad(key);
        test_bad_notifyees(key);
        remove_bad(key);
        RegCloseKey(key);
    }
    return wtest_end();
}
