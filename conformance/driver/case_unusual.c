/* Cases statuses, info and returns: unusual but valid inputs. */
#include "cases.h"
#include "command_names.h"

#include "call.h"
#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "file_sharing.h"
#include "hooks_files.h"
#include "log_truncation.h"
#include "made_statuses.h"
#include "record_ends.h"
#include "records_kept.h"
#include "objects.h"
#include "measure.h"
#include "out.h"
#include "path_traversal.h"
#include "shapes.h"
#include "wanted.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* ---------------- unusual but valid inputs ---------------- */

/* The add's PRE answer; a POST with `status` follows when PRE set a
 * context. */
static DWORD add_then_fail(NOTIFYADD *a, DWORD status, const char *what)
{
    void *ctx = NULL;
    DWORD r = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, status, &ctx, a, what);
    return r;
}

/* [doc] A POST with an error: the add failed and made no connection. The
 * caller tries the same add again (a wrong password, a server that was
 * down): its PRE gets the answer the first one got. 0 if judged. */
static int retries_after_failure(NOTIFYADD *a)
{
    static const DWORD failures[] = {WN_BAD_NETNAME, WN_BAD_PASSWORD, ERROR_LOGON_FAILURE,
                                     ERROR_SESSION_CREDENTIAL_CONFLICT, 0x80070035};
    NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s_local, s_provider, 0, FALSE);
    for (size_t i = 0; i < sizeof failures / sizeof failures[0]; i++) {
        char what[80];
        snprintf(what, sizeof what, "an add that fails with %lu, then the same add again",
                 (unsigned long)failures[i]);
        DWORD first = add_then_fail(a, failures[i], what);
        DWORD again = add_then_fail(a, WN_SUCCESS, what);
        /* Confirmed as the first calls of a fresh load: a refusal that came from the calls
         * before (a limit of the rate of adds) is not the failed add's. */
        if (first == WN_SUCCESS && again != WN_SUCCESS && reload_notifier()) {
            first = add_then_fail(a, failures[i], what);
            again = add_then_fail(a, WN_SUCCESS, what);
        }
        if (first == WN_SUCCESS && again != WN_SUCCESS) {
            result_bad("drive.statuses",
                       "the add PRE of %ls on %ls returned WN_SUCCESS, its POST reported the "
                       "provider's error %lu, and the same add tried again got %s from PRE, also "
                       "as the first calls of a fresh load: a failed add taken for a made "
                       "connection (Win32 error codes are positive: FAILED() and < 0 never see "
                       "them)",
                       s_remote, s_local, (unsigned long)failures[i], wn_name(again));
            return 0;
        }
        pair_cancel(pre, post, WN_SUCCESS, what);
    }
    return 1;
}

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
    announce_step("an add that fails, then the same add again");
    retries_after_failure(a);
    announce_step("adds made with POST 2108 and 2109, against adds made with WN_SUCCESS");
    char made[500];
    if (made_statuses_differ(made, sizeof made)) {
        result_bad("drive.statuses", "%s", made);
        return;
    }
    if (!reload_notifier())
        return;
    announce_step("POSTs with unusual provider results");
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "POST status %lu (%#lx)", (unsigned long)statuses[i], (unsigned long)statuses[i]);
        n += pair_add(a, statuses[i], what);
        n += pair_cancel(pre, post, statuses[i], what);
    }
    announce_step("POSTs with every Win32 code from 1 to %d", SHAPES_LAST_STATUS);
    n += shapes_status_sweep(a, pre, post);
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
    if (!violation_of("drive.statuses"))
        result("drive.statuses", "pass",
               "%d POSTs with provider results outside the WN_* set (1203, 1208, 0x80070035, "
               "0xffffffff, ...) and every code from 1 to 1999, a non-window hwndOwner, 1-unit "
               "names, 4 dwType values: no crash; an add tried again after a failed one answered "
               "as the first; adds after 20 made with POST 2108 or 2109 answered as after 20 made "
               "with WN_SUCCESS",
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

/* ---------------- PRE refusals: policy or fail-closed ---------------- */

/* PRE results of one kind of operation over the ordinary inputs. */
struct refusals {
    unsigned calls;
    unsigned refused;
    DWORD first; /* the first refusal's code */
    int mixed;   /* refusals with more than one code */
};

static void count_pre(struct refusals *r, DWORD ret)
{
    r->calls++;
    if (ret == WN_SUCCESS)
        return;
    if (r->refused && ret != r->first)
        r->mixed = 1;
    if (!r->refused)
        r->first = ret;
    r->refused++;
}

/* PRE, then POST with `status` when PRE set a context; counts the PRE. */
static void counted_pair(struct refusals *r, enum op_kind k, void *pre, void *post, DWORD status,
                         const char *what)
{
    void *ctx = NULL;
    count_pre(r, call_op(k, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, pre, what));
    if (ctx)
        call_op(k, NULL, NOTIFY_POST, status, &ctx, post, what);
}

/* [design] An error from PRE fails the caller's operation [w9x]: a PRE that
 * refuses every ordinary input (drive letter, deviceless, UNC, with and
 * without provider) fails every mapping in the process, whatever the policy
 * meant; its own infrastructure failing (a log it cannot open) is the usual
 * cause. Refusing only some inputs is a policy (drive.preerror reports it). */
static void refuse_verdict(const struct refusals *r, const char *fn, const char *what)
{
    if (!r->calls || r->refused < r->calls)
        return;
    const char *open = files_failed_open();
    result_bad("drive.refuseall",
               "%s PRE refused all %u ordinary %s (drive letter, deviceless, "
               "UNC, provider or none) with %s%s: every %s in the process fails%s%s%s",
               fn, r->calls, what, wn_name(r->first), r->mixed ? " and other codes" : "",
               what[0] == 'a' ? "mapping" : "disconnection", open[0] ? "; it fails closed: " : "",
               open, open[0] ? " (count the error, return WN_SUCCESS)" : "");
}

void case_returns(void)
{
    if (!load_notifier()) return;
    std_names();
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, CONNECT_UPDATE_PROFILE);
    NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s_local, s_provider, 0, FALSE);
    struct refusals adds = {0};
    struct refusals cancels = {0};
    for (int i = 0; i < 10; i++) {
        counted_pair(&adds, OP_ADD, a, a, i & 1 ? WN_BAD_NETNAME : WN_SUCCESS, "ordinary add");
        counted_pair(&cancels, OP_CANCEL, pre, post, i & 1 ? WN_NOT_CONNECTED : WN_SUCCESS,
                     "ordinary cancel");
    }
    unsigned n = shapes_init();
    for (unsigned i = 0; i < n; i++) {
        const struct shape *s = shape_at(i);
        counted_pair(&adds, OP_ADD, s->add, s->add, s->add_status, s->label);
        counted_pair(&cancels, OP_CANCEL, s->cancel_pre, s->cancel_post, s->cancel_status,
                     s->label);
    }
    returns_verdict();
    refuse_verdict(&adds, "AddConnectNotify", "adds");
    refuse_verdict(&cancels, "CancelConnectNotify", "cancels");
    if (!violation_of("drive.refuseall"))
        result("drive.refuseall", "pass",
               "PRE accepted %u of %u ordinary adds and %u of %u "
               "cancels",
               adds.calls - adds.refused, adds.calls, cancels.calls - cancels.refused,
               cancels.calls);
}

/* ---------------- files the notifier opens and writes ---------------- */

/* The marker followed by CR, LF and '|', twice round, in a name. */
static WCHAR *marked(const WCHAR *head, const WCHAR *marker, const char *label)
{
    WCHAR buf[256];
    _snwprintf(buf, 256, L"%ls%ls\r%ls\n%ls|%ls\r\n%ls|x", head, marker, marker, marker, marker,
               marker);
    buf[255] = 0;
    return fence_wstr(buf, label);
}

/* The marker followed by a quote and by a tab, in a name with no line break (a notifier may
 * drop those): a quoted field's end and a tab-separated field's. */
static WCHAR *marked_quote_tab(const WCHAR *head, const WCHAR *marker, const char *label)
{
    WCHAR buf[256];
    _snwprintf(buf, 256, L"%ls%ls\"#%ls\t%lsx", head, marker, marker, marker);
    buf[255] = 0;
    return fence_wstr(buf, label);
}

/* Names with CR, LF, '|', '"' and a tab in every field, through add and cancel. */
static unsigned send_marked(const WCHAR *marker)
{
    WCHAR *local = marked(L"Q:", marker, "lpLocalName with CR, LF and '|'");
    WCHAR *remote = marked(L"\\\\server\\share", marker, "lpRemoteName with CR, LF and '|'");
    WCHAR *provider = marked(L"Provider", marker, "lpProvider with CR, LF and '|'");
    WCHAR *local_q = marked_quote_tab(L"Q:", marker, "lpLocalName with '\"' and a tab");
    WCHAR *remote_q =
        marked_quote_tab(L"\\\\server\\share", marker, "lpRemoteName with '\"' and a tab");
    WCHAR *provider_q = marked_quote_tab(L"Provider", marker, "lpProvider with '\"' and a tab");
    const char *what = "names with CR, LF and '|'";
    const char *what_q = "names with '\"' and a tab";
    unsigned n = 0;
    n += pair_add(mk_add(RESOURCETYPE_DISK, s_local, remote, s_provider, 0), WN_SUCCESS, what);
    n += pair_add(mk_add(RESOURCETYPE_DISK, NULL, remote, NULL, 0), WN_BAD_NETNAME, what);
    n += pair_add(mk_add(RESOURCETYPE_DISK, local, s_remote, provider, 0), WN_SUCCESS, what);
    n += pair_cancel(mk_cancel(remote, s_pre_provider, 0, TRUE),
                     mk_cancel(remote, provider, 0, TRUE), WN_SUCCESS, what);
    n += pair_cancel(mk_cancel(local, s_pre_provider, 0, FALSE), mk_cancel(local, NULL, 0, FALSE),
                     WN_NOT_CONNECTED, what);
    n += pair_add(mk_add(RESOURCETYPE_DISK, s_local, remote_q, s_provider, 0), WN_SUCCESS, what_q);
    n += pair_add(mk_add(RESOURCETYPE_DISK, local_q, s_remote, provider_q, 0), WN_SUCCESS, what_q);
    n += pair_cancel(mk_cancel(remote_q, s_pre_provider, 0, TRUE),
                     mk_cancel(remote_q, provider_q, 0, TRUE), WN_SUCCESS, what_q);
    return n;
}

void case_files(void)
{
    if (truncation_is_child()) {
        truncation_child_run();
        return;
    }
    if (records_is_peer()) {
        records_peer_run();
        return;
    }
    struct cwd_list before;
    struct cwd_list now;
    files_cwd_list(&before);
    files_handles_before();
    objects_before();
    if (!load_notifier())
        return;
    std_names();
    unsigned n = shapes_init();
    announce_step("every input shape: files opened");
    for (unsigned i = 0; i < n; i++)
        shape_cycle(shape_at(i), NULL);
    files_mark();
    announce_step("names with CR, LF, '|', '\"' and a tab");
    pair_add(mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0), WN_SUCCESS,
             "ordinary add before the marked names");
    WCHAR marker[24];
    char marker_a[24];
    _snwprintf(marker, 24, L"CNMARK%08lx", (unsigned long)(GetCurrentProcessId() ^ GetTickCount()));
    marker[23] = 0;
    snprintf(marker_a, sizeof marker_a, "%ls", marker);
    unsigned posts = send_marked(marker);
    /* A log written by a thread of the notifier may lag: up to 3 s. */
    struct files_scan sc;
    unsigned bad = files_scan(marker_a, &sc);
    for (int i = 0; i < 12 && !bad && files_written() && !sc.logged; i++) {
        Sleep(250);
        bad = files_scan(marker_a, &sc);
    }
    if (bad) {
        result_bad("files.injection",
                   "%s: a name with CR, LF, '|', '\"' or a tab (marker %s, sent as "
                   "lpRemoteName, lpLocalName and lpProvider) was written as is, so a caller "
                   "forges lines or fields of the log",
                   sc.raw, marker_a);
    }
    if (files_written())
        record_ends_judge();
    else if (wanted("files.encoding"))
        result("files.encoding", "pass", "the notifier opened no file for writing");
    if (wanted("files.traversal"))
        traversal_judge();
    if (wanted("drive.command"))
        command_names_judge();
    if (wanted("files.truncated"))
        truncation_judge();
    const WCHAR *appeared = files_cwd_new(&before, &now);
    if (appeared) {
        result_bad("files.paths",
                   "\"%.80ls\" appeared in the current directory (%.120ls) "
                   "during the case: the notifier wrote there by a relative path (through a "
                   "call the driver does not watch, or in DllMain)",
                   appeared, now.dir);
    }
    if (!violation_of("files.paths"))
        result("files.paths", "pass",
               "%u calls of every input shape: %u file(s) written, "
               "every open by a full path, nothing new in the current directory",
               4 * n, files_written());
    if (!violation_of("files.shared"))
        result("files.shared", "pass", "no file opened under TEMP, Public or ProgramData");
    struct objects_scan os;
    objects_scan(&os);
    if (os.open)
        result_bad("files.objects",
                   "%u of the %u named objects the notifier made (in DllMain or a call) are "
                   "open to every user: %s; any user's process can then open it in every "
                   "process that loads the notifier",
                   os.open, os.named, os.first);
    else
        result("files.objects", "pass",
               "%u named section(s), event(s), mutex(es) or semaphore(s) made, none with a NULL "
               "DACL or full access for every user",
               os.named);
    char refusing[600];
    unsigned probed;
    if (files_refusing_writers(refusing, sizeof refusing, &probed))
        result_bad("files.sharing",
                   "%s: kept open between calls without FILE_SHARE_WRITE (another writer's open "
                   "fails with a sharing violation): the notifier in the next process that maps "
                   "a drive cannot write it",
                   refusing);
    else
        result("files.sharing", "pass",
               probed ? "%u file(s) it wrote opened to append by another writer between calls"
                      : "no file it wrote is there to open (none, or named for its process)",
               probed);
    if (wanted("files.kept") || wanted("files.whole") || wanted("files.numbers"))
        records_kept_judge();
    if (violation_of("files.injection"))
        return;
    if (!files_written())
        result("files.injection", "pass",
               "the notifier opened no file for writing and holds none open");
    else
        result("files.injection", "pass",
               "%u file(s) read back after %u names with CR, LF, '|', '\"' and "
               "tabs (%u POSTs): %u hold the marker, none raw%s%s; records of names of 300 to "
               "32767 units and with Cyrillic, CJK, Latin-1 and surrogate pairs keep their line "
               "ends",
               sc.files, 8, posts, sc.logged, sc.unread ? "; unreadable: " : "", sc.unread_why);
}
