/* Crash and exit reports (see crash.h). */
#include "crash.h"

#include "conform.h"
#include "fence.h"
#include "measure.h"
#include "out.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void (*crash_hook)(void);

/* "module+0xRVA" for an address. */
static void module_of(const void *pc, char *buf, size_t cap)
{
    HMODULE m = NULL;
    char path[MAX_PATH];
    DWORD flags = GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                  GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    if (GetModuleHandleExA(flags, pc, &m) && GetModuleFileNameA(m, path, sizeof path)) {
        const char *b = strrchr(path, '\\');
        snprintf(buf, cap, "%s+%#llx", b ? b + 1 : path,
                 (unsigned long long)((uintptr_t)pc - (uintptr_t)m));
    } else {
        snprintf(buf, cap, "%p", pc);
    }
}

static int in_notifier(uintptr_t pc)
{
    if (!cf.mod)
        return 0;
    char *b = (char *)cf.mod;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(b + ((IMAGE_DOS_HEADER *)b)->e_lfanew);
    return pc >= (uintptr_t)b && pc < (uintptr_t)b + nt->OptionalHeader.SizeOfImage;
}

/* The nearest export at or below rva, as "Name+0xOFF", or "". */
static void nearest_export(DWORD rva, char *buf, size_t cap)
{
    char *b = (char *)cf.mod;
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
static void notifier_address(const void *pc, char *buf, size_t cap)
{
    char name[MAX_PATH];
    char exp[160];
    const char *base = "notifier";
    if (GetModuleFileNameA(cf.mod, name, sizeof name)) {
        const char *s = strrchr(name, '\\');
        base = s ? s + 1 : name;
    }
    DWORD rva = (DWORD)((uintptr_t)pc - (uintptr_t)cf.mod);
    nearest_export(rva, exp, sizeof exp);
    if (exp[0])
        snprintf(buf, cap, "%s+%#lx (%s)", base, (unsigned long)rva, exp);
    else
        snprintf(buf, cap, "%s+%#lx", base, (unsigned long)rva);
}

void notifier_frame(CONTEXT *start, char *buf, size_t cap)
{
    CONTEXT c;
    buf[0] = 0;
    if (!cf.mod)
        return;
    if (start) {
        c = *start;
    } else {
        RtlCaptureContext(&c);
    }
#if defined(__x86_64__)
    for (int i = 0; i < 64 && c.Rip; i++) {
        if (in_notifier(c.Rip)) {
            notifier_address((void *)c.Rip, buf, cap);
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
    if (in_notifier(c.Eip)) {
        notifier_address((void *)c.Eip, buf, cap);
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
        if (in_notifier(ret)) {
            notifier_address((void *)ret, buf, cap);
            return;
        }
        uintptr_t next = ((uintptr_t *)ebp)[0];
        if (next <= ebp)
            return;
        ebp = next;
    }
#endif
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
    if (r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || r->NumberParameters < 2)
        return EXCEPTION_CONTINUE_SEARCH;
    uintptr_t a = (uintptr_t)r->ExceptionInformation[1];
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
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, (DWORD)n, &w, NULL);
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
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, (DWORD)n, &w, NULL);
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
        if (exec) {
            snprintf(what, what_cap, "executed unmapped code at %p (code of an unloaded DLL: "
                     "a thread outlived FreeLibrary?)", r->ExceptionAddress);
            break;
        }
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
    AddVectoredExceptionHandler(1, on_first_chance);
    signal(SIGABRT, on_abort);
    atexit(on_exit_call);
}
