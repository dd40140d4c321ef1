/* Cases statuses, info and returns: unusual but valid inputs. */
#include "cases.h"

#include "call.h"
#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* ---------------- unusual but valid inputs ---------------- */

/* [doc] dwOperationStatus in POST is whatever the provider returned: any
 * DWORD, not only the WN_* set. hwndOwner is any value, names can be one
 * unit long. */
void case_statuses(void)
{
    if (!load_notifier()) return;
    std_names();
    static const DWORD statuses[] = { WN_NO_NET_OR_BAD_PATH, WN_EXTENDED_ERROR, ERROR_INVALID_PARAMETER,
                                      ERROR_FILE_NOT_FOUND, ERROR_BAD_NET_NAME, 0x80070035, 0xc0000022,
                                      0x7fffffff, 0xfffffffe, 0xffffffff };
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0);
    NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s_local, NULL, 0, FALSE);
    int n = 0;
    announce_step("POSTs with unusual provider results");
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "POST status %lu (%#lx)", (unsigned long)statuses[i], (unsigned long)statuses[i]);
        n += pair_add(a, statuses[i], what);
        n += pair_cancel(pre, post, statuses[i], what);
    }
    announce_step("hwndOwner not a window, one-unit names, every dwType");
    NOTIFYADD *h = fence_alloc(sizeof *h, "NOTIFYADD");
    *h = *a;
    h->hwndOwner = (HWND)(uintptr_t)0x10abc;  /* no such window */
    fence_seal(h);
    pair_add(h, WN_SUCCESS, "hwndOwner 0x10abc, not a window");
    WCHAR *one_l = fence_wstr(L"Z", "a 1-unit lpLocalName");
    WCHAR *one_r = fence_wstr(L"\\", "a 1-unit lpRemoteName");
    WCHAR *one_p = fence_wstr(L"p", "a 1-unit lpProvider");
    static const DWORD types[] = { RESOURCETYPE_ANY, RESOURCETYPE_DISK, RESOURCETYPE_PRINT, RESOURCETYPE_RESERVED };
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        char what[64];
        snprintf(what, sizeof what, "1-unit names, dwType %#lx", (unsigned long)types[t]);
        pair_add(mk_add(types[t], one_l, one_r, one_p, CONNECT_TEMPORARY), t & 1 ? WN_BAD_NETNAME : WN_SUCCESS, what);
    }
    pair_cancel(mk_cancel(one_l, s_pre_provider, 0, FALSE), mk_cancel(one_l, one_p, 0, FALSE), WN_SUCCESS,
                "1-unit lpName and lpProvider");
    result("drive.statuses", "pass", "%d POSTs with provider results outside the WN_* set (1203, 1208, 0x80070035, 0xffffffff, ...), a non-window hwndOwner, 1-unit names, 4 dwType values: no crash",
           n);
}

/* ---------------- NOTIFYINFO: lpContext is the only output [doc] ---------------- */

/* Checks that a call left dwNotifyStatus and dwOperationStatus alone;
 * returns 0 and reports the first change. */
static int info_same(const NOTIFYINFO *ni, DWORD phase, DWORD status, const char *fn)
{
    if (ni->dwNotifyStatus == phase && ni->dwOperationStatus == status) return 1;
    const char *ph = phase == NOTIFY_PRE ? "PRE" : "POST";
    if (ni->dwNotifyStatus != phase)
        result("drive.info", "fail", "%s %s changed NOTIFYINFO.dwNotifyStatus from %lu to %lu: lpContext is its only output [doc]",
               fn, ph, (unsigned long)phase, (unsigned long)ni->dwNotifyStatus);
    else
        result("drive.info", "fail", "%s %s changed NOTIFYINFO.dwOperationStatus from %s to %s: lpContext is its only output [doc]",
               fn, ph, wn_name(status), wn_name(ni->dwOperationStatus));
    return 0;
}

void case_info(void)
{
    if (!load_notifier()) return;
    std_names();
    /* NOTIFYINFO ends right before a NOACCESS page: a notifier built with
     * a larger struct (a private "extended" NOTIFYINFO, a 64-bit lpContext
     * on i686) writes past it and faults. */
    NOTIFYINFO *ni = fence_alloc(sizeof *ni, "NOTIFYINFO (lpContext is its last field)");
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0);
    NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s_local, s_provider, 0, FALSE);
    NOTIFYCANCEL *fail_post = mk_cancel(s_local, NULL, 0, FALSE);
    static const DWORD statuses[] = { WN_SUCCESS, WN_BAD_NETNAME, WN_ACCESS_DENIED };
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        DWORD st = statuses[i];
        char what[64];
        void *ctx = NULL;
        snprintf(what, sizeof what, "NOTIFYINFO at a page end, POST status %s", wn_name(st));
        call_op(OP_ADD, ni, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
        if (!info_same(ni, NOTIFY_PRE, WN_SUCCESS, "AddConnectNotify")) return;
        if (ctx) {
            call_op(OP_ADD, ni, NOTIFY_POST, st, &ctx, a, what);
            if (!info_same(ni, NOTIFY_POST, st, "AddConnectNotify")) return;
        }
        ctx = NULL;
        call_op(OP_CANCEL, ni, NOTIFY_PRE, WN_SUCCESS, &ctx, pre, what);
        if (!info_same(ni, NOTIFY_PRE, WN_SUCCESS, "CancelConnectNotify")) return;
        if (ctx) {
            DWORD cst = st == WN_SUCCESS ? WN_SUCCESS : WN_NOT_CONNECTED;
            call_op(OP_CANCEL, ni, NOTIFY_POST, cst, &ctx, cst == WN_SUCCESS ? post : fail_post, what);
            if (!info_same(ni, NOTIFY_POST, cst, "CancelConnectNotify")) return;
        }
    }
    result("drive.info", "pass", "12 calls with NOTIFYINFO at the end of a page: no write past it, dwNotifyStatus and dwOperationStatus unchanged");
}

void case_returns(void)
{
    if (!load_notifier()) return;
    std_names();
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, CONNECT_UPDATE_PROFILE);
    NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s_local, s_provider, 0, FALSE);
    for (int i = 0; i < 10; i++) {
        pair_add(a, i & 1 ? WN_BAD_NETNAME : WN_SUCCESS, "ordinary add");
        pair_cancel(pre, post, i & 1 ? WN_NOT_CONNECTED : WN_SUCCESS, "ordinary cancel");
    }
    unsigned n = shapes_init();
    for (unsigned i = 0; i < n; i++)
        shape_cycle(shape_at(i), NULL);
    returns_verdict();
}

