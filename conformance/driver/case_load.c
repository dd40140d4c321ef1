/* Cases load and cycles: loading the notifier as MPR does. */
#include "cases.h"
#include "load_diagnose.h"

#include "budget.h"
#include "call.h"
#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "hooks_waits.h"
#include "host_iat.h"
#include "measure.h"
#include "out.h"
#include "out_handle.h"
#include "pin_modules.h"
#include "shapes.h"
#include "thread_stacks.h"
#include "top_window.h"
#include "unset_load.h"
#include "wanted.h"

#include <psapi.h>
#include <stdio.h>
#include <string.h>

/* ---------------- load ---------------- */

static const char *err_text(DWORD e)
{
    static char buf[256];
    if (!FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, e, 0,
                        buf, sizeof buf, NULL))
        snprintf(buf, sizeof buf, "error %lu", (unsigned long)e);
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == '\r' || buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '.')) buf[--n] = 0;
    for (char *p = buf; *p; p++)
        if (*p == '\r' || *p == '\n') *p = ' ';
    return buf;
}

/* ---- modules DllMain loads beyond the import closure ---- */

static HMODULE mods0[1024];
static DWORD nmods0;

static int had_module(HMODULE m)
{
    for (DWORD i = 0; i < nmods0; i++)
        if (mods0[i] == m) return 1;
    return 0;
}

static const char *base_name(HMODULE m, char *buf, size_t cap)
{
    char path[MAX_PATH];
    if (!GetModuleFileNameA(m, path, sizeof path)) snprintf(path, sizeof path, "%p", (void *)m);
    const char *b = strrchr(path, '\\');
    snprintf(buf, cap, "%s", b ? b + 1 : path);
    return buf;
}

/* Does module m import (load-time import table) a DLL named `name`? */
static int imports_name(HMODULE m, const char *name)
{
    char *b = (char *)m;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(b + ((IMAGE_DOS_HEADER *)b)->e_lfanew);
    IMAGE_DATA_DIRECTORY d = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    if (!d.VirtualAddress) return 0;
    for (IMAGE_IMPORT_DESCRIPTOR *id = (IMAGE_IMPORT_DESCRIPTOR *)(b + d.VirtualAddress); id->Name; id++)
        if (!_stricmp(b + id->Name, name)) return 1;
    return 0;
}

/* Lists (into out) the modules loaded since mods0 that neither the
 * notifier nor another new module imports: loaded by code in DllMain. */
static int dllmain_loads(HMODULE notifier, char *out, size_t cap)
{
    HMODULE now[1024];
    DWORD bytes = 0, n;
    char nm[MAX_PATH];
    int found = 0;
    out[0] = 0;
    if (!EnumProcessModules(GetCurrentProcess(), now, sizeof now, &bytes)) return 0;
    n = bytes / sizeof now[0];
    if (n > 1024) n = 1024;
    for (DWORD i = 0; i < n; i++) {
        HMODULE m = now[i];
        if (m == notifier || had_module(m)) continue;
        base_name(m, nm, sizeof nm);
        int explained = imports_name(notifier, nm);
        for (DWORD j = 0; !explained && j < n; j++)
            if (now[j] != m && !had_module(now[j]) && now[j] != notifier && imports_name(now[j], nm)) explained = 1;
        for (DWORD j = 0; !explained && j < nmods0; j++)
            if (imports_name(mods0[j], nm)) explained = 1;  /* a lazy import of an existing module */
        if (explained) continue;
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s%s", found ? ", " : "", nm);
        found++;
    }
    return found;
}

void case_load(void)
{
    if (unset_load_is_child()) {
        unset_load_child();
        return;
    }
    DWORD bytes0 = 0;
    if (EnumProcessModules(GetCurrentProcess(), mods0, sizeof mods0, &bytes0)) nmods0 = bytes0 / sizeof mods0[0];
    if (nmods0 > 1024) nmods0 = 1024;
    LONG a0 = thread_attaches();
    int t0 = thread_count();
    announce_load_step();
    set_crash_context(LOAD_STEP);
    double t = now_ms();
    double frozen0 = budget_frozen_ms();
    record_faults(1);
    HMODULE m = LoadLibraryW(cf.dll);
    record_faults(0);
    /* The time the wineserver stood still is Wine's. */
    double dt = now_ms() - t - (budget_frozen_ms() - frozen0);
    DWORD err = GetLastError();
    clear_crash_context();
    metric("load_ms", "%.2f", dt);
    if (!m && recorded_fault()[0]) {
        out_line("LOADERROR\tcrash in DllMain: %s (LoadLibrary error %lu)", recorded_fault(), (unsigned long)err);
        result("load.time", "fail", "crash in DllMain: %s; LoadLibrary failed with error %lu", recorded_fault(), (unsigned long)err);
        result("load.threads", "skip", "the notifier does not load");
        result("load.modules", "skip", "the notifier does not load");
        result("load.unset", "skip", "the notifier does not load");
        return;
    }
    if (!m) {
        const char *why = err == ERROR_DLL_INIT_FAILED ? " (DllMain returned FALSE)" :
                          err == ERROR_MOD_NOT_FOUND ? " (a DLL it imports is missing)" :
                          err == ERROR_PROC_NOT_FOUND ? " (a function it imports is missing)" :
                          err == ERROR_BAD_EXE_FORMAT ? " (wrong architecture or not a DLL)" : "";
        char named[1024];
        char detail[1100];
        if (load_diagnose(cf.dll, err, named, sizeof named) > 0) {
            snprintf(detail, sizeof detail, " (missing: %s)", named);
            why = detail;
        }
        out_line("LOADERROR\tLoadLibrary failed with error %lu: %s%s", (unsigned long)err,
                 err_text(err), why);
        result("load.time", "fail", "LoadLibrary failed: error %lu: %s%s", (unsigned long)err,
               err_text(err), why);
        result("load.threads", "skip", "the notifier does not load");
        result("load.modules", "skip", "the notifier does not load");
        result("load.unset", "skip", "the notifier does not load");
        return;
    }
    char loaded[512];
    int nl = dllmain_loads(m, loaded, sizeof loaded);
    metric("dllmain_loads", "%d", nl);
    if (nl > 0)
        result("load.modules", "warn", "DllMain loaded %d DLL(s) no import explains: %s (LoadLibrary under the loader lock: deadlock risk; load on first use instead)",
               nl, loaded);
    else
        result("load.modules", "pass", "no DLL loaded beyond the import tables");
    if (dt > cf.load_budget_ms)
        result("load.time", "fail", "LoadLibrary took %.0f ms (budget %u ms): DllMain does work under the loader lock",
               dt, cf.load_budget_ms);
    else
        result("load.time", "pass", "loaded in %.1f ms (budget %u ms)", dt, cf.load_budget_ms);
    /* A thread started by DllMain runs once the loader lock is free. */
    Sleep(300);
    LONG created = thread_attaches() - a0;
    int t1 = thread_count();
    /* A snapshot that failed (-1) counts nothing. */
    int alive = t0 < 0 || t1 < 0 ? 0 : t1 - t0;
    metric("dllmain_threads", "%ld", created);
    if (created > 0 || alive > 0)
        result("load.threads", "fail", "DllMain created %ld thread(s), %d still running [loader lock: DllMain must stay trivial]",
               created, alive > 0 ? alive : 0);
    else
        result("load.threads", "pass", "no thread created during LoadLibrary");
    if (wanted("load.unset"))
        unset_load_judge();
}

/* ---------------- cycles ---------------- */

/* FreeLibrary runs on this thread, so that a DllMain that never returns
 * is a verdict, not a hang of the case. */
static HANDLE unload_go, unload_done;
static HMODULE unload_mod;
static char unload_what[120];

/* An entry of the host's import table the notifier left repointed at an
 * unload (host_iat.h), described; the table is put back at once. */
static char iat_left[400];

static DWORD WINAPI unloader(void *arg)
{
    (void)arg;
    mark_driver_thread();
    for (;;) {
        WaitForSingleObject(unload_go, INFINITE);
        set_crash_context("FreeLibrary (DllMain PROCESS_DETACH) %s", unload_what);
        FreeLibrary(unload_mod);
        /* Before the driver calls anything through its own imports again. */
        if (!iat_left[0])
            host_iat_repair(iat_left, sizeof iat_left);
        clear_crash_context();
        SetEvent(unload_done);
    }
    return 0;
}

/* FreeLibrary(m) within the limit; a DllMain PROCESS_DETACH that waits for
 * ever holds the loader lock: the verdict is printed and the process ends
 * (ExitProcess would wait for the same lock). */
static double unload_within(HMODULE m, const char *what)
{
    DWORD limit = cf.hang_ms / 2 > 10000 ? 10000 : cf.hang_ms / 2;
    unload_mod = m;
    snprintf(unload_what, sizeof unload_what, "%s", what);
    double t = now_ms();
    SetEvent(unload_go);
    if (WaitForSingleObject(unload_done, limit) == WAIT_OBJECT_0)
        return now_ms() - t;
    result("load.cycles", "fail",
           "FreeLibrary did not return within %lu s %s: DllMain "
           "PROCESS_DETACH waits (for a thread it started, a lock or an event) under the "
           "loader lock; the host hangs in FreeLibrary and at exit",
           (unsigned long)limit / 1000, what);
    fflush(stdout);
    TerminateProcess(GetCurrentProcess(), 0);
    return -1;
}

/* The range of the last unload, reserved by the host so that the next load
 * lands elsewhere, as it does when another DLL or a heap took the range:
 * a pointer into the old image kept past FreeLibrary (a window class, a
 * callback another module holds) then reaches unmapped code. */
static void *held_range;

static void hold_range(uintptr_t lo, uintptr_t hi)
{
    if (!held_range)
        held_range = VirtualAlloc((void *)lo, hi - lo, MEM_RESERVE, PAGE_NOACCESS);
}

static void release_range(void)
{
    if (held_range)
        VirtualFree(held_range, 0, MEM_RELEASE);
    held_range = NULL;
}

static HMODULE load_for_cycle(const char *what)
{
    set_crash_context(LOAD_STEP " %s", what);
    HMODULE m = LoadLibraryW(cf.dll);
    clear_crash_context();
    if (!m)
        return NULL;
    /* The old range stays watched while it is held: not mapped again. */
    if (!held_range)
        crash_unloaded(0, 0, "", "");
    cf.mod = m;
    /* The hooks see what the notifier registers (hooks_waits.h) and leaves at unload. */
    hooks_install(m);
    cf.add = (add_fn)(void *)GetProcAddress(m, "AddConnectNotify");
    cf.cancel = (cancel_fn)(void *)GetProcAddress(m, "CancelConnectNotify");
    return m;
}

static volatile LONG calling;

/* A crash during an ordinary call, before any unload, is the drive and
 * volume cases' verdict (they name the input); not this check's. */
static void crash_while_calling(void)
{
    if (!calling)
        return;
    char line[300];
    int n = snprintf(line, sizeof line,
                     "RESULT\tload.cycles\tnotjudged\tthe notifier crashed "
                     "during an ordinary call of the input shapes, before any unload: the "
                     "drive, latency and leaks cases judge that crash\n");
    DWORD w;
    fflush(stdout);
    WriteFile(out_handle(), line, (DWORD)n, &w, NULL);
}

/* Shape cycles from `first` until n are done or limit_ms is spent (a
 * blocking notifier); returns the cycles done. */
static unsigned call_shapes(unsigned first, unsigned n, double limit_ms, double *slowest)
{
    double t0 = now_ms();
    unsigned done = 0;
    calling = 1;
    crash_hook = crash_while_calling;
    while (done < n && now_ms() - t0 < limit_ms) {
        double s = shape_cycle(shape_at(first + done), NULL);
        if (s > *slowest)
            *slowest = s;
        done++;
    }
    calling = 0;
    crash_hook = NULL;
    return done;
}

/* Unloads m with the range [lo, hi) watched: from FreeLibrary on, code
 * of the notifier that runs is reported by crash.c. */
static double unload_watched(HMODULE m, const char *dll, const char *what)
{
    uintptr_t lo;
    uintptr_t hi;
    notifier_range(m, &lo, &hi);
    cf.mod = NULL;
    cf.add = NULL;
    cf.cancel = NULL;
    crash_unloaded(lo, hi, dll, what);
    return unload_within(m, what);
}

static volatile LONG probe_caught;
#define PROBE_CODE 0xe0434e31u /* the host's own exception */

static LONG CALLBACK on_probe(EXCEPTION_POINTERS *ep)
{
    if (ep->ExceptionRecord->ExceptionCode != PROBE_CODE)
        return EXCEPTION_CONTINUE_SEARCH;
    InterlockedIncrement(&probe_caught);
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* The host raises and handles an exception of its own: every vectored
 * handler ahead of the host's (the last in the list) runs. */
static int raise_probe(unsigned cycle)
{
    LONG before = probe_caught;
    set_crash_context("RaiseException by the host after FreeLibrary (cycle %u)", cycle);
    crash_handler_first();
    PVOID h = AddVectoredExceptionHandler(0, on_probe);
    RaiseException(PROBE_CODE, 0, 0, NULL);
    RemoveVectoredExceptionHandler(h);
    clear_crash_context();
    return probe_caught != before;
}

/* The host makes a window and sends, posts and takes a message on this
 * thread, as a UI thread does: a windows hook the notifier left (WH_CBT,
 * WH_CALLWNDPROC, WH_GETMESSAGE) runs here; into unmapped code once the
 * notifier is unloaded, which crash_unloaded names. */
static void message_probe(unsigned cycle)
{
    MSG msg;
    set_crash_context("window messages of the host after FreeLibrary (cycle %u)", cycle);
    HWND w = top_level_window(L"connotify host after unload", 0);
    if (w) {
        SendMessageW(w, WM_NULL, 0, 0);
        PostMessageW(w, WM_NULL, 0, 0);
    }
    PostThreadMessageW(GetCurrentThreadId(), WM_NULL, 0, 0);
    for (int i = 0; i < 16 && PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE); i++)
        DispatchMessageW(&msg);
    if (w)
        DestroyWindow(w);
    clear_crash_context();
}

static int still_mapped(uintptr_t lo)
{
    HMODULE m = NULL;
    DWORD flags =
        GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    return GetModuleHandleExW(flags, (LPCWSTR)lo, &m) && m;
}

enum { FULL_CYCLES = 3, QUICK_CYCLES = 100, SLOW_CYCLES_MAX = 3, EXITING_SHAPES = 4 };

static HANDLE exiting_called;
static HANDLE exiting_unloaded;

/* A caller thread that calls, lives past FreeLibrary and then ends: its
 * per-thread callbacks (FlsAlloc's, a TLS destructor) run at its end. */
static DWORD WINAPI exiting_caller(void *arg)
{
    (void)arg;
    mark_driver_thread();
    for (unsigned i = 0; i < EXITING_SHAPES; i++)
        shape_cycle(shape_at(i), NULL);
    SetEvent(exiting_called);
    WaitForSingleObject(exiting_unloaded, INFINITE);
    return 0;
}

static HANDLE start_exiting_caller(void)
{
    if (!exiting_called) {
        exiting_called = CreateEventW(NULL, FALSE, FALSE, NULL);
        exiting_unloaded = CreateEventW(NULL, FALSE, FALSE, NULL);
    }
    HANDLE th = CreateThread(NULL, 0, exiting_caller, NULL, 0, NULL);
    if (th && WaitForSingleObject(exiting_called, 8000) != WAIT_OBJECT_0) {
        /* A blocking notifier: the thread stays; the other cases judge it. */
        CloseHandle(th);
        return NULL;
    }
    return th;
}

/* [design] MPR loads the notifier, calls it and may free it while the
 * process lives on: nothing of it (timer, thread, vectored handler, wait
 * callback) may run after FreeLibrary, and DllMain PROCESS_DETACH must not
 * wait under the loader lock. Returns 0 after a verdict. */
static int full_cycles(const char *dll, char *pass, size_t cap)
{
    unsigned n_shapes = shapes_init();
    double unload_max = 0;
    double slowest = 0;
    int pinned = 0;
    uintptr_t last_base = 0;
    pass[0] = 0;
    for (unsigned k = 1; k <= FULL_CYCLES; k++) {
        char what[120];
        snprintf(what, sizeof what, "of cycle %u", k);
        announce_step("cycle %u of %d: LoadLibrary, %u input shapes, FreeLibrary, 2 s, an "
                      "exception",
                      k, FULL_CYCLES, n_shapes);
        HMODULE m = load_for_cycle(what);
        if (!m) {
            result("load.cycles", "fail", "LoadLibrary failed on cycle %u: error %lu%s", k,
                   GetLastError(),
                   held_range ? " (its earlier address range was taken: it cannot be loaded "
                                "at another address, no relocations)"
                              : "");
            return 0;
        }
        long c0 = calls_made();
        HANDLE exiting = start_exiting_caller();
        unsigned done = call_shapes(0, n_shapes, 8000, &slowest);
        long calls = calls_made() - c0;
        snprintf(what, sizeof what, "after %ld calls (%u of %u input shapes) in cycle %u", calls,
                 done, n_shapes, k);
        uintptr_t lo;
        uintptr_t hi;
        notifier_range(m, &lo, &hi);
        last_base = lo;
        double ms = unload_watched(m, dll, what);
        if (ms > unload_max)
            unload_max = ms;
        if (exiting) {
            SetEvent(exiting_unloaded);
            WaitForSingleObject(exiting, 5000);
            CloseHandle(exiting);
        }
        /* Timers and pool callbacks due within the wait fire now. */
        Sleep(2000);
        pinned = still_mapped(lo);
        struct thread_census tc;
        thread_census(lo, hi, &tc);
        if (!pinned && tc.notifier > 0) {
            result("load.cycles", "fail",
                   "%d thread(s) the notifier started still exist 2 s "
                   "after FreeLibrary %s: they run or return into unmapped code",
                   tc.notifier, what);
            return 0;
        }
        if (iat_left[0]) {
            result("load.cycles", "fail", "%s, FreeLibrary %s", iat_left, what);
            return 0;
        }
        char registrations[300];
        if (!pinned && registrations_take_left(lo, hi, registrations, sizeof registrations)) {
            result("load.cycles", "fail",
                   "%s %s: its object signaled or its time come, the pool calls unmapped code "
                   "(every wait must be unregistered, also one that ran once [doc])",
                   registrations, what);
            return 0;
        }
        message_probe(k);
        if (!raise_probe(k)) {
            result("load.cycles", "fail",
                   "an exception the host raised 2 s after FreeLibrary "
                   "%s never reached the host's own handler: a vectored handler of the "
                   "notifier swallowed it",
                   what);
            return 0;
        }
        release_range();
        if (!pinned && k < FULL_CYCLES)
            hold_range(lo, hi);
    }
    release_range();
    /* A DLL that holds a reference to itself gives it back when its work ends: one still
     * loaded PIN_WAIT_MS later with a thread waiting in its code never will. */
    enum { PIN_WAIT_MS = 10000 };
    for (double start = now_ms(); pinned && now_ms() - start < PIN_WAIT_MS;) {
        Sleep(200);
        pinned = still_mapped(last_base);
    }
    ULONG_PTR at = 0;
    DWORD waiter = pinned ? thread_in_module_code((HMODULE)last_base, &at) : 0;
    if (waiter) {
        result("load.cycles", "fail",
               "%d s after the last FreeLibrary the DLL is still loaded (it holds a reference to "
               "itself) and thread %lu waits in its code (%s+%#lx on its stack): work that has "
               "not ended by then (a long wait, a deadlock) keeps it loaded, and the host cannot "
               "unload it",
               PIN_WAIT_MS / 1000, (unsigned long)waiter, dll, (unsigned long)(at - last_base));
        return 0;
    }
    snprintf(pass, cap,
             "%d cycles of LoadLibrary (the later ones at another address), every input shape, "
             "FreeLibrary (at most %.0f ms), a caller thread ending after it, 2 s, window "
             "messages and an exception raised and handled: nothing of the notifier ran after "
             "unload%s",
             FULL_CYCLES, unload_max,
             pinned ? " (it stays loaded: it holds a reference to itself)" : "");
    (void)slowest;
    return 1;
}

void case_cycles(void)
{
    const char *dll = "notifier";
    char name[MAX_PATH];
    char pass[400];
    unload_go = CreateEventW(NULL, FALSE, FALSE, NULL);
    unload_done = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE th = CreateThread(NULL, 0, unloader, NULL, 0, NULL);
    if (th)
        CloseHandle(th);
    /* The host's import table before the notifier ever ran. */
    host_iat_take();
    /* First load outside the count: one-time allocations are not leaks. */
    static HMODULE before[PIN_MODULES_MAX];
    unsigned n_before = pin_modules_now(before);
    HMODULE m = LoadLibraryW(cf.dll);
    if (!m) {
        out_line("SKIPCASE\tthe notifier does not load (error %lu)", GetLastError());
        return;
    }
    metric("cycle_pinned_system_dlls", "%u", pin_modules_new_system(before, n_before));
    dll = base_name(m, name, sizeof name);
    unload_within(m, "of the first load, before any call");
    Sleep(100);
    if (!full_cycles(dll, pass, sizeof pass))
        return;
    uintptr_t h0 = probe_handle();
    unsigned tls0 = tls_free_slots();
    LONG a0 = thread_attaches();
    struct thread_census t0;
    thread_census(0, 0, &t0);
    announce_step("%d cycles of LoadLibrary, one input shape, FreeLibrary", QUICK_CYCLES);
    /* A notifier whose calls block is not called in every cycle; one slow
     * call (a loaded machine) is not that. The last cycle always calls: the
     * threads its calls start are the ones judged below. */
    int slow_cycles = 0;
    uintptr_t lo = 0;
    uintptr_t hi = 0;
    for (int i = 0; i < QUICK_CYCLES; i++) {
        char what[80];
        snprintf(what, sizeof what, "of load/unload cycle %d", i + 1);
        m = load_for_cycle(what);
        if (!m) {
            result("load.cycles", "fail", "LoadLibrary failed on cycle %d: error %lu", i + 1,
                   GetLastError());
            return;
        }
        notifier_range(m, &lo, &hi);
        if (slow_cycles < SLOW_CYCLES_MAX || i == QUICK_CYCLES - 1) {
            double slowest = 0;
            call_shapes((unsigned)i, 1, 1000, &slowest);
            if (slowest >= 10.0 * cf.budget_ms)
                slow_cycles++;
        }
        unload_watched(m, dll, what);
    }
    /* A worker that holds its own reference to the DLL and ends when idle
     * (FreeLibraryAndExitThread) is not a leak: it gets 10 s from the last
     * FreeLibrary to end, counted before anything else waits (on a loaded
     * machine the settling below may take long enough for any thread to end). */
    struct thread_census t1;
    thread_census(lo, hi, &t1);
    int alive = t1.total - t0.total - (t1.system - t0.system);
    double lingered = 0;
    for (double start = now_ms(); alive > 0 && lingered < 10000; lingered = now_ms() - start) {
        Sleep(250);
        thread_census(lo, hi, &t1);
        alive = t1.total - t0.total - (t1.system - t0.system);
    }
    int settled;
    double waited = wait_quiet(lo, hi, t0.system, 30000, &settled);
    uintptr_t h1 = probe_handle();
    long grown = (long)((intptr_t)(h1 - h0) / 4);
    unsigned tls1 = tls_free_slots();
    long tls_lost = (long)tls0 - (long)tls1;
    metric("cycle_linger_ms", "%.0f", lingered);
    metric("cycle_handles", "%ld", grown);
    metric("cycle_quiet_ms", "%.0f", waited);
    if (alive > 0)
        result("load.cycles", "fail",
               "%d thread(s) still running 10 s after %d load/call/unload "
               "cycles: each load starts a thread that outlives FreeLibrary",
               alive, QUICK_CYCLES);
    else if (tls_lost > 4)
        result("load.cycles", "fail",
               "%ld TLS slot(s) fewer free after %d load/call/unload cycles (%u -> %u): a "
               "slot taken per load (TlsAlloc in DllMain) and never freed; the process runs "
               "out of TLS slots",
               tls_lost, QUICK_CYCLES, tls0, tls1);
    else if (grown > 4)
        result("load.cycles", "fail",
               "handles grew by %ld over %d load/call/unload cycles "
               "(probe handle %#llx -> %#llx): a handle leaks per load",
               grown, QUICK_CYCLES, (unsigned long long)h0, (unsigned long long)h1);
    else
        result("load.cycles", "pass",
               "%s; %d load/call/unload cycles: handle growth %ld, TLS slots lost %ld "
               "(tolerance 4 each), %ld thread(s) created, none left",
               pass, QUICK_CYCLES, grown, tls_lost, thread_attaches() - a0);
}
