/* cn_conform: harness, crash reporting, fenced memory and measures. */
#include "conform.h"

#include <psapi.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tlhelp32.h>
#include <wchar.h>

struct conform cf = { .budget_ms = 50, .load_budget_ms = 1000, .cycles = 10000, .threads = 8, .ops = 1000 };

#define EXIT_CRASH 86   /* the process reported a crash on stdout */
#define EXIT_USAGE 2

/* ---------------- output ---------------- */

static CRITICAL_SECTION out_lock;

static void vout(const char *head, int clean, const char *fmt, va_list ap)
{
    char buf[4096];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0) return;
    EnterCriticalSection(&out_lock);
    /* One field per tab: a tab or newline inside text would split it. */
    for (char *p = buf; clean && *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r') *p = ' ';
    fputs(head, stdout);
    fputs(buf, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    LeaveCriticalSection(&out_lock);
}

void result(const char *check, const char *verdict, const char *fmt, ...)
{
    char head[128];
    va_list ap;
    snprintf(head, sizeof head, "RESULT\t%s\t%s\t", check, verdict);
    va_start(ap, fmt);
    vout(head, 1, fmt, ap);
    va_end(ap);
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

void step(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout("STEP\t", 1, fmt, ap);
    va_end(ap);
}

void out_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout("", 0, fmt, ap);
    va_end(ap);
}

/* Per-thread step so that a crash names the call that was running. */
static __thread char cur_step[256];
static char main_step[256];
static DWORD main_tid;

void set_step(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cur_step, sizeof cur_step, fmt, ap);
    va_end(ap);
    if (GetCurrentThreadId() == main_tid)
        memcpy(main_step, cur_step, sizeof main_step);
}

/* ---------------- fenced memory ---------------- */

#define PAGE 4096u
enum { FENCE_DATA, FENCE_TRAP, FENCE_DEAD };

struct fence {
    char *base, *data, *guard;  /* data ends where the guard page starts */
    size_t size;
    int kind;
    char label[64];
};
static struct fence fences[512];
static volatile LONG nfences;
static volatile LONG trap_hit_count;
static char trap_hit_label[64];

static struct fence *fence_of(const void *p)
{
    for (LONG i = 0; i < nfences; i++)
        if (fences[i].base && fences[i].data == p) return &fences[i];
    return NULL;
}

void *fence_alloc(size_t size, const char *label)
{
    size_t pages = (size + PAGE - 1) / PAGE;
    if (pages == 0) pages = 1;
    char *base = VirtualAlloc(NULL, (pages + 1) * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    DWORD old;
    if (!base || nfences >= (LONG)(sizeof fences / sizeof fences[0])) {
        out_line("ERROR\tout of memory for fenced buffers");
        ExitProcess(EXIT_USAGE);
    }
    VirtualProtect(base + pages * PAGE, PAGE, PAGE_NOACCESS, &old);
    struct fence *f = &fences[nfences];
    f->base = base;
    f->guard = base + pages * PAGE;
    f->data = f->guard - size;
    f->size = size;
    f->kind = FENCE_DATA;
    snprintf(f->label, sizeof f->label, "%s", label);
    InterlockedIncrement(&nfences);
    return f->data;
}

void fence_seal(void *p)
{
    struct fence *f = fence_of(p);
    DWORD old;
    if (f) VirtualProtect(f->base, (size_t)(f->guard - f->base), PAGE_READONLY, &old);
}

void fence_unseal(void *p)
{
    struct fence *f = fence_of(p);
    DWORD old;
    if (f) VirtualProtect(f->base, (size_t)(f->guard - f->base), PAGE_READWRITE, &old);
}

/* The buffer's call has returned: every byte becomes PAGE_NOACCESS and a
 * later touch is named by `label`. The pages stay reserved, so that the
 * address is never reused for another buffer. */
void fence_retire(void *p, const char *label)
{
    struct fence *f = fence_of(p);
    DWORD old;
    if (!f || f->kind != FENCE_DATA) return;
    VirtualProtect(f->base, (size_t)(f->guard - f->base), PAGE_NOACCESS, &old);
    f->kind = FENCE_DEAD;
    snprintf(f->label, sizeof f->label, "%s", label);
}

void fence_free(void *p)
{
    struct fence *f = fence_of(p);
    if (!f) return;
    VirtualFree(f->base, 0, MEM_RELEASE);
    f->base = f->data = f->guard = NULL;
}

void *trap_page(const char *label)
{
    char *base = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
    if (!base || nfences >= (LONG)(sizeof fences / sizeof fences[0])) {
        out_line("ERROR\tout of memory for trap pages");
        ExitProcess(EXIT_USAGE);
    }
    struct fence *f = &fences[nfences];
    f->base = f->data = f->guard = base;
    f->size = 0;
    f->kind = FENCE_TRAP;
    snprintf(f->label, sizeof f->label, "%s", label);
    InterlockedIncrement(&nfences);
    return base;
}

WCHAR *fence_wstr(const WCHAR *s, const char *label)
{
    size_t n = wcslen(s) + 1;
    WCHAR *p = fence_alloc(n * sizeof(WCHAR), label);
    memcpy(p, s, n * sizeof(WCHAR));
    fence_seal(p);
    return p;
}

WCHAR *fence_fill(size_t n, WCHAR c, const char *label)
{
    WCHAR *p = fence_alloc((n + 1) * sizeof(WCHAR), label);
    for (size_t i = 0; i < n; i++) p[i] = c;
    p[n] = 0;
    fence_seal(p);
    return p;
}

LONG trap_hits(void) { return trap_hit_count; }

/* Names an address the notifier faulted on. */
static void describe_addr(uintptr_t a, int write, char *buf, size_t cap)
{
    for (LONG i = 0; i < nfences; i++) {
        struct fence *f = &fences[i];
        if (!f->base) continue;
        if (f->kind == FENCE_TRAP && a >= (uintptr_t)f->base && a < (uintptr_t)f->base + PAGE) {
            snprintf(buf, cap, "%s %s", write ? "write to" : "read of", f->label);
            return;
        }
        if (f->kind == FENCE_DEAD && a >= (uintptr_t)f->base && a < (uintptr_t)f->guard + PAGE) {
            snprintf(buf, cap, "%s %s", write ? "write to" : "read of", f->label);
            return;
        }
        if (f->kind == FENCE_DATA && a >= (uintptr_t)f->guard && a < (uintptr_t)f->guard + PAGE) {
            snprintf(buf, cap, "%s past the end of %s", write ? "write" : "read", f->label);
            return;
        }
        if (f->kind == FENCE_DATA && write && a >= (uintptr_t)f->base && a < (uintptr_t)f->guard) {
            snprintf(buf, cap, "write into %s, an [in] buffer", f->label);
            return;
        }
    }
    if (a < 0x10000)
        snprintf(buf, cap, "NULL pointer %s (address %#llx)", write ? "write" : "read",
                 (unsigned long long)a);
    else
        snprintf(buf, cap, "%s of address %#llx", write ? "write" : "read", (unsigned long long)a);
}

static void module_of(const void *pc, char *buf, size_t cap);
static volatile LONG recording;
static char first_fault[400];

void record_faults(int on) { recording = on; }
const char *recorded_fault(void) { return first_fault; }

/* First chance: a trap touched inside the notifier's own __try still
 * counts; a fault in DllMain is caught by the loader [wine], so it is
 * recorded here while LoadLibrary runs. */
static LONG CALLBACK on_first_chance(EXCEPTION_POINTERS *ep)
{
    EXCEPTION_RECORD *r = ep->ExceptionRecord;
    if (r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || r->NumberParameters < 2)
        return EXCEPTION_CONTINUE_SEARCH;
    uintptr_t a = (uintptr_t)r->ExceptionInformation[1];
    if (recording && !first_fault[0]) {
        char d[256], where[160];
        describe_addr(a, r->ExceptionInformation[0] == 1, d, sizeof d);
        module_of(r->ExceptionAddress, where, sizeof where);
        snprintf(first_fault, sizeof first_fault, "access violation: %s at %s", d, where);
    }
    for (LONG i = 0; i < nfences; i++) {
        struct fence *f = &fences[i];
        if (f->base && ((f->kind == FENCE_TRAP && a >= (uintptr_t)f->base && a < (uintptr_t)f->base + PAGE) ||
                        (f->kind == FENCE_DEAD && a >= (uintptr_t)f->base && a < (uintptr_t)f->guard + PAGE) ||
                        (f->kind == FENCE_DATA && a >= (uintptr_t)f->guard && a < (uintptr_t)f->guard + PAGE))) {
            if (InterlockedIncrement(&trap_hit_count) == 1)
                memcpy(trap_hit_label, f->label, sizeof trap_hit_label);
            break;
        }
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

static void module_of(const void *pc, char *buf, size_t cap)
{
    HMODULE m = NULL;
    char path[MAX_PATH];
    if (GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                           GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, pc, &m) &&
        GetModuleFileNameA(m, path, sizeof path)) {
        const char *b = strrchr(path, '\\');
        snprintf(buf, cap, "%s+%#llx", b ? b + 1 : path,
                 (unsigned long long)((uintptr_t)pc - (uintptr_t)m));
    } else {
        snprintf(buf, cap, "%p", pc);
    }
}

void (*crash_hook)(void);

static void crash_line(const char *code, const char *what)
{
    void (*hook)(void) = crash_hook;
    crash_hook = NULL;
    if (hook) hook();
    const char *s = cur_step[0] ? cur_step : main_step;
    if (!cur_step[0] && GetCurrentThreadId() != main_tid)
        s = "work in a thread the notifier started";
    char line[1024];
    int n = snprintf(line, sizeof line, "CRASH\t%s\t%s\t%s\n", code, what, s[0] ? s : "outside a notifier call");
    DWORD w;
    if (n > (int)sizeof line - 1) n = (int)sizeof line - 1;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, (DWORD)n, &w, NULL);
}

/* The innermost frame of the stack that lies in the notifier, or "". */
static void notifier_frame(char *buf, size_t cap)
{
    void *frames[62];
    USHORT n = RtlCaptureStackBackTrace(0, 62, frames, NULL);
    buf[0] = 0;
    for (USHORT i = 0; cf.mod && i < n; i++) {
        HMODULE m = NULL;
        if (GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                               GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, frames[i], &m) && m == cf.mod) {
            module_of(frames[i], buf, cap);
            return;
        }
    }
}

/* ---------------- the notifier ending the process ---------------- */

static volatile LONG exit_reported;

/* EXIT <tab> code or - <tab> how <tab> step: the notifier ended the
 * process (no crash, so no CRASH line). */
static void exit_line(const char *how, const char *code)
{
    if (InterlockedExchange(&exit_reported, 1)) return;
    const char *s = cur_step[0] ? cur_step : main_step;
    if (!cur_step[0] && GetCurrentThreadId() != main_tid)
        s = "work in a thread the notifier started";
    char line[600];
    int n = snprintf(line, sizeof line, "EXIT\t%s\t%s\t%s\n", code, how, s[0] ? s : "outside a notifier call");
    DWORD w;
    fflush(stdout);
    if (n > (int)sizeof line - 1) n = (int)sizeof line - 1;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, (DWORD)n, &w, NULL);
}

/* exit() from inside a notifier call runs the CRT's atexit list first
 * (the loader does not detach the exe on Wine [wine]). */
static void on_exit_call(void)
{
    if (cur_step[0] || GetCurrentThreadId() != main_tid) exit_line("exit()", "-");
}

static void WINAPI hook_ExitProcess(UINT code)
{
    char c[16];
    snprintf(c, sizeof c, "%u", code);
    exit_line("ExitProcess", c);
    ExitProcess(code);
}

static BOOL WINAPI hook_TerminateProcess(HANDLE h, UINT code)
{
    if (h == GetCurrentProcess() || GetProcessId(h) == GetCurrentProcessId()) {
        char c[16];
        snprintf(c, sizeof c, "%u", code);
        exit_line("TerminateProcess", c);
    }
    return TerminateProcess(h, code);
}

/* Points the notifier's imports of ExitProcess and TerminateProcess at
 * the hooks above, so that the EXIT line names the call and the code. */
void hook_exits(HMODULE m)
{
    char *b = (char *)m;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(b + ((IMAGE_DOS_HEADER *)b)->e_lfanew);
    IMAGE_DATA_DIRECTORY d = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    if (!d.VirtualAddress) return;
    for (IMAGE_IMPORT_DESCRIPTOR *id = (IMAGE_IMPORT_DESCRIPTOR *)(b + d.VirtualAddress); id->Name; id++) {
        if (!id->OriginalFirstThunk) continue;
        IMAGE_THUNK_DATA *names = (IMAGE_THUNK_DATA *)(b + id->OriginalFirstThunk);
        IMAGE_THUNK_DATA *iat = (IMAGE_THUNK_DATA *)(b + id->FirstThunk);
        for (; names->u1.AddressOfData; names++, iat++) {
            if (IMAGE_SNAP_BY_ORDINAL(names->u1.Ordinal)) continue;
            const char *fn = (const char *)((IMAGE_IMPORT_BY_NAME *)(b + names->u1.AddressOfData))->Name;
            ULONG_PTR to = !strcmp(fn, "ExitProcess") ? (ULONG_PTR)(void *)hook_ExitProcess :
                           !strcmp(fn, "TerminateProcess") ? (ULONG_PTR)(void *)hook_TerminateProcess : 0;
            DWORD old;
            if (!to || !VirtualProtect(&iat->u1.Function, sizeof iat->u1.Function, PAGE_READWRITE, &old)) continue;
            iat->u1.Function = to;
            VirtualProtect(&iat->u1.Function, sizeof iat->u1.Function, old, &old);
        }
    }
}

static LONG WINAPI on_unhandled(EXCEPTION_POINTERS *ep)
{
    EXCEPTION_RECORD *r = ep->ExceptionRecord;
    char what[512], where[160], code[64];
    fflush(stdout);
    module_of(r->ExceptionAddress, where, sizeof where);
    switch (r->ExceptionCode) {
    case EXCEPTION_ACCESS_VIOLATION: {
        char d[256];
        if (r->NumberParameters >= 2 && (r->ExceptionInformation[0] == 8 ||
                                         r->ExceptionInformation[1] == (ULONG_PTR)r->ExceptionAddress)) {
            snprintf(code, sizeof code, "access violation");
            snprintf(what, sizeof what, "executed unmapped code at %p (code of an unloaded DLL: a thread outlived FreeLibrary?)",
                     r->ExceptionAddress);
            break;
        }
        describe_addr(r->NumberParameters >= 2 ? (uintptr_t)r->ExceptionInformation[1] : 0,
                      r->NumberParameters >= 1 && r->ExceptionInformation[0] == 1, d, sizeof d);
        snprintf(code, sizeof code, "access violation");
        snprintf(what, sizeof what, "%s at %s", d, where);
        break;
    }
    case EXCEPTION_STACK_OVERFLOW:
        snprintf(code, sizeof code, "stack overflow");
        snprintf(what, sizeof what, "at %s", where);
        break;
    case EXCEPTION_ILLEGAL_INSTRUCTION:
        /* MinGW's __stack_chk_fail ends in __builtin_trap (ud2) [wine]. */
        snprintf(code, sizeof code, "illegal instruction");
        snprintf(what, sizeof what, "a trap at %s (a stack-protector or assertion trap)", where);
        break;
    case 0xc0000409: /* STATUS_STACK_BUFFER_OVERRUN (stack cookie, __fastfail) */
        snprintf(code, sizeof code, "stack buffer overrun");
        snprintf(what, sizeof what, "stack cookie check failed at %s", where);
        break;
    default: {
        /* RaiseException or a C++ throw nobody caught: the address is in
         * kernelbase, so name the notifier frame below it. */
        DWORD c = r->ExceptionCode;
        char from[160];
        const char *kind = c == 0xe06d7363 ? "a C++ exception (MSVC throw)" :
                           c == 0x20474343 ? "a C++ exception (GCC throw)" :
                           (c & 0xf0000000) == 0xe0000000 ? "an application exception (RaiseException)" :
                           "an exception";
        notifier_frame(from, sizeof from);
        snprintf(code, sizeof code, "unhandled exception %#lx", (unsigned long)c);
        snprintf(what, sizeof what, "%s nobody caught, raised at %s%s%s", kind, where,
                 from[0] ? " from " : "", from);
        break;
    }
    }
    crash_line(code, what);
    TerminateProcess(GetCurrentProcess(), EXIT_CRASH);
    return EXCEPTION_EXECUTE_HANDLER;
}

/* MinGW's -fstack-protector and assert() end in abort(): SIGABRT first. */
static void on_abort(int sig)
{
    (void)sig;
    crash_line("abort", "abort() called (an uncaught C++ exception, a stack protector, assert or a CRT check)");
    TerminateProcess(GetCurrentProcess(), EXIT_CRASH);
}

/* ---------------- measures ---------------- */

double now_ms(void)
{
    static LARGE_INTEGER f;
    LARGE_INTEGER c;
    if (!f.QuadPart) QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart * 1000.0 / (double)f.QuadPart;
}

uintptr_t probe_handle(void)
{
    HANDLE h = CreateEventW(NULL, FALSE, FALSE, NULL);
    CloseHandle(h);
    return (uintptr_t)h;
}

/* PrivateUsage does not move under Wine [wine]: walk the address space. */
size_t committed_private(void)
{
    MEMORY_BASIC_INFORMATION m;
    char *p = NULL;
    size_t total = 0;
    while (VirtualQuery(p, &m, sizeof m) == sizeof m) {
        if (m.State == MEM_COMMIT && m.Type == MEM_PRIVATE) total += m.RegionSize;
        char *next = (char *)m.BaseAddress + m.RegionSize;
        if (next <= p) break;
        p = next;
    }
    return total;
}

/* HeapSummary aborts under Wine [wine]; HeapWalk works. */
size_t heap_busy(void)
{
    HANDLE heaps[256];
    DWORD n = GetProcessHeaps(256, heaps);
    size_t total = 0;
    if (n > 256) n = 256;
    for (DWORD i = 0; i < n; i++) {
        PROCESS_HEAP_ENTRY e;
        e.lpData = NULL;
        if (!HeapLock(heaps[i])) continue;
        while (HeapWalk(heaps[i], &e))
            if (e.wFlags & PROCESS_HEAP_ENTRY_BUSY) total += e.cbData;
        HeapUnlock(heaps[i]);
    }
    return total;
}

int heaps_valid(void)
{
    HANDLE heaps[256];
    DWORD n = GetProcessHeaps(256, heaps);
    if (n > 256) n = 256;
    for (DWORD i = 0; i < n; i++)
        if (!HeapValidate(heaps[i], 0, NULL)) return 0;
    return 1;
}

int thread_count(void)
{
    HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 te = { .dwSize = sizeof te };
    DWORD pid = GetCurrentProcessId();
    int n = 0;
    if (s == INVALID_HANDLE_VALUE) return -1;
    if (Thread32First(s, &te))
        do if (te.th32OwnerProcessID == pid) n++; while (Thread32Next(s, &te));
    CloseHandle(s);
    return n;
}

/* The exe's TLS callback sees DLL_THREAD_ATTACH of every new thread, even
 * one that ends at once (verified under Wine 8.0) [wine]. */
static volatile LONG attaches;
static void NTAPI on_tls(PVOID h, DWORD reason, PVOID r)
{
    (void)h; (void)r;
    if (reason == DLL_THREAD_ATTACH) InterlockedIncrement(&attaches);
    /* ExitProcess from inside a notifier call: Windows detaches the exe
     * too; Wine 8.0 does not (measured), hence atexit and the import
     * hooks as well [wine]. */
    if (reason == DLL_PROCESS_DETACH && (cur_step[0] || GetCurrentThreadId() != main_tid))
        exit_line("ExitProcess", "-");
}
__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK cn_conform_tls = on_tls;

LONG thread_attaches(void) { return attaches; }

/* ---------------- main ---------------- */

static const struct { const char *name; void (*run)(void); } cases[] = {
    { "load", case_load },             { "cycles", case_cycles },
    { "add", case_add },               { "cancel", case_cancel },
    { "nulllocal", case_nulllocal },   { "names", case_names },
    { "long", case_long },             { "flags", case_flags },
    { "preprovider", case_preprovider }, { "forged", case_forged },
    { "lifetime", case_lifetime },     { "prepost", case_prepost },
    { "info", case_info },             { "statuses", case_statuses },
    { "returns", case_returns },       { "latency", case_latency },
    { "concurrency", case_concurrency }, { "leaks", case_leaks },
    { "stdcall", case_stdcall },       { "mpr", case_mpr },
};

static void usage(void)
{
    fprintf(stderr, "usage: cn_conform [--budget-ms N] [--load-budget-ms N] [--cycles N] [--threads N] [--ops N]\n"
                    "                  [--provider DLL] [--expect stock|dispatch] CASE NOTIFIER.dll\n"
                    "cases:");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) fprintf(stderr, " %s", cases[i].name);
    fprintf(stderr, "\n");
    exit(EXIT_USAGE);
}

static unsigned num_arg(const WCHAR *opt, const WCHAR *v)
{
    WCHAR *end;
    unsigned long n = v ? wcstoul(v, &end, 10) : 0;
    if (!v || *end || n == 0 || n > 10000000) {
        fprintf(stderr, "cn_conform: %ls needs a positive number\n", opt);
        exit(EXIT_USAGE);
    }
    return (unsigned)n;
}

static WCHAR *full_path(const WCHAR *p)
{
    static WCHAR buf[2][MAX_PATH * 4];
    static int i;
    WCHAR *b = buf[i++ & 1];
    DWORD n = GetFullPathNameW(p, MAX_PATH * 4, b, NULL);
    return n && n < MAX_PATH * 4 ? b : (WCHAR *)p;
}

int wmain(int argc, WCHAR **argv)
{
    const WCHAR *casename = NULL, *dll = NULL;
    InitializeCriticalSection(&out_lock);
    main_tid = GetCurrentThreadId();
    for (int i = 1; i < argc; i++) {
        const WCHAR *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!wcscmp(a, L"--budget-ms")) cf.budget_ms = num_arg(a, v), i++;
        else if (!wcscmp(a, L"--load-budget-ms")) cf.load_budget_ms = num_arg(a, v), i++;
        else if (!wcscmp(a, L"--cycles")) cf.cycles = num_arg(a, v), i++;
        else if (!wcscmp(a, L"--threads")) cf.threads = num_arg(a, v), i++;
        else if (!wcscmp(a, L"--ops")) cf.ops = num_arg(a, v), i++;
        else if (!wcscmp(a, L"--provider") && v) cf.provider = full_path(v), i++;
        else if (!wcscmp(a, L"--expect") && v) cf.expect_dispatch = !wcscmp(v, L"dispatch"), i++;
        else if (!wcscmp(a, L"--mpr-ops-child")) return mpr_ops_child();
        else if (a[0] == '-') usage();
        else if (!casename) casename = a;
        else if (!dll) dll = a;
        else usage();
    }
    if (!casename || !dll) usage();
    cf.dll = full_path(dll);
    DWORD attr = GetFileAttributesW(cf.dll);
    if (attr == INVALID_FILE_ATTRIBUTES || (attr & FILE_ATTRIBUTE_DIRECTORY)) {
        fprintf(stderr, "cn_conform: no such file: %ls\n", dll);
        return EXIT_USAGE;
    }
    /* A crash in the notifier becomes a CRASH line, never a dialog. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(on_unhandled);
    AddVectoredExceptionHandler(1, on_first_chance);
    signal(SIGABRT, on_abort);
    atexit(on_exit_call);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "%ls", casename);
        if (strcmp(name, cases[i].name)) continue;
        cases[i].run();
        return 0;
    }
    fprintf(stderr, "cn_conform: unknown case: %ls\n", casename);
    usage();
    return EXIT_USAGE;
}

const char *trap_label(void) { return trap_hit_label; }
