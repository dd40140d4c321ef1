/* Calling the notifier as MPR would (see call.h). */
#include "call.h"

#include "budget.h"
#include "catalogue.h"

#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "hooks_clipboard.h"
#include "hooks_faults.h"
#include "hooks_com.h"
#include "hooks_timer_period.h"
#include "hooks_tls.h"
#include "hooks_winhooks.h"
#include "measure.h"
#include "out.h"
#include "state.h"
#include "state_calls.h"
#include "stack_fill.h"
#include "thread_queues.h"
#include "winapi_call.h"
#include "wnet_cancels.h"
#include "crt_tokens.h"

#include <connotify/wn_names.h>

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* ---------------- return codes ---------------- */

/* The WN_* set of winnetwk.h is the documented set [doc]: one table,
 * reference/src/wn_names.c. */
int wn_documented(DWORD r)
{
    return cn_wn_documented(r);
}

const char *wn_name(DWORD r)
{
    static __thread char buf[32];
    const char *name = cn_wn_name(r);
    if (name)
        return name;
    snprintf(buf, sizeof buf, "%lu (%#lx)", (unsigned long)r, (unsigned long)r);
    return buf;
}

/* ---------------- loading ---------------- */

/* One ordinary add and cancel: if a call takes 10 budgets, every check of
 * this case would only time out; they are "not judged" and latency says
 * why (one FAIL, not a cascade). A crash here is the case's own verdict. */
static int blocks(void)
{
    if (!cf.judge_blocking)
        return 0;
    /* Its own step: a case out of time here is in these calls, not in LoadLibrary. */
    announce_step("blocking probe: an add and a cancel of Y:, at most 3 times");
    NOTIFYADD a = { 0 };
    NOTIFYCANCEL c = { 0 };
    a.NetResource.dwType = RESOURCETYPE_DISK;
    a.NetResource.lpLocalName = L"Y:";
    a.NetResource.lpRemoteName = L"\\\\server\\share";
    c.lpName = L"Y:";
    /* A call that blocks is slow every time; a slow first call or a busy
     * machine is not: three rounds, judged by the fastest. */
    double slowest = 0;
    for (int round = 0; round < 3; round++) {
        double round_slowest = 0;
        for (int k = 0; k < 2; k++) {
            enum op_kind kind = k ? OP_CANCEL : OP_ADD;
            void *arg = k ? (void *)&c : (void *)&a;
            void *ctx = NULL;
            call_op(kind, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, arg, "blocking probe");
            round_slowest = last_call_ms() > round_slowest ? last_call_ms() : round_slowest;
            if (!ctx)
                continue;
            call_op(kind, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, arg, "blocking probe");
            round_slowest = last_call_ms() > round_slowest ? last_call_ms() : round_slowest;
        }
        slowest = round == 0 || round_slowest < slowest ? round_slowest : slowest;
        if (slowest <= 10.0 * cf.budget_ms)
            return 0;
    }
    for (unsigned i = 0; i < n_checks; i++) {
        if (!strcmp(checks[i].casename, cf.casename))
            result(checks[i].id, "notjudged",
                   "a call took %.0f ms in the fastest of 3 rounds: too slow to judge this case "
                   "(see latency)",
                   slowest);
    }
    return 1;
}

static char condition[200];
/* Where the calls run ("in a second process ..."): named, every check judged. */
static char note[400];

/* The condition or the note, for call texts. */
static const char *call_suffix(void)
{
    return condition[0] ? condition : note;
}

/* Loads the notifier; report: a failed LoadLibrary is a LOADERROR line (the run's verdict
 * that the notifier does not load), else only the return; probe: the blocking probe's calls
 * first (blocks()). */
static int load_with(int report, int probe)
{
    announce_load_step();
    set_crash_context(LOAD_STEP "%s%s", call_suffix()[0] ? " " : "", call_suffix());
    threads_mark_before_load();
    int new_instance = GetModuleHandleW(cf.dll) == NULL;
    cf.mod = LoadLibraryW(cf.dll);
    clear_crash_context();
    if (!cf.mod) {
        if (report)
            out_line("LOADERROR\tthe notifier does not load (error %lu)", GetLastError());
        return 0;
    }
    if (new_instance)
        hooks_tls_new_instance();
    hooks_install(cf.mod);
    cf.add = (add_fn)(void *)GetProcAddress(cf.mod, "AddConnectNotify");
    cf.cancel = (cancel_fn)(void *)GetProcAddress(cf.mod, "CancelConnectNotify");
    if (!cf.add && !cf.cancel) {
        out_line("SKIPCASE\tno plain export AddConnectNotify or CancelConnectNotify "
                 "(see static.exports)");
        return 0;
    }
    return !probe || !blocks();
}

int load_notifier(void)
{
    return load_with(1, 1);
}

int reload_notifier(void)
{
    if (cf.mod)
        FreeLibrary(cf.mod);
    cf.mod = NULL;
    return load_notifier();
}

int reload_notifier_quiet(void)
{
    if (cf.mod)
        FreeLibrary(cf.mod);
    cf.mod = NULL;
    return load_with(0, 1);
}

int reload_notifier_bare(void)
{
    if (cf.mod)
        FreeLibrary(cf.mod);
    cf.mod = NULL;
    return load_with(1, 0);
}

/* ---------------- one call ---------------- */

static volatile LONG n_bad;
static volatile LONG n_pre_err;
static __thread double this_call_ms;
/* The last error this thread's calls start with: an unusual value the call should leave,
 * unless a check sets another. */
enum { ENTRY_ERROR_MARK = 0x4e6f7465 };
static __thread DWORD entry_error = ENTRY_ERROR_MARK;

double last_call_ms(void)
{
    return this_call_ms;
}

void call_set_entry_error(DWORD error)
{
    entry_error = error;
}

void call_reset_entry_error(void)
{
    entry_error = ENTRY_ERROR_MARK;
}

DWORD call_entry_error_mark(void)
{
    return ENTRY_ERROR_MARK;
}

static const char *fn_name(enum op_kind k)
{
    return k == OP_ADD ? "AddConnectNotify" : "CancelConnectNotify";
}

static volatile LONG uncounted;

void calls_note(const char *text)
{
    snprintf(note, sizeof note, "%s", text ? text : "");
    crash_context_note(text);
}

void calls_condition(const char *text)
{
    snprintf(condition, sizeof condition, "%s", text ? text : "");
    crash_context_note(condition[0] ? condition : note);
}

static volatile LONG fp_unmasked;

void calls_fp_unmasked(int on)
{
    fp_unmasked = on;
}

static volatile LONG all_snapshotted;

void calls_snapshot_all(int on)
{
    all_snapshotted = on;
}

static volatile LONG names_watched;

void calls_watch_names(int on)
{
    names_watched = on;
}

/* The names of an add or cancel: watched (on) or no longer (off). */
static void watch_names(const struct notify_call *c, int on)
{
    const WCHAR *names[3] = {NULL, NULL, NULL};
    if (c->kind == OP_ADD && c->arg) {
        const NOTIFYADD *a = c->arg;
        names[0] = a->NetResource.lpRemoteName;
        names[1] = a->NetResource.lpLocalName;
        names[2] = a->NetResource.lpProvider;
    } else if (c->arg) {
        const NOTIFYCANCEL *k = c->arg;
        names[0] = k->lpName;
        names[1] = k->lpProvider;
    }
    for (unsigned i = 0; i < 3; i++) {
        if (names[i] && on)
            fence_watch(names[i]);
        else if (names[i])
            fence_unwatch(names[i]);
    }
}

#if defined(__i386__) || defined(__x86_64__)
struct fp_mode {
    unsigned short x87;
    unsigned mxcsr;
};

/* Saves the driver's mode into *saved and unmasks as a Delphi host does; the
 * pending exception flags are cleared first, or the next instruction traps. */
static void fp_unmask(struct fp_mode *saved)
{
    unsigned short x87 = 0x1332;
    unsigned mxcsr = 0x1900;
    __asm__ volatile("fnstcw %0" : "=m"(saved->x87));
    __asm__ volatile("stmxcsr %0" : "=m"(saved->mxcsr));
    __asm__ volatile("fnclex");
    __asm__ volatile("fldcw %0" : : "m"(x87));
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

static void fp_restore(const struct fp_mode *saved)
{
    unsigned mxcsr = saved->mxcsr & ~0x3fu;
    __asm__ volatile("fnclex");
    __asm__ volatile("fldcw %0" : : "m"(saved->x87));
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}
#endif

void calls_uncounted(int on)
{
    uncounted = on;
}

static void check_return(const struct notify_call *c, DWORD r)
{
    const char *ph = c->phase == NOTIFY_PRE ? "PRE" : "POST";
    if (uncounted || condition[0])
        return;
    calls_count_one();
    if (!wn_documented(r)) {
        InterlockedIncrement(&n_bad);
        result_bad("drive.returns", "%s %s (%s)%s%s returned %s: not WN_SUCCESS nor a WN_* code",
                   fn_name(c->kind), ph, c->what, call_suffix()[0] ? " " : "", call_suffix(),
                   wn_name(r));
    } else if (c->phase == NOTIFY_POST && c->status == WN_SUCCESS && r != WN_SUCCESS) {
        result_bad("drive.postrefuse",
                   "%s POST (%s) returned %s after its PRE allowed the operation and the "
                   "provider succeeded: [w9x] an error from a POST after a success counts as "
                   "success; the connection stays made. A refusal belongs in PRE",
                   fn_name(c->kind), c->what[0] ? c->what : "?", wn_name(r));
    } else if (c->phase == NOTIFY_PRE && r != WN_SUCCESS) {
        InterlockedIncrement(&n_pre_err);
        result_bad("drive.preerror", "%s PRE (%s) returned %s; [w9x] MPR then fails the "
                   "caller's operation", fn_name(c->kind), c->what, wn_name(r));
    }
}

void check_state(const struct pstate *before, const struct pstate *after, DWORD err_before,
                 DWORD err_after, const char *call)
{
    char d[600];
    const char *by = hooks_last_state_call();
    if (state_process_diff(before, after, d, sizeof d)) {
        result_bad("state.process", "%s during %s%s%s%s", d, call, by[0] ? " (it called " : "",
                   by, by[0] ? ")" : "");
    }
    if (state_thread_diff(before, after, d, sizeof d)) {
        result_bad("state.thread", "%s during %s%s%s%s", d, call, by[0] ? " (it called " : "",
                   by, by[0] ? ")" : "");
    }
    if (err_before != err_after) {
        result_bad("state.lasterror", "GetLastError was %lu before %s and %lu after it",
                   (unsigned long)err_before, call, (unsigned long)err_after);
    }
}

DWORD notify(struct notify_call *c)
{
    NOTIFYINFO local;
    NOTIFYINFO *ni = c->info ? c->info : &local;
    char call[512];
    struct pstate before;
    struct pstate after;
    LONG handlers = hooks_console_handlers();
    const DWORD err_mark = entry_error;
    snprintf(call, sizeof call, "%s %s (%s)%s%s", fn_name(c->kind),
             c->phase == NOTIFY_PRE ? "PRE" : "POST", c->what, call_suffix()[0] ? " " : "",
             call_suffix());
    ni->dwNotifyStatus = c->phase;
    ni->dwOperationStatus = c->status;
    ni->lpContext = c->phase == NOTIFY_PRE ? NULL : c->context;
    /* Snapshots cost more than a call under Wine: every call of the first
     * thousand (the drive and state cases), then every 61st: a stride prime
     * to the 4 calls of an add and cancel, so that each of the 4 is seen. */
    LONG made = calls_made();
    int checking = (made < 1000 || made % 61 == 0 || all_snapshotted) && !condition[0];
    /* No such export: MPR calls only what exists. */
    if ((c->kind == OP_ADD && !cf.add) || (c->kind == OP_CANCEL && !cf.cancel)) {
        this_call_ms = 0;
        return WN_SUCCESS;
    }
    if (checking) {
        hooks_forget_state_call();
        state_take(&before);
    } else if (condition[0] && !fp_unmasked) {
        /* The thread's state on every error path a condition opens (not in the
         * floating-point round: its PRE and POST follow each other at once). */
        hooks_forget_state_call();
        state_take_thread(&before);
    } else {
        state_take_locks(&before);
    }
    LONG guard_hits = fence_guard_hits();
    struct queues_probe queues = {0};
    struct crt_tokens tokens = {0};
    if (checking) {
        queues_arm(&queues);
        crt_tokens_arm(&tokens);
    }
    set_crash_context("%s", call);
    SetLastError(err_mark);
    DWORD r;
    char clobbered[160] = "";
    int df_set = 0;
    double t0 = now_ms();
    double frozen0 = budget_frozen_ms();
    int fp_set = fp_unmasked;
#if defined(__i386__) || defined(__x86_64__)
    struct fp_mode fp_saved;
    if (fp_set)
        fp_unmask(&fp_saved);
#endif
    /* Neither set_call_device (a pointer kept) nor stack_fill reads a name. */
    int watching = names_watched;
    if (watching)
        watch_names(c, 1);
    if (c->kind == OP_ADD) {
        NOTIFYADD *a = c->arg;
        set_call_device(a ? a->NetResource.lpLocalName : NULL);
        set_call_interactive(a && (a->dwAddFlags & CONNECT_INTERACTIVE));
        stack_fill(c->phase);
        r = winapi_call2((void *)cf.add, ni, a, NULL, clobbered, sizeof clobbered, &df_set);
    } else {
        NOTIFYCANCEL *k = c->arg;
        set_call_device(k ? k->lpName : NULL);
        stack_fill(c->phase);
        r = winapi_call2((void *)cf.cancel, ni, k, NULL, clobbered, sizeof clobbered, &df_set);
    }
    if (watching)
        watch_names(c, 0);
#if defined(__i386__) || defined(__x86_64__)
    if (fp_set)
        fp_restore(&fp_saved);
#endif
    set_call_device(NULL);
    set_call_interactive(0);
    DWORD err_after = GetLastError();
    this_call_ms = now_ms() - t0 - (budget_frozen_ms() - frozen0);
    if (this_call_ms < 0)
        this_call_ms = 0;
    clear_crash_context();
    queues_judge(&queues, call);
    char clipboard[300];
    if (clipboard_take_misuse(clipboard, sizeof clipboard))
        result_bad("state.process", "%s %s", call, clipboard);
    if (df_set) {
        result_bad("abi.registers",
                   "%s returned with the direction flag (DF) set, which a callee must clear "
                   "before it returns (x64 calling convention [doc]): the caller's next string "
                   "copy (rep movs) runs backwards and writes below its destination",
                   call);
    }
    if (clobbered[0]) {
        result_bad("abi.registers",
                   "%s returned with non-volatile registers changed: %s; the caller keeps "
                   "values there across the call (a compiler's locals, e.g. a double in XMM6): "
                   "hand-written assembly, or code built for another calling convention",
                   call, clobbered);
    }
    if (fence_guard_hits() != guard_hits) {
        result_bad("drive.names",
                   "%s read past the end of %s and went on: it handled the fault itself "
                   "(IsBadReadPtr, __try, a probe); on Windows that memory is another object's, "
                   "and what it reads there decides what it does",
                   call, fence_guard_label());
    }
    if (checking) {
        char moved[300];
        if (crt_tokens_moved(&tokens, moved, sizeof moved))
            result_bad("state.thread", "%s during %s", moved, call);
        state_take(&after);
        check_state(&before, &after, err_mark, err_after, call);
        if (hooks_console_handlers() != handlers) {
            result_bad("state.process", "a console control handler was %s during %s and left "
                       "so", hooks_console_handlers() > handlers ? "added" : "removed", call);
        }
    } else if (condition[0] && !fp_set) {
        /* A lock or thread state kept on an error path a fault opened: that fault's check. */
        char d[600];
        const char *by = hooks_last_state_call();
        state_take_thread(&after);
        if (state_thread_diff(&before, &after, d, sizeof d)) {
            result_bad(faults_armed() ? "faults.resources" : "state.thread", "%s during %s%s%s%s",
                       d, call, by[0] ? " (it called " : "", by, by[0] ? ")" : "");
        }
    } else {
        char d[600];
        state_take_locks(&after);
        if (state_locks_diff(&before, &after, d, sizeof d))
            result_bad("state.thread", "%s during %s", d, call);
    }
    char power[200];
    int last_of_op = c->phase == NOTIFY_POST || !ni->lpContext || r != WN_SUCCESS;
    if (last_of_op && !condition[0] && state_power_left(&after, power, sizeof power))
        result_bad("state.thread", "%s after %s", power, call);
    char period[300];
    if (last_of_op && !condition[0] && timer_period_left(period, sizeof period)) {
        result_bad("state.process",
                   "%s, still in force after %s: the host's timers and waits run at that "
                   "resolution, and use its power, for the rest of its life [doc: "
                   "timeBeginPeriod]",
                   period, call);
    }
    char hook[300];
    if (last_of_op && winhooks_left_on(GetCurrentThreadId(), hook, sizeof hook)) {
        result_bad("state.thread",
                   "%s, still installed after %s: the notifier's code runs in the caller's "
                   "message loop for every message, and after its unload too",
                   hook, call);
    }
    char com[400];
    if (last_of_op && hooks_com_left(com, sizeof com))
        result_bad("state.thread", "%s, still so after %s", com, call);
    check_return(c, r);
    note_post_pending(c->phase == NOTIFY_PRE && r == WN_SUCCESS && ni->lpContext);
    c->context = ni->lpContext;
    return r;
}

DWORD call_op(enum op_kind kind, NOTIFYINFO *ni, DWORD phase, DWORD status, void **ctx,
              void *arg, const char *what)
{
    struct notify_call c = {
        .kind = kind, .phase = phase, .status = status, .context = *ctx, .arg = arg,
        .info = ni, .what = what,
    };
    const NOTIFYCANCEL *cancel = arg;
    if (kind == OP_CANCEL && phase == NOTIFY_POST && cancel && !cancel->fForce &&
        (status == WN_OPEN_FILES || status == WN_DEVICE_IN_USE))
        wnet_cancels_declined(cancel->lpName);
    DWORD r = notify(&c);
    *ctx = c.context;
    return r;
}

/* PRE, then POST with `status` when PRE set a context [doc]: the PRE's answer; *posted 1 when
 * a POST was sent. */
static DWORD whole_op(enum op_kind kind, void *pre, void *post, DWORD status, const char *what,
                      int *posted)
{
    void *ctx = NULL;
    DWORD answer = call_op(kind, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, pre, what);
    *posted = ctx != NULL;
    if (ctx)
        call_op(kind, NULL, NOTIFY_POST, status, &ctx, post, what);
    return answer;
}

int pair_add(NOTIFYADD *a, DWORD status, const char *what)
{
    int posted;
    whole_op(OP_ADD, a, a, status, what, &posted);
    return posted;
}

int pair_cancel(NOTIFYCANCEL *pre, NOTIFYCANCEL *post, DWORD status, const char *what)
{
    int posted;
    whole_op(OP_CANCEL, pre, post, status, what, &posted);
    return posted;
}

DWORD deviceless_add(const WCHAR *remote, const char *label, const char *what)
{
    WCHAR *name = fence_wstr(remote, label);
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, NULL, name, s_provider, 0);
    int posted;
    DWORD answer = whole_op(OP_ADD, a, a, WN_SUCCESS, what, &posted);
    fence_free(a);
    fence_free(name);
    return answer;
}

DWORD deviceless_cancel(const WCHAR *remote, const char *label, const char *what)
{
    WCHAR *name = fence_wstr(remote, label);
    WCHAR *provider = fence_wstr(PROVIDER, "lpProvider");
    NOTIFYCANCEL *pre = mk_cancel(name, NULL, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(name, provider, 0, FALSE);
    int posted;
    DWORD answer = whole_op(OP_CANCEL, pre, post, WN_SUCCESS, what, &posted);
    fence_free(post);
    fence_free(pre);
    fence_free(provider);
    fence_free(name);
    return answer;
}

void returns_verdict(void)
{
    if (!calls_made())
        return;
    if (!violation_of("drive.returns"))
        result("drive.returns", "pass", "%ld calls, every return WN_SUCCESS or a WN_* code",
               calls_made());
    if (!violation_of("drive.preerror"))
        result("drive.preerror", "pass",
               "every PRE of an ordinary operation returned "
               "WN_SUCCESS (%ld calls)",
               calls_made());
}

void state_loop_verdict(unsigned tls_before, const char *loop)
{
    unsigned tls_after = tls_free_slots();
    if (tls_after < tls_before) {
        result_bad("state.tls", "%u TLS slot(s) taken and never freed over %s "
                   "(TlsAlloc minus TlsFree by the notifier: %ld)", tls_before - tls_after,
                   loop, (long)hooks_tls_balance());
    }
}

/* ---------------- structures ---------------- */

/* A NOTIFYADD in a fenced page, sealed: [in] data. */
NOTIFYADD *mk_add(DWORD type, const WCHAR *local, const WCHAR *remote, const WCHAR *provider,
                  DWORD flags)
{
    NOTIFYADD *a = fence_alloc(sizeof *a, "NOTIFYADD");
    memset(a, 0, sizeof *a);
    a->hwndOwner = NULL;
    a->NetResource.dwScope = RESOURCE_CONNECTED;
    a->NetResource.dwType = type;
    a->NetResource.dwDisplayType = RESOURCEDISPLAYTYPE_SHARE;
    a->NetResource.dwUsage = RESOURCEUSAGE_CONNECTABLE;
    a->NetResource.lpLocalName = (WCHAR *)local;
    a->NetResource.lpRemoteName = (WCHAR *)remote;
    a->NetResource.lpProvider = (WCHAR *)provider;
    a->dwAddFlags = flags;
    fence_seal(a);
    return a;
}

NOTIFYCANCEL *mk_cancel(const WCHAR *name, const WCHAR *provider, DWORD flags, BOOL force)
{
    NOTIFYCANCEL *c = fence_alloc(sizeof *c, "NOTIFYCANCEL");
    c->lpName = (WCHAR *)name;
    c->lpProvider = (WCHAR *)provider;
    c->dwFlags = flags;
    c->fForce = force;
    fence_seal(c);
    return c;
}

WCHAR *s_local;
WCHAR *s_remote;
WCHAR *s_provider;
WCHAR *s_pre_provider;

void std_names(void)
{
    s_local = fence_wstr(L"Z:", "lpLocalName (a cancel's lpName)");
    s_remote = fence_wstr(L"\\\\conformance\\share", "lpRemoteName");
    s_provider = fence_wstr(PROVIDER, "lpProvider");
    /* Readable stand-in for the undefined PRE lpProvider; the trap is its own case. */
    s_pre_provider = fence_wstr(L"(undefined in PRE)", "NOTIFYCANCEL.lpProvider in PRE");
}
