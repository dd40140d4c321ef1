/* Cases load and cycles: loading the notifier as MPR does. */
#include "cases.h"

#include "call.h"
#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "measure.h"
#include "out.h"

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
    DWORD bytes0 = 0;
    if (EnumProcessModules(GetCurrentProcess(), mods0, sizeof mods0, &bytes0)) nmods0 = bytes0 / sizeof mods0[0];
    if (nmods0 > 1024) nmods0 = 1024;
    LONG a0 = thread_attaches();
    int t0 = thread_count();
    announce_step("LoadLibrary (DllMain PROCESS_ATTACH)");
    set_crash_context("LoadLibrary (DllMain PROCESS_ATTACH)");
    double t = now_ms();
    record_faults(1);
    HMODULE m = LoadLibraryW(cf.dll);
    record_faults(0);
    double dt = now_ms() - t;
    DWORD err = GetLastError();
    clear_crash_context();
    metric("load_ms", "%.2f", dt);
    if (!m && recorded_fault()[0]) {
        out_line("LOADERROR\tcrash in DllMain: %s (LoadLibrary error %lu)", recorded_fault(), (unsigned long)err);
        result("load.time", "fail", "crash in DllMain: %s; LoadLibrary failed with error %lu", recorded_fault(), (unsigned long)err);
        result("load.threads", "skip", "the notifier does not load");
        result("load.modules", "skip", "the notifier does not load");
        return;
    }
    if (!m) {
        const char *why = err == ERROR_DLL_INIT_FAILED ? " (DllMain returned FALSE)" :
                          err == ERROR_MOD_NOT_FOUND ? " (a DLL it imports is missing)" :
                          err == ERROR_PROC_NOT_FOUND ? " (a function it imports is missing)" :
                          err == ERROR_BAD_EXE_FORMAT ? " (wrong architecture or not a DLL)" : "";
        out_line("LOADERROR\tLoadLibrary failed with error %lu: %s%s", (unsigned long)err, err_text(err), why);
        result("load.time", "fail", "LoadLibrary failed: error %lu: %s%s", (unsigned long)err, err_text(err), why);
        result("load.threads", "skip", "the notifier does not load");
        result("load.modules", "skip", "the notifier does not load");
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
    int alive = thread_count() - t0;
    metric("dllmain_threads", "%ld", created);
    if (created > 0 || alive > 0)
        result("load.threads", "fail", "DllMain created %ld thread(s), %d still running [loader lock: DllMain must stay trivial]",
               created, alive > 0 ? alive : 0);
    else
        result("load.threads", "pass", "no thread created during LoadLibrary");
}

void case_cycles(void)
{
    /* First load outside the count: one-time allocations are not leaks. */
    HMODULE m = LoadLibraryW(cf.dll);
    if (!m) { out_line("SKIPCASE\tthe notifier does not load (error %lu)", GetLastError()); return; }
    FreeLibrary(m);
    Sleep(100);
    uintptr_t h0 = probe_handle();
    LONG a0 = thread_attaches();
    int t0 = thread_count();
    announce_step("100 LoadLibrary/FreeLibrary cycles");
    for (int i = 0; i < 100; i++) {
        set_crash_context("LoadLibrary/FreeLibrary cycle %d", i + 1);
        m = LoadLibraryW(cf.dll);
        if (!m) {
            result("load.cycles", "fail", "LoadLibrary failed on cycle %d: error %lu", i + 1, GetLastError());
            return;
        }
        FreeLibrary(m);
    }
    clear_crash_context();
    Sleep(100);
    uintptr_t h1 = probe_handle();
    long grown = (long)((intptr_t)(h1 - h0) / 4);
    int alive = thread_count() - t0;
    metric("cycle_handles", "%ld", grown);
    if (alive > 0)
        result("load.cycles", "fail", "%d thread(s) still running after 100 load/unload cycles: each load starts a thread that outlives FreeLibrary",
               alive);
    else if (grown > 4)
        result("load.cycles", "fail", "handles grew by %ld over 100 load/unload cycles (probe handle %#llx -> %#llx): a handle leaks per load",
               grown, (unsigned long long)h0, (unsigned long long)h1);
    else
        result("load.cycles", "pass", "handle growth %ld over 100 cycles (tolerance 4); %ld thread(s) created",
               grown, thread_attaches() - a0);
}

