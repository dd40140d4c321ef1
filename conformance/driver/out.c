/* Output lines and the per-thread call context (see out.h). */
#include "out.h"

#include "case_decided.h"
#include "catalogue.h"
#include "conform.h"
#include "measure.h"
#include "out_handle.h"
#include "watch_thread.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static CRITICAL_SECTION out_lock;
static DWORD main_tid;
static DWORD slot_index = TLS_OUT_OF_INDEXES; /* see slot_of_thread() */

void out_init(void)
{
    InitializeCriticalSection(&out_lock);
    main_tid = GetCurrentThreadId();
    slot_index = TlsAlloc();
    out_handle_capture();
}

DWORD main_thread_id(void)
{
    return main_tid;
}

static void vout(const char *head, int clean, const char *fmt, va_list ap)
{
    char buf[4096];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0)
        return;
    /* One field per tab: a tab or newline inside text would split it. */
    for (char *p = buf; clean && *p; p++) {
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
    }
    /* Straight to the handle: a notifier that changes the CRT's stdout
     * mode (_setmode) must not silence the verdicts. */
    char line[4096 + 256];
    int len = snprintf(line, sizeof line, "%s%s\n", head, buf);
    if (len < 0)
        return;
    if (len >= (int)sizeof line)
        len = (int)sizeof line - 1;
    DWORD written;
    EnterCriticalSection(&out_lock);
    fflush(stdout);
    WriteFile(out_handle(), line, (DWORD)len, &written, NULL);
    LeaveCriticalSection(&out_lock);
}

void out_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout("", 0, fmt, ap);
    va_end(ap);
}

void result(const char *check, const char *verdict, const char *fmt, ...)
{
    char head[128];
    va_list ap;
    snprintf(head, sizeof head, "RESULT\t%s\t%s\t", check, verdict);
    va_start(ap, fmt);
    vout(head, 1, fmt, ap);
    va_end(ap);
    case_decided_note(check, verdict);
}

/* First violation per check, so that a check seen in a loop reports once. */
static struct {
    const char *check;
    char text[1024];
} seen[32];
static volatile LONG n_seen;

const char *violation_of(const char *check)
{
    for (LONG i = 0; i < n_seen && i < 32; i++) {
        if (seen[i].check && !strcmp(seen[i].check, check))
            return seen[i].text;
    }
    return NULL;
}

void result_bad(const char *check, const char *fmt, ...)
{
    const struct check *c = check_find(check);
    char text[1024];
    va_list ap;
    EnterCriticalSection(&out_lock);
    if (violation_of(check)) {
        LeaveCriticalSection(&out_lock);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n_seen < 32) {
        seen[n_seen].check = check;
        memcpy(seen[n_seen].text, text, sizeof text);
        n_seen++;
    }
    LeaveCriticalSection(&out_lock);
    result(check, c && c->kind == KIND_REPORT ? "warn" : "fail", "%s", text);
}

void metric(const char *name, const char *fmt, ...)
{
    char head[128];
    va_list ap;
    snprintf(head, sizeof head, "METRIC\t%s\t", name);
    va_start(ap, fmt);
    vout(head, 1, fmt, ap);
    va_end(ap);
}

/* Time spent inside notifier calls, for a case out of time (budget.c). */
static volatile LONG64 inside_ms_done;
static volatile LONG64 last_progress_tick;

static void progress_now(void)
{
    InterlockedExchange64(&last_progress_tick, (LONG64)GetTickCount64());
}

void announce_step(const char *fmt, ...)
{
    va_list ap;
    progress_now();
    va_start(ap, fmt);
    vout("STEP\t", 1, fmt, ap);
    va_end(ap);
}

void announce_load_step(void)
{
    out_line("STEP\t%s\tloader", LOAD_STEP);
}

/* ---- call context: one slot per thread, read by the watchdog ----
 * Kept in static memory found through a TLS index (TEB), not in __thread
 * variables: MinGW emulates those on the heap, which a broken notifier
 * may have corrupted by the time a crash is reported. */

struct call_slot {
    volatile DWORD tid;
    volatile LONGLONG since;   /* GetTickCount64 at the call's start, 0 if none */
    int driver;                /* a thread of the driver, not of the notifier */
    volatile LONG post_pending; /* its last call was a PRE that asked for a POST */
    const WCHAR *device;       /* set_call_device */
    int interactive;           /* set_call_interactive */
    char text[512];
};
static struct call_slot slots[128];
/* The first thread that entered the notifier (a window or lock it made there
 * belongs to that thread), for the HANG line. */
static volatile LONG first_caller_tid;

/* This thread's slot, or NULL. TlsGetValue sets the last error to 0: kept
 * as it was, since these run between the notifier and its last error. */
static struct call_slot *slot_if_any(void)
{
    if (slot_index == TLS_OUT_OF_INDEXES)
        return NULL;
    DWORD err = GetLastError();
    struct call_slot *s = TlsGetValue(slot_index);
    SetLastError(err);
    return s;
}

static struct call_slot *slot_of_thread(void)
{
    if (slot_index == TLS_OUT_OF_INDEXES)
        return NULL;
    struct call_slot *s = slot_if_any();
    if (s)
        return s;
    DWORD tid = GetCurrentThreadId();
    for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        if (InterlockedCompareExchange((volatile LONG *)&slots[i].tid, (LONG)tid, 0) == 0) {
            TlsSetValue(slot_index, &slots[i]);
            return &slots[i];
        }
    }
    /* All taken: the slot of a thread that ended between calls is this one's, so that a case
     * that starts hundreds of threads still sees its last threads' calls hang. */
    for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        DWORD old = slots[i].tid;
        if (slots[i].since || !thread_ended(old) ||
            InterlockedCompareExchange((volatile LONG *)&slots[i].tid, (LONG)tid, (LONG)old) !=
                (LONG)old)
            continue;
        slots[i].driver = 0;
        slots[i].device = NULL;
        slots[i].text[0] = 0;
        TlsSetValue(slot_index, &slots[i]);
        return &slots[i];
    }
    return NULL;
}

void mark_driver_thread(void)
{
    struct call_slot *s = slot_of_thread();
    if (s)
        s->driver = 1;
}

void mark_driver_thread_doing(const char *what)
{
    struct call_slot *s = slot_of_thread();
    if (!s)
        return;
    s->driver = 1;
    snprintf(s->text, sizeof s->text, "%s", what);
}

void set_crash_context(const char *fmt, ...)
{
    struct call_slot *s = slot_of_thread();
    va_list ap;
    if (!s)
        return;
    s->text[0] = 0;
    va_start(ap, fmt);
    vsnprintf(s->text, sizeof s->text, fmt, ap);
    va_end(ap);
    InterlockedCompareExchange(&first_caller_tid, (LONG)s->tid, 0);
    LONGLONG now = (LONGLONG)GetTickCount64();
    LONGLONG since = s->since;
    if (since)
        InterlockedExchangeAdd64(&inside_ms_done, (LONG64)(now - since));
    s->since = now;
    progress_now();
}

void clear_crash_context(void)
{
    struct call_slot *s = slot_if_any();
    if (!s)
        return;
    LONGLONG since = s->since;
    if (since)
        InterlockedExchangeAdd64(&inside_ms_done, (LONG64)GetTickCount64() - since);
    s->since = 0;
    s->text[0] = 0;
    progress_now();
}

void notifier_time(long long *inside_ms, long long *idle_ms)
{
    LONGLONG now = (LONGLONG)GetTickCount64();
    long long inside = inside_ms_done;
    for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        LONGLONG t = slots[i].since;
        if (slots[i].tid && t && t <= now)
            inside += now - t;
    }
    LONG64 last = last_progress_tick;
    *inside_ms = inside;
    *idle_ms = last ? now - last : -1;
}

int notifier_call_running(void)
{
    for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        if (slots[i].tid && slots[i].since && !slots[i].driver)
            return 1;
    }
    return 0;
}

void note_post_pending(int pending)
{
    struct call_slot *s = slot_of_thread();
    if (s)
        InterlockedExchange(&s->post_pending, pending);
}

/* The slot of thread tid, or NULL when it never called. */
static const struct call_slot *slot_of_tid(DWORD tid)
{
    for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        if (slots[i].tid == tid)
            return &slots[i];
    }
    return NULL;
}

int driver_thread_awaits_nothing(DWORD tid)
{
    const struct call_slot *s = slot_of_tid(tid);
    if (!s)
        return tid == main_tid;
    return !s->post_pending && (s->driver || tid == main_tid);
}

int driver_thread_between_calls(DWORD tid)
{
    const struct call_slot *s = slot_of_tid(tid);
    if (!s)
        return tid == main_tid;
    return !s->since && (s->driver || tid == main_tid);
}

int notifier_call_running_on(DWORD tid)
{
    const struct call_slot *s = slot_of_tid(tid);
    return s && s->since;
}

/* Where this process runs (calls_note), for a crash between calls. */
static char process_note[400];

void crash_context_note(const char *text)
{
    snprintf(process_note, sizeof process_note, "%s", text ? text : "");
}

const char *crash_context(void)
{
    static char between[520];
    struct call_slot *s = slot_if_any();
    if (s && s->text[0])
        return s->text;
    if (GetCurrentThreadId() == main_tid || (s && s->driver)) {
        snprintf(between, sizeof between,
                 "the driver between notifier calls (an earlier call corrupted the process, "
                 "e.g. its heap)%s%s",
                 process_note[0] ? " " : "", process_note);
        return between;
    }
    return "work in a thread the notifier started";
}

const char *hook_context(void)
{
    struct call_slot *s = slot_if_any();
    if (s && s->text[0])
        return s->text;
    if (GetCurrentThreadId() == main_tid || (s && s->driver))
        return "the notifier's code on a caller's thread outside its calls (its DllMain, or a "
               "callback it registered)";
    return "work in a thread the notifier started";
}

void set_call_device(const WCHAR *name)
{
    struct call_slot *s = slot_of_thread();
    if (s)
        s->device = name;
}

const WCHAR *call_device(void)
{
    struct call_slot *s = slot_if_any();
    return s ? s->device : NULL;
}

void set_call_interactive(int interactive)
{
    struct call_slot *s = slot_of_thread();
    if (s)
        s->interactive = interactive;
}

int call_interactive(void)
{
    struct call_slot *s = slot_if_any();
    return s ? s->interactive : 0;
}

int in_notifier_call(void)
{
    struct call_slot *s = slot_if_any();
    return s && s->text[0] != 0;
}

/* Timed on the tick count, which stands still while Wine's wineserver does (budget.c): a
 * call is a hang after hang_limit_ms of Wine running, never for Wine's own stall. */
static unsigned hang_limit_ms;

static void watchdog(void)
{
    for (;;) {
        Sleep(100);
        LONGLONG now = (LONGLONG)GetTickCount64();
        for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
            LONGLONG t = slots[i].since;
            /* Its thread ended inside the call (ExitThread): no answer will come. */
            if (slots[i].tid && t && thread_ended(slots[i].tid) && slots[i].since == t) {
                watch_line("HANG\t%s: its thread ended inside the call (ExitThread), so its "
                           "caller never gets an answer\t%lld\tended",
                           slots[i].text, now - t);
                TerminateProcess(GetCurrentProcess(), EXIT_HANG);
            }
            if (!slots[i].tid || !t || now - t < (LONGLONG)hang_limit_ms)
                continue;
            const char *who = slots[i].tid == (DWORD)first_caller_tid ? "first" : "other";
            watch_line("HANG\t%s\t%lld\t%s", slots[i].text, now - t, who);
            TerminateProcess(GetCurrentProcess(), EXIT_HANG);
        }
    }
}

void watchdog_start(unsigned ms)
{
    hang_limit_ms = ms;
    /* Started before any count of threads is taken. */
    watch_start(watchdog);
}
