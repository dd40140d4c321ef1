/* Crash and exit reports (see crash.h). */
#include "crash.h"

#include "conform.h"
#include "fence.h"
#include "measure.h"
#include "out.h"
#include "out_handle.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void (*crash_hook)(void);

static LONG CALLBACK on_first_chance(EXCEPTION_POINTERS *ep);
static void crash_line(const char *code, const char *what, const char *frame);

/* The file name of a module, in UTF-8; 0 when unknown. Through the W call: the A one
 * allocates from the process heap, which a crash may have left corrupt [wine]. */
static int module_base_name(HMODULE m, char *buf, size_t cap)
{
    WCHAR path[MAX_PATH];
    DWORD n = GetModuleFileNameW(m, path, MAX_PATH);
    if (!n || n >= MAX_PATH)
        return 0;
    const WCHAR *b = wcsrchr(path, '\\');
    return WideCharToMultiByte(CP_UTF8, 0, b ? b + 1 : path, -1, buf, (int)cap, NULL, NULL) > 0;
}

/* "module+0xRVA" for an address. */
void module_of(const void *pc, char *buf, size_t cap)
{
    HMODULE m = NULL;
    char name[MAX_PATH];
    DWORD flags = GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                  GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    if (GetModuleHandleExA(flags, pc, &m) && module_base_name(m, name, sizeof name)) {
        snprintf(buf, cap, "%s+%#llx", name, (unsigned long long)((uintptr_t)pc - (uintptr_t)m));
    } else {
        snprintf(buf, cap, "%p", pc);
    }
}

/* The notifier's image as one frame walk sees it: taken once, and only while the module is
 * still loaded. Another thread may free it (FreeLibraryAndExitThread) or the driver load it
 * again meanwhile; cf.mod read twice could be NULL or unmapped the second time. */
struct notifier_image {
    uintptr_t lo;
    uintptr_t hi;
};

static int notifier_image_take(struct notifier_image *img)
{
    HMODULE mod = *(HMODULE volatile *)&cf.mod;
    HMODULE loaded = NULL;
    DWORD flags =
        GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    img->lo = 0;
    img->hi = 0;
    if (!mod || !GetModuleHandleExW(flags, (LPCWSTR)mod, &loaded) || loaded != mod)
        return 0;
    notifier_range(mod, &img->lo, &img->hi);
    return 1;
}

static int in_notifier(const struct notifier_image *img, uintptr_t pc)
{
    return img->lo && pc >= img->lo && pc < img->hi;
}

/* The nearest export at or below rva, as "Name+0xOFF", or "". */
static void nearest_export(const struct notifier_image *img, DWORD rva, char *buf, size_t cap)
{
    char *b = (char *)img->lo;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(b + ((IMAGE_DOS_HEADER *)b)->e_lfanew);
    IMAGE_DATA_DIRECTORY d = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    buf[0] = 0;
    if (!d.VirtualAddress)
        return;
    IMAGE_EXPORT_DIRECTORY *ed = (IMAGE_EXPORT_DIRECTORY *)(b + d.VirtualAddress);
    DWORD *names = (DWORD *)(b + ed->AddressOfNames);
    WORD *ords = (WORD *)(b + ed->AddressOfNameOrdinals);
    DWORD *funcs = (DWORD *)(b + ed->AddressOfFunctions);
    DWORD best = 0;
    const char *best_name = NULL;
    for (DWORD i = 0; i < ed->NumberOfNames; i++) {
        DWORD f = funcs[ords[i]];
        if (f <= rva && f >= best) {
            best = f;
            best_name = b + names[i];
        }
    }
    if (best_name)
        snprintf(buf, cap, "%s+%#lx", best_name, (unsigned long)(rva - best));
}

/* "their.dll+0xRVA (Export+0xOFF)" for an address inside the notifier. */
static void notifier_address(const struct notifier_image *img, const void *pc, char *buf,
                             size_t cap)
{
    char name[MAX_PATH];
    char exp[160];
    const char *base = "notifier";
    if (module_base_name((HMODULE)img->lo, name, sizeof name))
        base = name;
    DWORD rva = (DWORD)((uintptr_t)pc - img->lo);
    nearest_export(img, rva, exp, sizeof exp);
    if (exp[0])
        snprintf(buf, cap, "%s+%#lx (%s)", base, (unsigned long)rva, exp);
    else
        snprintf(buf, cap, "%s+%#lx", base, (unsigned long)rva);
}

void notifier_frame(CONTEXT *start, char *buf, size_t cap)
{
    CONTEXT c;
    struct notifier_image img;
    buf[0] = 0;
    if (!notifier_image_take(&img))
        return;
    if (start) {
        c = *start;
    } else {
        RtlCaptureContext(&c);
    }
#if defined(__x86_64__)
    for (int i = 0; i < 64 && c.Rip; i++) {
        if (in_notifier(&img, c.Rip)) {
            notifier_address(&img, (void *)c.Rip, buf, cap);
            return;
        }
        DWORD64 base = 0;
        PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(c.Rip, &base, NULL);
        if (!f) {
            /* A leaf function: the return address is at RSP. */
            c.Rip = *(DWORD64 *)c.Rsp;
            c.Rsp += 8;
            continue;
        }
        void *handler_data = NULL;
        DWORD64 frame = 0;
        RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, c.Rip, f, &c, &handler_data, &frame, NULL);
    }
#else
    if (in_notifier(&img, c.Eip)) {
        notifier_address(&img, (void *)c.Eip, buf, cap);
        return;
    }
    /* The frame-pointer chain (MinGW keeps EBP frames at -O0/-O1 only;
     * stop at the first implausible link). */
    uintptr_t ebp = c.Ebp;
    for (int i = 0; i < 64 && ebp && !(ebp & 3); i++) {
        MEMORY_BASIC_INFORMATION m;
        if (!VirtualQuery((void *)ebp, &m, sizeof m) || m.State != MEM_COMMIT)
            return;
        uintptr_t ret = ((uintptr_t *)ebp)[1];
        if (in_notifier(&img, ret)) {
            notifier_address(&img, (void *)ret, buf, cap);
            return;
        }
        uintptr_t next = ((uintptr_t *)ebp)[0];
        if (next <= ebp)
            return;
        ebp = next;
    }
#endif
}

/* ---- code and buffers that must not be touched any more ---- */

static volatile uintptr_t gone_lo, gone_hi;
static char gone_dll[64];
static char gone_when[160];
static double gone_at;
static PVOID first_handler;

void crash_unloaded(uintptr_t lo, uintptr_t hi, const char *dll, const char *when)
{
    gone_hi = 0;
    gone_lo = lo;
    snprintf(gone_dll, sizeof gone_dll, "%s", dll);
    snprintf(gone_when, sizeof gone_when, "%s", when);
    gone_at = now_ms();
    gone_hi = hi;
}

/* "the main thread" or what started the current thread. */
static void this_thread(char *buf, size_t cap)
{
    DWORD tid = GetCurrentThreadId();
    uintptr_t a = thread_start_address(tid);
    uintptr_t lo;
    uintptr_t hi;
    notifier_range(GetModuleHandleW(L"ntdll.dll"), &lo, &hi);
    if (tid == main_thread_id())
        snprintf(buf, cap, "the main thread");
    else if (a >= lo && a < hi)
        snprintf(buf, cap, "thread %lu, a thread-pool or timer worker", (unsigned long)tid);
    else if (gone_hi && a >= gone_lo && a < gone_hi)
        snprintf(buf, cap, "thread %lu, started by the notifier", (unsigned long)tid);
    else
        snprintf(buf, cap, "thread %lu", (unsigned long)tid);
}

/* An access violation at or on the unloaded notifier's range: report it at
 * once, ahead of any dangling handler that would fault again. */
static void check_unloaded(EXCEPTION_RECORD *r)
{
    uintptr_t lo = gone_lo;
    uintptr_t hi = gone_hi;
    uintptr_t pc = (uintptr_t)r->ExceptionAddress;
    uintptr_t a = r->NumberParameters >= 2 ? (uintptr_t)r->ExceptionInformation[1] : 0;
    if (!hi || r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION)
        return;
    int ran = pc >= lo && pc < hi;
    if (!ran && !(a >= lo && a < hi))
        return;
    uintptr_t at = ran ? pc : a;
    char thread[96];
    char what[700];
    char frame[96];
    this_thread(thread, sizeof thread);
    snprintf(frame, sizeof frame, "%s+%#llx", gone_dll, (unsigned long long)(at - lo));
    snprintf(what, sizeof what,
             "code of the unloaded notifier ran after FreeLibrary: a timer, thread, "
             "vectored handler, windows hook, window class or callback left registered (%s %s on "
             "%s, %.1f s after "
             "FreeLibrary returned; %s)",
             ran ? "it jumped to" : "it touched", frame, thread, (now_ms() - gone_at) / 1000.0,
             gone_when);
    /* Its own code: not "the same crash" as a fault at the same RVA while
     * the notifier was mapped (cn_report merge keys on code and frame). */
    crash_line("access violation in unloaded code", what, frame);
    TerminateProcess(GetCurrentProcess(), EXIT_CRASH);
}

void crash_handler_first(void)
{
    if (first_handler)
        RemoveVectoredExceptionHandler(first_handler);
    first_handler = AddVectoredExceptionHandler(1, on_first_chance);
}

struct ended {
    uintptr_t lo, hi;
    char label[120];
};
static struct ended ended[1024];
static volatile LONG n_ended;
static volatile LONG ended_hit;
static char ended_text[400];

void crash_note_ended(const void *p, size_t size, const char *label)
{
    LONG i = n_ended;
    if (i >= (LONG)(sizeof ended / sizeof ended[0]))
        return;
    ended[i].lo = (uintptr_t)p & ~(uintptr_t)4095;
    ended[i].hi = ((uintptr_t)p + size + 4095) & ~(uintptr_t)4095;
    snprintf(ended[i].label, sizeof ended[i].label, "%s", label);
    InterlockedIncrement(&n_ended);
}

static const struct ended *ended_at(uintptr_t a)
{
    for (LONG i = 0; i < n_ended; i++) {
        if (a >= ended[i].lo && a < ended[i].hi)
            return &ended[i];
    }
    return NULL;
}

/* "read of <label> at <where> on <thread>" into buf; 0 if a is no such buffer. */
static int describe_ended(EXCEPTION_RECORD *r, char *buf, size_t cap)
{
    if (r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || r->NumberParameters < 2)
        return 0;
    const struct ended *e = ended_at((uintptr_t)r->ExceptionInformation[1]);
    if (!e)
        return 0;
    char where[160];
    char thread[96];
    module_of(r->ExceptionAddress, where, sizeof where);
    this_thread(thread, sizeof thread);
    snprintf(buf, cap, "%s %s after the operation returned, at %s on %s",
             r->ExceptionInformation[0] == 1 ? "write to" : "read of", e->label, where, thread);
    return 1;
}

const char *ended_fault(void)
{
    return ended_text;
}

static volatile LONG recording;
static char first_fault[400];

void record_faults(int on)
{
    recording = on;
}

const char *recorded_fault(void)
{
    return first_fault;
}

/* First chance: a trap touched inside the notifier's own __try still
 * counts; a fault in DllMain is caught by the loader [wine], so it is
 * recorded here while LoadLibrary runs. */
static LONG CALLBACK on_first_chance(EXCEPTION_POINTERS *ep)
{
    EXCEPTION_RECORD *r = ep->ExceptionRecord;
    check_unloaded(r);
    if (r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || r->NumberParameters < 2)
        return EXCEPTION_CONTINUE_SEARCH;
    uintptr_t a = (uintptr_t)r->ExceptionInformation[1];
    if (!ended_hit && ended_at(a) && !InterlockedExchange(&ended_hit, 1))
        describe_ended(r, ended_text, sizeof ended_text);
    if (recording && !first_fault[0]) {
        char d[256];
        char where[160];
        fence_describe(a, r->ExceptionInformation[0] == 1, d, sizeof d);
        module_of(r->ExceptionAddress, where, sizeof where);
        snprintf(first_fault, sizeof first_fault, "access violation: %s at %s", d, where);
    }
    fence_note_fault(a);
    return EXCEPTION_CONTINUE_SEARCH;
}

static void crash_line(const char *code, const char *what, const char *frame)
{
    void (*hook)(void) = crash_hook;
    crash_hook = NULL;
    if (hook)
        hook();
    char line[1200];
    int n = snprintf(line, sizeof line, "CRASH\t%s\t%s\t%s\t%s\n", code, what, crash_context(),
                     frame[0] ? frame : "-");
    DWORD w;
    if (n > (int)sizeof line - 1)
        n = (int)sizeof line - 1;
    WriteFile(out_handle(), line, (DWORD)n, &w, NULL);
}

static volatile LONG exit_reported;

void exit_line(const char *how, const char *code)
{
    if (InterlockedExchange(&exit_reported, 1))
        return;
    char line[600];
    int n = snprintf(line, sizeof line, "EXIT\t%s\t%s\t%s\n", code, how, crash_context());
    DWORD w;
    fflush(stdout);
    if (n > (int)sizeof line - 1)
        n = (int)sizeof line - 1;
    WriteFile(out_handle(), line, (DWORD)n, &w, NULL);
}

/* exit() from inside a notifier call runs the CRT's atexit list first
 * (the loader does not detach the exe on Wine [wine]). */
static void on_exit_call(void)
{
    if (in_notifier_call() || GetCurrentThreadId() != main_thread_id())
        exit_line("exit()", "-");
}

static void describe_exception(EXCEPTION_RECORD *r, const char *where, const char *frame,
                               char *code, size_t code_cap, char *what, size_t what_cap)
{
    switch (r->ExceptionCode) {
    case EXCEPTION_ACCESS_VIOLATION: {
        char d[256];
        int exec = r->NumberParameters >= 2 &&
                   (r->ExceptionInformation[0] == 8 ||
                    r->ExceptionInformation[1] == (ULONG_PTR)r->ExceptionAddress);
        snprintf(code, code_cap, "access violation");
        if (exec && (uintptr_t)r->ExceptionAddress < 0x10000) {
            snprintf(what, what_cap,
                     "executed unmapped code at %p (a jump through a NULL "
                     "pointer or a return to a corrupted address)",
                     r->ExceptionAddress);
            break;
        }
        if (exec) {
            snprintf(what, what_cap, "executed unmapped code at %p (code of an unloaded DLL: "
                     "a thread outlived FreeLibrary?)", r->ExceptionAddress);
            break;
        }
        if (describe_ended(r, what, what_cap))
            break;
        fence_describe(r->NumberParameters >= 2 ? (uintptr_t)r->ExceptionInformation[1] : 0,
                       r->NumberParameters >= 1 && r->ExceptionInformation[0] == 1, d, sizeof d);
        snprintf(what, what_cap, "%s at %s", d, where);
        break;
    }
    case EXCEPTION_STACK_OVERFLOW:
        snprintf(code, code_cap, "stack overflow");
        snprintf(what, what_cap, "at %s (large buffers on the stack?)", where);
        break;
    case EXCEPTION_ILLEGAL_INSTRUCTION:
        /* MinGW's __stack_chk_fail ends in __builtin_trap (ud2) [wine]. */
        snprintf(code, code_cap, "illegal instruction");
        snprintf(what, what_cap, "a trap at %s (a stack-protector or assertion trap)", where);
        break;
    case 0xc0000409: /* STATUS_STACK_BUFFER_OVERRUN (stack cookie, __fastfail) */
        snprintf(code, code_cap, "stack buffer overrun");
        snprintf(what, what_cap, "stack cookie check failed at %s", where);
        break;
    default: {
        /* RaiseException or a C++ throw nobody caught: the address is in
         * kernelbase, so name the notifier frame below it. */
        DWORD c = r->ExceptionCode;
        const char *kind = c == 0xe06d7363 ? "a C++ exception (MSVC throw)" :
                           c == 0x20474343 ? "a C++ exception (GCC throw)" :
                           (c & 0xf0000000) == 0xe0000000 ?
                           "an application exception (RaiseException)" : "an exception";
        snprintf(code, code_cap, "unhandled exception %#lx", (unsigned long)c);
        snprintf(what, what_cap, "%s nobody caught, raised at %s%s%s", kind, where,
                 frame[0] ? " from " : "", frame);
        break;
    }
    }
}

static LONG WINAPI on_unhandled(EXCEPTION_POINTERS *ep)
{
    EXCEPTION_RECORD *r = ep->ExceptionRecord;
    char what[600];
    char where[160];
    char code[64];
    char frame[300];
    fflush(stdout);
    module_of(r->ExceptionAddress, where, sizeof where);
    notifier_frame(ep->ContextRecord, frame, sizeof frame);
    describe_exception(r, where, frame, code, sizeof code, what, sizeof what);
    crash_line(code, what, frame);
    TerminateProcess(GetCurrentProcess(), EXIT_CRASH);
    return EXCEPTION_EXECUTE_HANDLER;
}

/* MinGW's -fstack-protector and assert() end in abort(): SIGABRT first. */
static void on_abort(int sig)
{
    char frame[300];
    (void)sig;
    notifier_frame(NULL, frame, sizeof frame);
    crash_line("abort", "abort() called (an uncaught C++ exception, a stack protector, "
               "assert or a CRT check)", frame);
    TerminateProcess(GetCurrentProcess(), EXIT_CRASH);
}

/* The exe's TLS callback sees DLL_THREAD_ATTACH of every new thread, even
 * one that ends at once (verified under Wine 8.0) [wine]. */
static void NTAPI on_tls(PVOID h, DWORD reason, PVOID r)
{
    (void)h;
    (void)r;
    if (reason == DLL_THREAD_ATTACH)
        count_thread_attach();
    /* ExitProcess from inside a notifier call: Windows detaches the exe
     * too; Wine 8.0 does not (measured), hence atexit and the import
     * hooks as well [wine]. */
    if (reason == DLL_PROCESS_DETACH &&
        (in_notifier_call() || GetCurrentThreadId() != main_thread_id()))
        exit_line("ExitProcess", "-");
}
__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK cn_conform_tls = on_tls;

void crash_install(void)
{
    /* A crash in the notifier becomes a CRASH line, never a dialog. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(on_unhandled);
    first_handler = AddVectoredExceptionHandler(1, on_first_chance);
    signal(SIGABRT, on_abort);
    atexit(on_exit_call);
}
