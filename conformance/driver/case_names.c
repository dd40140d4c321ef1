/* Cases pathnames, fmtnames and localnames: names of unusual shape
 * (names.h) in every name field, each in its own call, so that a crash
 * names the field and the shape. */
#include "cases.h"

#include "abi_guard.h"
#include "call.h"
#include "device_sequences.h"
#include "fence.h"
#include "measure.h"
#include "names.h"
#include "out.h"

#include <stdio.h>
#include <string.h>

enum field { F_REMOTE = 1, F_LOCAL = 2, F_PROVIDER = 4, F_CANCEL = 8, F_ALL = 15 };

struct family_run {
    const char *check;
    enum name_family family;
    unsigned fields;
    const char *where;
    unsigned calls;
    int bad;
    volatile LONG done; /* the thread got through every name */
    char what[200];     /* the calls running now */
};

/* One name in each field of `fields`, with a success and a failed POST;
 * returns the number of calls made. */
static unsigned name_in_fields(const WCHAR *n, const char *label, struct family_run *run)
{
    char *what = run->what;
    size_t cap = sizeof run->what;
    unsigned fields = run->fields;
    const char *where = run->where;
    unsigned calls = 0;
    if (fields & F_REMOTE) {
        NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, n, s_provider, CONNECT_TEMPORARY);
        snprintf(what, cap, "lpRemoteName %s%s", label, where);
        calls += 1 + pair_add(a, WN_SUCCESS, what);
        calls += 1 + pair_add(a, WN_BAD_NETNAME, what);
        fence_free(a);
        /* Deviceless (lpLocalName NULL or empty): a branch of its own. */
        NOTIFYADD *nul = mk_add(RESOURCETYPE_DISK, NULL, n, s_provider, CONNECT_TEMPORARY);
        static WCHAR *empty_local;
        if (!empty_local)
            empty_local = fence_wstr(L"", "lpLocalName empty");
        NOTIFYADD *empty = mk_add(RESOURCETYPE_ANY, empty_local, n, NULL, 0);
        snprintf(what, cap, "lpRemoteName %s, lpLocalName NULL%s", label, where);
        calls += 1 + pair_add(nul, WN_SUCCESS, what);
        snprintf(what, cap, "lpRemoteName %s, lpLocalName empty%s", label, where);
        calls += 1 + pair_add(empty, WN_SUCCESS, what);
        fence_free(nul);
        fence_free(empty);
    }
    if (fields & F_LOCAL) {
        NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, n, s_remote, s_provider, CONNECT_UPDATE_PROFILE);
        snprintf(what, cap, "lpLocalName %s%s", label, where);
        calls += 1 + pair_add(a, WN_SUCCESS, what);
        calls += 1 + pair_add(a, WN_BAD_LOCALNAME, what);
        fence_free(a);
    }
    if (fields & F_PROVIDER) {
        NOTIFYADD *a = mk_add(RESOURCETYPE_ANY, s_local, s_remote, n, 0);
        NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
        NOTIFYCANCEL *post = mk_cancel(s_local, n, 0, FALSE);
        snprintf(what, cap, "lpProvider %s%s", label, where);
        calls += 1 + pair_add(a, WN_SUCCESS, what);
        snprintf(what, cap, "cancel POST lpProvider %s%s", label, where);
        calls += 1 + pair_cancel(pre, post, WN_SUCCESS, what);
        fence_free(a);
        fence_free(pre);
        fence_free(post);
    }
    if (fields & F_CANCEL) {
        NOTIFYCANCEL *pre = mk_cancel(n, s_pre_provider, 0, TRUE);
        NOTIFYCANCEL *post = mk_cancel(n, s_provider, 0, TRUE);
        NOTIFYCANCEL *failed = mk_cancel(n, NULL, 0, TRUE);
        snprintf(what, cap, "NOTIFYCANCEL.lpName %s%s", label, where);
        calls += 1 + pair_cancel(pre, post, WN_SUCCESS, what);
        calls += 1 + pair_cancel(pre, failed, WN_NOT_CONNECTED, what);
        fence_free(pre);
        fence_free(post);
        fence_free(failed);
    }
    return calls;
}

/* Every name of the family; stops at the first corrupted heap. */
static void family_calls(struct family_run *run)
{
    const struct odd_name *names;
    unsigned n = odd_names(run->family, &names);
    for (unsigned i = 0; i < n && !run->bad; i++) {
        announce_step("%s: %s%s", run->check, names[i].label, run->where);
        run->calls += name_in_fields(names[i].name, names[i].label, run);
        if (violation_of(run->check)) {
            run->bad = 1;
        } else if (!heaps_valid()) {
            result_bad(run->check,
                       "heap corrupted after calls with the name %s%s in "
                       "lpRemoteName, lpLocalName, lpProvider and NOTIFYCANCEL.lpName",
                       names[i].label, run->where);
            run->bad = 1;
        }
    }
}

static DWORD WINAPI family_thread(void *arg)
{
    struct family_run *run = arg;
    mark_driver_thread();
    family_calls(run);
    InterlockedExchange(&run->done, 1);
    return 0;
}

/* The family on a thread of its own with a stack of `stack` bytes. A
 * stack overflow with no room left for the exception ends the thread
 * without a crash report on Wine 8.0 (measured) [wine]: a thread that
 * ended before the last name is reported with the call it was in. */
static void family_on_thread(struct family_run *run, unsigned stack, const char *where)
{
    run->where = where;
    run->done = 0;
    run->what[0] = 0;
    HANDLE t =
        CreateThread(NULL, stack, family_thread, run, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (!t) {
        result(run->check, "incomplete", "cannot create a thread (error %lu)", GetLastError());
        run->bad = 1;
        return;
    }
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    if (run->done || run->bad)
        return;
    result_bad(run->check,
               "the calling thread (%u KiB stack) ended inside a call, during "
               "a call with %s, with no crash report: a stack overflow past the guard page "
               "(recursion per path component?)",
               stack / 1024, run->what);
    run->bad = 1;
}

/* [doc] names are any string of up to 32767 units; [design] no fixed
 * count of path components and no recursion per component. */
void case_pathnames(void)
{
    if (!load_notifier())
        return;
    std_names();
    abi_guard_on("drive.pathnames");
    struct family_run run = {.check = "drive.pathnames", .family = NAMES_PATH, .fields = F_ALL};
    family_on_thread(&run, 1024 * 1024, "");
    if (!run.bad)
        family_on_thread(&run, 64 * 1024, ", on a 64 KiB stack");
    if (run.bad)
        return;
    result(
        run.check, "pass",
        "%u calls: names of 10 to 16000 components, separator runs, "
        "\\\\?\\UNC\\ and \\\\.\\ prefixes, trailing \\, ':' and '$' in lpRemoteName, lpLocalName, "
        "lpProvider and NOTIFYCANCEL.lpName, also on a 64 KiB stack: no crash, heap intact",
        run.calls);
}

/* [design] a name is data, never the format of printf or FormatMessage. */
void case_fmtnames(void)
{
    if (!load_notifier())
        return;
    std_names();
    abi_guard_on("drive.fmtnames");
    struct family_run run = {.check = "drive.fmtnames", .family = NAMES_FORMAT, .fields = F_ALL};
    family_on_thread(&run, 1024 * 1024, "");
    if (run.bad)
        return;
    result(run.check, "pass",
           "%u calls: names with %%s, %%n, %%999999d, %%ls, %%p, %%x and "
           "FormatMessage inserts in every name field: no crash, heap intact",
           run.calls);
}

/* [doc] lpLocalName is a device name as the caller wrote it ("f:",
 * "LPT1"), or anything: no drive-letter index without a range check, no
 * buffer sized in bytes where units are meant. */
void case_localnames(void)
{
    if (!load_notifier())
        return;
    std_names();
    abi_guard_on("drive.localnames");
    struct family_run run = {
        .check = "drive.localnames", .family = NAMES_LOCAL, .fields = F_LOCAL | F_CANCEL};
    family_on_thread(&run, 1024 * 1024, "");
    if (run.bad)
        return;
    char text[600];
    if (device_alias_differs(text, sizeof text)) {
        result_bad(run.check, "%s", text);
        return;
    }
    result(run.check, "pass",
           "%u calls: lpLocalName and NOTIFYCANCEL.lpName z:, a:, 0:, "
           "U+0001:, U+00FF:, U+FFFF:, U+D800:, LPT1, COM1:, \\\\, 17 to 32767 units: no crash, "
           "heap intact; LPT1 and L: answered alone while the other is connected",
           run.calls);
}
