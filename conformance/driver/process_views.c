/* What a process loaded earlier sees of another's changes (process_views.h). */
#include "process_views.h"

#include "call.h"
#include "cases.h"
#include "child.h"
#include "fence.h"
#include "out.h"

#include <stdio.h>
#include <wchar.h>

enum {
    READY_MS = 60000,       /* a child's load and first add */
    LATER_MS = 3000,        /* a notifier that polls may take this long to see a change */
    CHILD_LIMIT_MS = 90000, /* a child's whole run */
    DIRECTIONS = 2,         /* after a connect, after its cancel */
};

enum role { ROLE_PARENT, ROLE_WARM, ROLE_FRESH };

static enum role role;
static DWORD parent_pid;
static DWORD run_tag; /* the parent's tick count at its start: names of this run's own */

/* Shared by the parent and its children, named by the parent's id. */
struct views {
    DWORD fresh;             /* the last fresh child's answer */
    DWORD now[DIRECTIONS];   /* the warm child's answers right after the signal */
    DWORD later[DIRECTIONS]; /* and LATER_MS after */
};

void views_child_role(const WCHAR *arg)
{
    role = wcsncmp(arg, L"warm.", 5) ? ROLE_FRESH : ROLE_WARM;
    const WCHAR *dot = wcschr(arg, L'.');
    WCHAR *end = NULL;
    parent_pid = dot ? wcstoul(dot + 1, &end, 10) : 0;
    run_tag = end && *end == L'.' ? wcstoul(end + 1, NULL, 10) : 0;
}

static void object_name(WCHAR *out, size_t cap, const WCHAR *what)
{
    _snwprintf(out, cap, L"Local\\connotify-views-%lu-%ls", (unsigned long)parent_pid, what);
    out[cap - 1] = 0;
}

static HANDLE event_named(const WCHAR *what)
{
    WCHAR name[96];
    object_name(name, 96, what);
    return CreateEventW(NULL, FALSE, FALSE, name);
}

static struct views *views_mapped(HANDLE *section)
{
    WCHAR name[96];
    object_name(name, 96, L"answers");
    *section = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                                  sizeof(struct views), name);
    if (!*section)
        return NULL;
    struct views *v = MapViewOfFile(*section, FILE_MAP_WRITE, 0, 0, sizeof(struct views));
    if (!v)
        CloseHandle(*section);
    return v;
}

/* The share every process asks about: one of this run's own. */
static void share_name(WCHAR *out, size_t cap)
{
    _snwprintf(out, cap, L"\\\\server\\cnviews%lu-%lu", (unsigned long)parent_pid,
               (unsigned long)run_tag);
    out[cap - 1] = 0;
}

/* An add of remote on local: PRE's answer; POST, when asked for, with status where PRE
 * allowed it, else with PRE's answer. */
static DWORD add(const WCHAR *local, const WCHAR *remote, DWORD status, const char *what)
{
    WCHAR *l = fence_wstr(local, "lpLocalName");
    WCHAR *r = fence_wstr(remote, "lpRemoteName");
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, l, r, s_provider, CONNECT_TEMPORARY);
    void *ctx = NULL;
    DWORD answer = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, answer == WN_SUCCESS ? status : answer, &ctx, a, what);
    fence_free(a);
    fence_free(r);
    fence_free(l);
    return answer;
}

/* The add every child makes first, and the parent after its change: one that fails. */
static void failed_add(void)
{
    add(L"X:", L"\\\\server\\cnviews-other", WN_BAD_NETNAME,
        "an add of X: that fails (each process's first)");
}

/* The question: may this process map the run's share on Q:? */
static DWORD question(void)
{
    WCHAR share[64];
    share_name(share, 64);
    return add(L"Q:", share, WN_BAD_NETNAME,
               "the add PRE of the share another process maps, on Q: (its POST fails)");
}

static void child_run(void)
{
    HANDLE section;
    struct views *v = views_mapped(&section);
    HANDLE ready = event_named(L"ready");
    HANDLE go = event_named(L"go");
    if (!v || !ready || !go || !load_notifier())
        return;
    std_names();
    failed_add();
    if (role == ROLE_FRESH) {
        v->fresh = question();
        return;
    }
    for (int d = 0; d < DIRECTIONS; d++) {
        SetEvent(ready);
        if (WaitForSingleObject(go, READY_MS) != WAIT_OBJECT_0)
            return;
        v->now[d] = question();
        Sleep(LATER_MS);
        v->later[d] = question();
    }
    SetEvent(ready);
}

static int start_child(const WCHAR *kind, PROCESS_INFORMATION *pi)
{
    WCHAR args[MAX_PATH + 96];
    swprintf(args, sizeof args / sizeof args[0], L"--views-child %ls.%lu.%lu processes \"%ls\"",
             kind, (unsigned long)parent_pid, (unsigned long)run_tag, cf.dll);
    return child_start(NULL, NULL, args, NULL, NULL, NULL, pi);
}

/* A fresh process's answer, or -1 when it did not end by itself. */
static long fresh_answer(struct views *v)
{
    PROCESS_INFORMATION pi;
    v->fresh = 0xffffffff;
    if (!start_child(L"fresh", &pi) || !child_done(&pi, CHILD_LIMIT_MS))
        return -1;
    return (long)v->fresh;
}

static const char *const change_text[DIRECTIONS] = {
    "connected on P:",
    "cancelled P:, which held",
};

/* The parent's change of direction d. */
static DWORD change(int d, const WCHAR *share)
{
    if (d == 0)
        return add(L"P:", share, WN_SUCCESS, "the add of the share the other processes ask of");
    NOTIFYCANCEL *pre = mk_cancel(L"P:", s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(L"P:", s_provider, 0, FALSE);
    pair_cancel(pre, post, WN_SUCCESS, "the cancel of that connection");
    fence_free(post);
    fence_free(pre);
    return WN_SUCCESS;
}

struct direction {
    long fresh_before;
    long fresh_after;
    DWORD now;
    DWORD later;
};

static void judge(const struct direction *dir, const WCHAR *share)
{
    for (int d = 0; d < DIRECTIONS; d++) {
        const struct direction *x = &dir[d];
        if (x->fresh_before != x->fresh_after || (DWORD)x->fresh_after == x->later)
            continue;
        result_bad("drive.processes",
                   "after another process %s %ls, the add PRE of that share on Q: answered %s "
                   "in a process that had loaded the notifier before (%s right after, and %u "
                   "ms later), and %s in fresh processes before and after: a process's own "
                   "copy of the user's state, which a signal only one process takes (an "
                   "auto-reset event) or none updates, goes stale",
                   change_text[d], share, wn_name(x->later), wn_name(x->now), LATER_MS,
                   wn_name((DWORD)x->fresh_after));
        return;
    }
    for (int d = 0; d < DIRECTIONS; d++) {
        if (dir[d].fresh_before != dir[d].fresh_after) {
            result("drive.processes", "pass",
                   "after another process %s %ls, fresh processes answered its add PRE on "
                   "Q: %s and then %s: answers that change by themselves, not judged",
                   change_text[d], share, wn_name((DWORD)dir[d].fresh_before),
                   wn_name((DWORD)dir[d].fresh_after));
            return;
        }
    }
    result("drive.processes", "pass",
           "the add PRE of %ls on Q: in a process loaded before another connected it on P: "
           "answered as fresh processes, %s, then after the cancel %s",
           share, wn_name(dir[0].later), wn_name(dir[1].later));
}

/* Direction d's answers: the change, fresh processes before and after the second one's. */
static int run_direction(int d, struct views *v, HANDLE ready, HANDLE go, const WCHAR *share,
                         struct direction *x)
{
    DWORD answer = change(d, share);
    if (answer != WN_SUCCESS) {
        result("drive.processes", "pass",
               "the add of %ls on P: was refused here (%s): no change to follow, not judged", share,
               wn_name(answer));
        return 0;
    }
    failed_add();
    x->fresh_before = fresh_answer(v);
    SetEvent(go);
    if (WaitForSingleObject(ready, READY_MS) != WAIT_OBJECT_0) {
        result("drive.processes", "notjudged", "the second process did not answer within %u s",
               READY_MS / 1000);
        return 0;
    }
    x->now = v->now[d];
    x->later = v->later[d];
    x->fresh_after = fresh_answer(v);
    if (x->fresh_before < 0 || x->fresh_after < 0) {
        result("drive.processes", "notjudged", "a fresh process did not end within %u s",
               CHILD_LIMIT_MS / 1000);
        return 0;
    }
    return 1;
}

static void parent_run(void)
{
    parent_pid = GetCurrentProcessId();
    run_tag = GetTickCount();
    HANDLE section;
    struct views *v = views_mapped(&section);
    HANDLE ready = event_named(L"ready");
    HANDLE go = event_named(L"go");
    if (!v || !ready || !go) {
        result("drive.processes", "notjudged",
               "a section or event of the case could not be made (error %lu)", GetLastError());
        return;
    }
    if (!load_notifier())
        return;
    std_names();
    WCHAR share[64];
    share_name(share, 64);
    announce_step("a second process loads the notifier; this one maps %ls on P:, then cancels "
                  "it; after each, fresh processes and the second ask an add on Q:",
                  share);
    PROCESS_INFORMATION warm;
    if (!start_child(L"warm", &warm)) {
        result("drive.processes", "notjudged", "the second process did not start (error %lu)",
               GetLastError());
        return;
    }
    struct direction dir[DIRECTIONS];
    int d = 0;
    if (WaitForSingleObject(ready, READY_MS) != WAIT_OBJECT_0)
        result("drive.processes", "notjudged",
               "the second process did not load the notifier and make an add within %u s",
               READY_MS / 1000);
    else
        while (d < DIRECTIONS && run_direction(d, v, ready, go, share, &dir[d]))
            d++;
    if (!child_done(&warm, d == DIRECTIONS ? CHILD_LIMIT_MS : 0) && d == DIRECTIONS) {
        result("drive.processes", "notjudged", "the second process did not end within %u s",
               CHILD_LIMIT_MS / 1000);
        return;
    }
    if (d == DIRECTIONS)
        judge(dir, share);
}

void case_processes(void)
{
    if (role == ROLE_PARENT)
        parent_run();
    else
        child_run();
}
