/* Cases state, reentry, loader, highaddr and stack: every input shape
 * called under one more condition or watch. */
#include "cases.h"

#include "call.h"
#include "answers.h"
#include "late_acts.h"
#include "com_runtime.h"
#include "fence.h"
#include "hooks.h"
#include "hooks_heaplock.h"
#include "host_faults.h"
#include "measure.h"
#include "out.h"
#include "program_identity.h"
#include "pump.h"
#include "restricted_token.h"
#include "shapes.h"
#include "slow_ops.h"
#include "state.h"
#include "thread_queues.h"
#include "top_window.h"
#include "wanted.h"

#include <objbase.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every shape `rounds` times, plus the longest names [doc]. */
static unsigned call_every_shape(unsigned rounds)
{
    unsigned n = shapes_init();
    for (unsigned r = 0; r < rounds; r++) {
        for (unsigned i = 0; i < n; i++)
            shape_cycle(shape_at(i), NULL);
    }
    WCHAR *longest = fence_fill(32767, L'x', "a 32767-unit name");
    WCHAR *provider = fence_wstr(PROVIDER, "lpProvider");
    pair_add(mk_add(RESOURCETYPE_DISK, longest, longest, longest, 0), WN_SUCCESS,
             "32767-unit names");
    pair_cancel(mk_cancel(longest, NULL, 0, TRUE), mk_cancel(longest, provider, 0, TRUE),
                WN_SUCCESS, "32767-unit names");
    return n * rounds * 4 + 4;
}

/* The first shapes' cancels with no add before them in this process:
 * the connection was made by another one (net use in one window, net use
 * /delete in another). A count of the notifier's own adds is 0 here. Few,
 * so that the calls after them are still all snapshotted (call.c). */
enum { LONE_CANCELS = 16 };

static void lone_cancels(unsigned n_shapes)
{
    char what[200];
    for (unsigned i = 0; i < n_shapes && i < LONE_CANCELS; i++) {
        const struct shape *s = shape_at(i);
        void *ctx = NULL;
        snprintf(what, sizeof what, "%s, with no add before it in this process", s->label);
        call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, s->cancel_pre, what);
        if (ctx)
            call_op(OP_CANCEL, NULL, NOTIFY_POST, s->cancel_status, &ctx, s->cancel_post, what);
    }
}

/* state.exceptions: rounds of every shape while another thread of the host
 * raises access violations and handles them itself (host_faults.h), until
 * 200 of them met the notifier at a read of its input names and 2000 fell
 * while a notifier call ran, or 40 rounds ran. */
static void host_exceptions(void)
{
#if defined(__x86_64__)
    enum { ENOUGH_MET = 200, ENOUGH_DURING = 2000, MAX_ROUNDS = 40 };
    if (!host_faults_start()) {
        result("state.exceptions", "notjudged", "cannot start the faulting thread (error %lu)",
               (unsigned long)GetLastError());
        return;
    }
    announce_step("every input shape while another thread of the host raises access "
                  "violations and handles each itself");
    unsigned n = shapes_init();
    unsigned rounds = 0;
    /* A guarded name read inside a system call fails that call where a read in user mode does
     * not (WriteFile of it: ERROR_INVALID_USER_BUFFER under Wine, measured): these calls judge
     * only crashes and hangs. */
    calls_condition("with each input name's page guarded (PAGE_GUARD) until its first read");
    calls_watch_names(1);
    while (rounds < MAX_ROUNDS &&
           (host_faults_met() < ENOUGH_MET || host_faults_during() < ENOUGH_DURING)) {
        for (unsigned i = 0; i < n; i++)
            shape_cycle(shape_at(i), NULL);
        rounds++;
    }
    calls_watch_names(0);
    calls_condition(NULL);
    struct host_faults hf;
    host_faults_stop(&hf);
    if (hf.handle_lost)
        result("state.exceptions", "notjudged",
               "the handle of the host thread that raised its own access violations was closed "
               "while the notifier's calls ran (a handle of the notifier's closed twice, or a "
               "stale value: see heap.handles)");
    else if (hf.stuck)
        result_bad("state.exceptions",
                   "a host thread that raised an access violation and handles it itself (a frame "
                   "handler, as __try) did not come back within 5 s while the notifier's calls "
                   "ran on another thread: a vectored exception handler of the notifier took its "
                   "fault and sent it elsewhere");
    else if (hf.taken)
        result_bad("state.exceptions",
                   "%ld of %ld access violations that a host thread raised and handles itself (a "
                   "frame handler, as __try) never reached its handler while the notifier's calls "
                   "ran on another thread (the first read gave %#lx, not the handler's value): a "
                   "vectored exception handler of the notifier took them",
                   hf.taken, hf.raised, hf.first_value);
    else if (!hf.during && !hf.met)
        result("state.exceptions", "notjudged",
               "none of %ld access violations of another host thread fell while a notifier call "
               "ran, and the notifier read none of its input names: nothing met its code",
               hf.raised);
    else
        result("state.exceptions", "pass",
               "%ld access violations of another host thread (%ld while a notifier call ran, %ld "
               "while the notifier stood at its first read of an input name) during %u rounds of "
               "every input shape, each handled by that thread's own frame handler",
               hf.raised, hf.during, hf.met, rounds);
#else
    result("state.exceptions", "skip",
           "i686: a host thread's own exceptions are checked on x86_64");
#endif
}

/* A pass for each check of `ids` that no call violated. */
static void pass_unless_seen(const char *ids, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void pass_unless_seen(const char *ids, const char *fmt, ...)
{
    char text[400];
    char list[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    snprintf(list, sizeof list, "%s", ids);
    for (char *id = strtok(list, " "); id; id = strtok(NULL, " ")) {
        if (!violation_of(id))
            result(id, "pass", "%s", text);
    }
}

/* A caller thread that entered a COM apartment before calling, and may
 * impersonate (an RPC server's worker impersonates its client). */
struct com_caller {
    DWORD coinit;
    int impersonate;
    const char *name;
    HRESULT hr;
};

static DWORD WINAPI com_caller_thread(void *arg)
{
    struct com_caller *c = arg;
    mark_driver_thread();
    c->hr = com_enter(c->coinit);
    if (FAILED(c->hr))
        return 0;
    if (c->impersonate && !ImpersonateSelf(SecurityImpersonation))
        metric("impersonate_self_error", "%lu", GetLastError());
    /* Its apartment is asked before and after every call: the notifier
     * must leave it as the caller entered it [design]. */
    state_watch_apartment(1);
    call_every_shape(1);
    state_watch_apartment(0);
    if (c->impersonate)
        RevertToSelf();
    com_leave();
    return 0;
}

/* Every shape once from a thread in an STA and once from one in the MTA
 * that impersonates, one after the other (an MTA alive would put every
 * thread in it). */
static void com_callers(char *ran, size_t cap)
{
    struct com_caller callers[] = {
        {COINIT_APARTMENTTHREADED, 0, "an STA", 0},
        {COINIT_MULTITHREADED, 1, "the MTA (impersonating itself)", 0},
    };
    ran[0] = 0;
    for (size_t i = 0; i < sizeof callers / sizeof callers[0]; i++) {
        struct com_caller *c = &callers[i];
        announce_step("every input shape on a thread in %s", c->name);
        HANDLE t = CreateThread(NULL, 0, com_caller_thread, c, 0, NULL);
        if (!t)
            continue;
        /* A window the notifier made on this thread keeps working:
         * concurrency.idle is the check for a thread that does not pump. */
        pump_until(t);
        CloseHandle(t);
        if (FAILED(c->hr)) {
            metric(i ? "com_mta_init" : "com_sta_init", "%#lx", (unsigned long)c->hr);
            continue;
        }
        size_t len = strlen(ran);
        snprintf(ran + len, cap - len, ", in %s", c->name);
    }
}

/* A caller thread the host made a fiber (a fiber-based server, a coroutine
 * runtime): the notifier must leave it one, on the same fiber [design]. */
static DWORD WINAPI fiber_caller_thread(void *arg)
{
    int *ran = arg;
    mark_driver_thread();
    void *fiber = ConvertThreadToFiber(NULL);
    if (!fiber) {
        metric("fiber_caller_error", "%lu", GetLastError());
        return 0;
    }
    call_every_shape(1);
    *ran = 1;
    /* Only while it is still the one made here (state.thread said if not). */
    if (state_current_fiber() == fiber)
        ConvertFiberToThread();
    return 0;
}

static void fiber_caller(char *ran, size_t cap)
{
    int done = 0;
    announce_step("every input shape on a thread that is a fiber");
    HANDLE t = CreateThread(NULL, 0, fiber_caller_thread, &done, 0, NULL);
    if (!t)
        return;
    pump_until(t);
    CloseHandle(t);
    if (done) {
        size_t len = strlen(ran);
        snprintf(ran + len, cap - len, ", on a fiber");
    }
}

/* Judged on every call the driver makes (winapi_call.h): passed here. */
static void pass_registers_unless_seen(void)
{
#if defined(__x86_64__)
    pass_unless_seen("abi.registers",
                     "%ld calls: RBX, RBP, RDI, RSI, R12-R15 and XMM6-XMM15 as loaded before "
                     "each, the direction flag clear after each",
                     calls_made());
#else
    result("abi.registers", "skip", "i686: its non-volatile registers are checked on x86_64");
#endif
}

/* A wait under a heap's lock ends the case (heaplock_watch.h): passed here. */
static void pass_heaplock_unless_seen(void)
{
    pass_unless_seen("state.heaplock",
                     "%ld calls: the notifier took the lock of a heap of the host %ld times, and "
                     "never waited nor held it for a hang limit before HeapUnlock",
                     calls_made(), (long)heaplock_taken());
}

static void pass_queues_unless_seen(void)
{
    pass_unless_seen("state.queues",
                     "%ld calls: the caller's queued APC still queued after each, and its "
                     "posted message still in its queue (%ld calls with a message queue)",
                     queues_calls(), queues_message_calls());
}

/* The checks judged on the rounds after the first: state.queues alone needs
 * only the first (its probe rides on the snapshotted calls). */
static int state_after_first_round_wanted(void)
{
    return wanted("state.process") || wanted("state.thread") || wanted("state.lasterror") ||
           wanted("state.tls") || wanted("state.stdout");
}

enum { CALLER_LANGUAGE = 0x0407 /* de-DE */ };

void case_state(void)
{
    /* The first calls (each one's state compared, from the load's probe on)
     * run with error mode 0, as in ordinary processes: the driver's own mode
     * (crash_install) is the one notifiers set most, and setting it again
     * would change nothing. */
    UINT driver_mode = SetErrorMode(0);
    /* A host that ignores Ctrl+C (a service, a process started in its own
     * group): a notifier that "restores" the default clears it. The drive
     * cases run with it clear. */
    SetConsoleCtrlHandler(NULL, TRUE);
    /* The caller's thread in German (locale and UI language), not the prefix's en-US: a
     * notifier that switches to en-US for its own text and leaves it so changes it. */
    SetThreadLocale(MAKELCID(CALLER_LANGUAGE, SORT_DEFAULT));
    SetThreadUILanguage(CALLER_LANGUAGE);
    /* A host with a DLL directory of its own (its plug-in folder): a notifier that "restores"
     * the default with SetDllDirectory(NULL) clears it. (SetDllDirectory("") is the common
     * hardening, but Wine reads it back as none.) */
    WCHAR host_dll_dir[MAX_PATH];
    if (GetWindowsDirectoryW(host_dll_dir, MAX_PATH))
        SetDllDirectoryW(host_dll_dir);
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    lone_cancels(n_shapes);
    /* Callers with a message queue, as UI threads are (state.queues). */
    queues_with_message_queue();
    /* The COM callers first: only the first thousand calls are all
     * snapshotted (call.c). */
    char com[96];
    com_callers(com, sizeof com);
    fiber_caller(com, sizeof com);
    /* One round first: a slot taken once on first use is not a leak. */
    call_every_shape(1);
    SetErrorMode(driver_mode);
    if (!state_after_first_round_wanted()) {
        if (wanted("state.exceptions"))
            host_exceptions();
        pass_queues_unless_seen();
        pass_registers_unless_seen();
        pass_heaplock_unless_seen();
        return;
    }
    unsigned tls0 = tls_free_slots();
    call_every_shape(2);
    std_names();
    announce_step("add and cancel POSTs with every Win32 code from 1 to %d", SHAPES_LAST_STATUS);
    shapes_status_sweep(mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0),
                        mk_cancel(s_local, s_pre_provider, 0, FALSE),
                        mk_cancel(s_local, NULL, 0, FALSE));
    slow_operations();
    SetConsoleCtrlHandler(NULL, FALSE);
    SetDllDirectoryW(NULL);
    if (wanted("state.thread"))
        late_acts_give_time();
    if (wanted("state.exceptions"))
        host_exceptions();
    state_loop_verdict(tls0, "two rounds of every input shape");
    /* A second load, as a second process of the machine: it finds the files the first made (a
     * stamp made once, whose "already there" path runs only now). Every call compared. */
    announce_step("every input shape in a second load, which finds the files the first made");
    calls_note("in a second load of the notifier, after a first one made its files");
    calls_snapshot_all(1);
    if (reload_notifier())
        call_every_shape(1);
    calls_snapshot_all(0);
    calls_note(NULL);
    long calls = calls_made();
    pass_unless_seen("state.process",
                     "%ld calls of every input shape: current directory, "
                     "environment, error mode, DLL directory, CRT locale, exception filter, "
                     "priority class, console handlers, token privileges, file-API and console "
                     "code pages, standard handles, the host's Winsock, the Ctrl+C flag (set "
                     "by the host), shutdown parameters, the shared CRT's file mode, umask and "
                     "time zone, the user's "
                     "remembered connections (HKCU\\Network) as found",
                     calls);
    pass_unless_seen("state.thread",
                     "%ld calls of every input shape and POST status on threads with no COM%s: "
                     "x87 control word, MXCSR, COM apartment, thread locale (de-DE), impersonation "
                     "token, priority, priority boost, affinity, thread error mode, UI language, "
                     "description, the fiber and the CRT's strtok/wcstok position as found",
                     calls, com);
    pass_queues_unless_seen();
    pass_registers_unless_seen();
    pass_heaplock_unless_seen();
    pass_unless_seen("state.lasterror", "%ld calls: GetLastError as found", calls);
    pass_unless_seen("state.tls", "%ld calls: no TLS slot left taken", calls);
    /* The runner fails it for text of the notifier in any case's output. */
    pass_unless_seen("state.stdout", "%ld calls: no text of the notifier on standard output",
                     calls);
}

void case_reentry(void)
{
    if (!load_notifier())
        return;
    unsigned calls = call_every_shape(1);
    pass_unless_seen("reentry.mpr", "%u calls: no WNet call from inside a callback", calls);
}

/* Adds on Y: with a window of the caller as hwndOwner and no CONNECT_INTERACTIVE (a program
 * that maps silently but has a window): a notifier that prompts whenever it has an owner for
 * the prompt shows it here. Returns the calls made. */
static unsigned owner_without_interactive(void)
{
    HWND owner = top_level_window(L"connotify caller", WS_OVERLAPPEDWINDOW);
    if (!owner)
        return 0;
    static const DWORD flags[] = {0, CONNECT_TEMPORARY, CONNECT_UPDATE_PROFILE};
    WCHAR *remote = fence_wstr(L"\\\\files.partner.example\\drop", "lpRemoteName");
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        struct shape s;
        shape_on_y(&s, remote, owner, flags[i]);
        snprintf(s.label, sizeof s.label,
                 "Y:, \\\\files.partner.example\\drop, hwndOwner the caller's window, "
                 "dwAddFlags %#lx",
                 (unsigned long)flags[i]);
        shape_cycle(&s, NULL);
        shape_free_calls(&s);
    }
    fence_free(remote);
    DestroyWindow(owner);
    return 4 * (unsigned)(sizeof flags / sizeof flags[0]);
}

/* Every shape from a caller impersonating a token of another identity, when the notifier has
 * started programs: what it starts then must carry that identity (program_identity.h). The
 * earlier calls' programs get SETTLE_MS to start first, the phase's as long after it. */
static unsigned impersonated_shapes(void)
{
    enum { SETTLE_MS = 1000 };
    HANDLE token = restricted_token_impersonation();
    if (!program_identity_starts() || !token)
        return 0;
    announce_step("every input shape from a caller impersonating a token with Administrators "
                  "deny-only (the notifier started %ld programs)",
                  program_identity_starts());
    Sleep(SETTLE_MS);
    if (!SetThreadToken(NULL, token)) {
        metric("impersonate_restricted_error", "%lu", GetLastError());
        return 0;
    }
    program_identity_callers(1);
    unsigned calls = call_every_shape(1);
    RevertToSelf();
    Sleep(SETTLE_MS);
    program_identity_callers(0);
    return calls;
}

void case_loader(void)
{
    if (!load_notifier())
        return;
    unsigned calls = call_every_shape(1);
    calls += owner_without_interactive();
    unsigned impersonated = impersonated_shapes();
    calls += impersonated;
    pass_unless_seen("loader.planting",
                     "%u calls: no LoadLibrary of a bare or relative name, "
                     "nor from a folder users can write; no program started by an unquoted "
                     "path with a space, a bare name or from such a folder",
                     calls);
    pass_unless_seen("loader.ui", "%u calls: no message box or dialog", calls);
    pass_unless_seen("loader.interactive",
                     "%u calls: no message box or dialog in a call without CONNECT_INTERACTIVE",
                     calls);
    long started = program_identity_starts();
    if (impersonated)
        pass_unless_seen("loader.identity",
                         "%u calls from a caller impersonating a token with Administrators "
                         "deny-only: no program started while they ran (%ld started in all)",
                         impersonated, started);
    else if (!started)
        pass_unless_seen("loader.identity", "%u calls: the notifier started no program", calls);
    else if (wanted("loader.identity") && !violation_of("loader.identity"))
        result("loader.identity", "notjudged",
               "the notifier started %ld programs, and no caller of another identity could be "
               "made (a restricted token: see METRIC impersonate_restricted_error)",
               started);
}

/* ---------------- above 4 GiB ---------------- */

#if defined(__x86_64__)
#define FOUR_GIB 0x100000000ull

/* Reserves every free region below 4 GiB: what is allocated from now on
 * lives above it. */
static size_t reserve_low(void)
{
    MEMORY_BASIC_INFORMATION m;
    uintptr_t p = 0x10000;
    size_t total = 0;
    while (p < FOUR_GIB && VirtualQuery((void *)p, &m, sizeof m) == sizeof m) {
        uintptr_t end = (uintptr_t)m.BaseAddress + m.RegionSize;
        if (m.State == MEM_FREE) {
            uintptr_t top = end < FOUR_GIB ? end : FOUR_GIB;
            uintptr_t base = (p + 0xffff) & ~(uintptr_t)0xffff;
            if (top > base && VirtualAlloc((void *)base, top - base, MEM_RESERVE, PAGE_NOACCESS))
                total += top - base;
        }
        if (end <= p)
            break;
        p = end;
    }
    return total;
}

/* Fills the low part of a heap until it hands out addresses above 4 GiB. */
static void fill_heap_low(void *(*get)(size_t))
{
    static const size_t sizes[] = { 65536, 4096, 256, 32 };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (size_t total = 0; total < ((size_t)256 << 20); total += sizes[s]) {
            void *p = get(sizes[s]);
            if (!p || (uintptr_t)p >= FOUR_GIB)
                break;
        }
    }
}

static void *process_heap_get(size_t n)
{
    return HeapAlloc(GetProcessHeap(), 0, n);
}
#endif

void case_highaddr(void)
{
#if defined(__x86_64__)
    size_t reserved = reserve_low();
    fill_heap_low(process_heap_get);
    fill_heap_low(malloc);
    fence_prefer_high(1);
    announce_step("low 4 GiB reserved (%lu MiB): loading the notifier above it",
                  (unsigned long)(reserved >> 20));
    if (!load_notifier())
        return;
    void *probe = malloc(32);
    metric("highaddr_malloc", "%p", probe);
    unsigned calls = call_every_shape(2);
    result("drive.highaddr", "pass", "%u calls with the low 4 GiB reserved: structures, names "
           "above 4 GiB, the heaps' low space filled: no pointer truncated", calls);
#else
    result("drive.highaddr", "skip", "i686: pointers are 32-bit");
#endif
}

/* ---------------- stack use ---------------- */

enum { PAINT = 200 * 1024, PAINT_BYTE = 0xcd };

static __attribute__((noinline)) void commit_stack(void)
{
    volatile char big[PAINT + 16 * 1024];
    big[0] = 1;
    big[sizeof big - 1] = 1;
}

struct stack_peak {
    size_t bytes;
    size_t own;     /* the driver's frames around a call, measured without it */
    char call[200];
};

/* Paints the stack below this frame, makes one call, and measures how
 * deep the call wrote. */
static __attribute__((noinline)) size_t measured_cycle(const struct shape *s)
{
    char *top = (char *)__builtin_frame_address(0) - 1024;
    char *bottom = top - PAINT;
    memset(bottom, PAINT_BYTE, PAINT);
    shape_cycle(s, NULL);
    char *p = bottom;
    while (p < top && (unsigned char)*p == PAINT_BYTE)
        p++;
    return (size_t)(top - p);
}

/* Stand-ins that use no stack: the driver's own frames around a call. */
static DWORD WINAPI stand_in_add(LPNOTIFYINFO ni, LPNOTIFYADD a)
{
    (void)a;
    ni->lpContext = ni;
    return WN_SUCCESS;
}

static DWORD WINAPI stand_in_cancel(LPNOTIFYINFO ni, LPNOTIFYCANCEL c)
{
    (void)c;
    ni->lpContext = ni;
    return WN_SUCCESS;
}

static DWORD WINAPI stack_thread(void *arg)
{
    struct stack_peak *peak = arg;
    mark_driver_thread();
    commit_stack();
    unsigned n = shapes_init();
    add_fn add = cf.add;
    cancel_fn cancel = cf.cancel;
    cf.add = stand_in_add;
    cf.cancel = stand_in_cancel;
    calls_uncounted(1);
    peak->own = measured_cycle(shape_at(0));
    calls_uncounted(0);
    cf.add = add;
    cf.cancel = cancel;
    for (unsigned i = 0; i < n; i++) {
        size_t used = measured_cycle(shape_at(i));
        if (used > peak->bytes) {
            peak->bytes = used;
            snprintf(peak->call, sizeof peak->call, "%s", shape_at(i)->label);
        }
    }
    return 0;
}

/* A thread with a 64 KiB stack, as thread pools and services use. */
static DWORD WINAPI small_stack_thread(void *arg)
{
    (void)arg;
    mark_driver_thread();
    call_every_shape(1);
    return 0;
}

void case_stack(void)
{
    if (!load_notifier())
        return;
    shapes_init();
    struct stack_peak peak = { 0, 0, "" };
    announce_step("stack high-water mark of every input shape");
    HANDLE t = CreateThread(NULL, 1024 * 1024, stack_thread, &peak,
                            STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (!t) {
        result("drive.stack", "incomplete", "cannot create a thread (error %lu)", GetLastError());
        return;
    }
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    metric("stack_peak_bytes", "%lu", (unsigned long)peak.bytes);
    metric("stack_driver_bytes", "%lu", (unsigned long)peak.own);
    size_t used = peak.bytes > peak.own ? peak.bytes - peak.own : 0;
    if (used > cf.stack_budget) {
        result_bad("drive.stack", "a cycle used %lu KiB of stack (budget %u KiB), deepest on: %s; "
                   "keep large buffers off the stack", (unsigned long)(used + 1023) / 1024,
                   cf.stack_budget / 1024, peak.call);
        return;
    }
    announce_step("every input shape on a thread with a 64 KiB stack");
    t = CreateThread(NULL, 64 * 1024, small_stack_thread, NULL,
                     STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (t) {
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
    }
    result("drive.stack", "pass", "at most %lu bytes of stack per cycle (budget %u KiB); every "
           "shape also ran on a 64 KiB stack", (unsigned long)used, cf.stack_budget / 1024);
}
