/* Findings (vf_crash.h). */
#include "vf_crash.h"

#include "pe_imports.h"
#include "vf_arena.h"
#include "vf_sys.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EXIT_FINDING 3

void (*vf_describe_call)(char *buf, size_t cap);

static HMODULE dll;
static ULONG_PTR dll_lo, dll_hi;
static char dll_name[64];
static struct vf_shm *shm;
static volatile LONG reporting;

int vf_in_dll(ULONG_PTR pc)
{
    return pc >= dll_lo && pc < dll_hi;
}

void vf_crash_set_dll(HMODULE m)
{
    char path[MAX_PATH];
    dll = m;
    IMAGE_DOS_HEADER *d = (IMAGE_DOS_HEADER *)m;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((char *)m + d->e_lfanew);
    dll_lo = (ULONG_PTR)m;
    dll_hi = dll_lo + nt->OptionalHeader.SizeOfImage;
    if (GetModuleFileNameA(m, path, sizeof path)) {
        const char *b = strrchr(path, '\\');
        snprintf(dll_name, sizeof dll_name, "%s", b ? b + 1 : path);
    }
}

/* Reads a stack word only if the page is readable (a broken frame chain
 * or a hung thread's stack must not fault inside the report). */
static int stack_word(ULONG_PTR at, ULONG_PTR *out)
{
    MEMORY_BASIC_INFORMATION m;
    if (VirtualQuery((void *)at, &m, sizeof m) != sizeof m || m.State != MEM_COMMIT)
        return 0;
    if (!(m.Protect & (PAGE_READWRITE | PAGE_READONLY)) || (m.Protect & PAGE_GUARD))
        return 0;
    if (at + sizeof(ULONG_PTR) > (ULONG_PTR)m.BaseAddress + m.RegionSize)
        return 0;
    *out = *(ULONG_PTR *)at;
    return 1;
}

/* The innermost frame of `start` that lies in the notifier (skipping
 * `nth` such frames first): unwound with the PE unwind tables on x86_64,
 * by frame pointers and a stack scan on i686. 0 when none. */
static ULONG_PTR notifier_pc(const CONTEXT *start, int nth)
{
    CONTEXT c = *start;
#ifdef _WIN64
    for (int i = 0; i < 64; i++) {
        ULONG_PTR pc = c.Rip;
        if (vf_in_dll(pc) && nth-- == 0)
            return pc;
        DWORD64 base = 0;
        PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(pc, &base, NULL);
        if (f) {
            void *hd = NULL;
            DWORD64 frame = 0;
            RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, pc, f, &c, &hd, &frame, NULL);
        } else {
            ULONG_PTR ret;
            if (!stack_word(c.Rsp, &ret))
                break;
            c.Rip = ret;
            c.Rsp += 8;
        }
        if (!c.Rip)
            break;
    }
    /* No unwind path: the first return address into the notifier. */
    for (ULONG_PTR sp = start->Rsp, w; sp < start->Rsp + 8192; sp += 8) {
        if (!stack_word(sp, &w))
            break;
        if (vf_in_dll(w) && nth-- <= 0)
            return w;
    }
#else
    if (vf_in_dll(c.Eip) && nth-- == 0)
        return c.Eip;
    ULONG_PTR ebp = c.Ebp, w;
    for (int i = 0; i < 64 && stack_word(ebp + 4, &w); i++) {
        if (vf_in_dll(w) && nth-- == 0)
            return w;
        if (!stack_word(ebp, &ebp))
            break;
    }
    for (ULONG_PTR sp = c.Esp; sp < c.Esp + 8192; sp += 4) {
        if (!stack_word(sp, &w))
            break;
        if (vf_in_dll(w) && nth-- <= 0)
            return w;
    }
#endif
    return 0;
}

static void frame_text(ULONG_PTR pc, char *buf, size_t cap)
{
    if (pc)
        snprintf(buf, cap, "%s+%#llx", dll_name, (unsigned long long)(pc - dll_lo));
    else
        snprintf(buf, cap, "%s+?", dll_name[0] ? dll_name : "notifier");
}

void vf_finding(const char *kind, const CONTEXT *ctx, const char *fmt, ...)
{
    char frame[200], detail[VF_TEXT * 2], call[VF_TEXT], state[VF_TEXT];
    va_list ap;
    /* One report per process, even if two threads fail at once. */
    if (InterlockedExchange(&reporting, 1)) {
        for (;;)
            Sleep(1000);
    }
    CONTEXT here;
    if (!ctx) {
        RtlCaptureContext(&here);
        ctx = &here;
    }
    if (ctx == VF_NO_FRAME) {
        snprintf(frame, sizeof frame, "%s", dll_name);
    } else {
        frame_text(notifier_pc(ctx, 0), frame, sizeof frame);
        /* A trap, a failed stack cookie or abort() runs the same runtime
         * code for every bug: two more frames name the function (for
         * -fstack-protector: the trap, __stack_chk_fail, its caller). */
        if (!strcmp(kind, "trap") || !strcmp(kind, "stack-cookie") || !strcmp(kind, "abort")) {
            for (int n = 1; n <= 2; n++) {
                char up[64];
                ULONG_PTR pc = notifier_pc(ctx, n);
                if (!pc)
                    break;
                frame_text(pc, up, sizeof up);
                snprintf(frame + strlen(frame), sizeof frame - strlen(frame), " < %s", up);
            }
        }
    }
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    call[0] = 0;
    if (vf_describe_call)
        vf_describe_call(call, sizeof call);
    snprintf(state, sizeof state, "%s %s", kind, frame);
    if (shm) {
        snprintf(shm->state, sizeof shm->state, "%s", state);
        snprintf(shm->detail, sizeof shm->detail, "%s at %s, during %s", detail, frame,
                 call[0] ? call : "no notifier call");
        shm->verdict = VF_FINDING;
        __atomic_store_n(&shm->done, shm->req, __ATOMIC_SEQ_CST);
        vf_wake((volatile LONG *)&shm->done);
    } else {
        printf("FINDING\t%s\t%s at %s, during %s\n", state, detail, frame,
               call[0] ? call : "no notifier call");
        fflush(stdout);
    }
    TerminateProcess(GetCurrentProcess(), EXIT_FINDING);
    for (;;)
        Sleep(1000);
}

/* First chance: a touch of a guard, trap or retired buffer is a finding
 * even when the notifier's own __try would swallow it. */
int (*vf_explain_heap)(ULONG_PTR addr, int write, char *buf, size_t cap, char *kind, size_t kcap);

static LONG CALLBACK on_first_chance(EXCEPTION_POINTERS *ep)
{
    EXCEPTION_RECORD *r = ep->ExceptionRecord;
    char what[VF_TEXT], kind[64];
    if (r->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || r->NumberParameters < 2)
        return EXCEPTION_CONTINUE_SEARCH;
    ULONG_PTR a = r->ExceptionInformation[1];
    int w = r->ExceptionInformation[0] == 1;
    if (!vf_arena_explain(a, w, what, sizeof what, kind, sizeof kind) &&
        !(vf_explain_heap && vf_explain_heap(a, w, what, sizeof what, kind, sizeof kind)))
        return EXCEPTION_CONTINUE_SEARCH;
    vf_finding(kind, ep->ContextRecord, "%s", what);
}

static LONG WINAPI on_unhandled(EXCEPTION_POINTERS *ep)
{
    EXCEPTION_RECORD *r = ep->ExceptionRecord;
    ULONG_PTR a = r->NumberParameters >= 2 ? r->ExceptionInformation[1] : 0;
    int w = r->NumberParameters >= 1 && r->ExceptionInformation[0] == 1;
    switch (r->ExceptionCode) {
    case EXCEPTION_ACCESS_VIOLATION:
        if (r->NumberParameters >= 1 && r->ExceptionInformation[0] == 8)
            vf_finding("exec-violation", ep->ContextRecord, "executed non-code at %#llx",
                       (unsigned long long)a);
        if (a < 0x10000)
            vf_finding(w ? "null-write" : "null-read", ep->ContextRecord,
                       "NULL pointer %s (address %#llx)", w ? "write" : "read",
                       (unsigned long long)a);
        vf_finding(w ? "wild-write" : "wild-read", ep->ContextRecord, "%s of address %#llx",
                   w ? "write" : "read", (unsigned long long)a);
    case EXCEPTION_STACK_OVERFLOW:
        vf_finding("stack-overflow", ep->ContextRecord, "stack overflow");
    case EXCEPTION_ILLEGAL_INSTRUCTION:
        /* MinGW's __stack_chk_fail can end in __builtin_trap [wine]. */
        vf_finding("trap", ep->ContextRecord,
                   "illegal instruction (a stack-protector or assertion trap)");
    case 0xc0000409:
        vf_finding("stack-cookie", ep->ContextRecord,
                   "stack cookie check failed (stack buffer overrun)");
    case EXCEPTION_INT_DIVIDE_BY_ZERO:
        vf_finding("divide-by-zero", ep->ContextRecord, "integer division by zero");
    default:
        vf_finding("exception", ep->ContextRecord, "unhandled exception %#lx",
                   (unsigned long)r->ExceptionCode);
    }
}

static void on_abort(int sig)
{
    (void)sig;
    vf_finding("abort", NULL, "abort() called (a stack protector, assert or a CRT check)");
}

void vf_crash_init(HMODULE m, struct vf_shm *s)
{
    shm = s;
    if (m)
        vf_crash_set_dll(m);
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(on_unhandled);
    AddVectoredExceptionHandler(1, on_first_chance);
    signal(SIGABRT, on_abort);
}

/* ---------------- the notifier ending the process ---------------- */

static void WINAPI hook_ExitProcess(UINT code)
{
    vf_finding("process-exit", NULL, "the notifier called ExitProcess(%u)", code);
}

static BOOL WINAPI hook_TerminateProcess(HANDLE h, UINT code)
{
    if (h == GetCurrentProcess() || GetProcessId(h) == GetCurrentProcessId())
        vf_finding("process-exit", NULL, "the notifier called TerminateProcess(itself, %u)", code);
    return TerminateProcess(h, code);
}

static void *exit_hook_for(const char *name, void *current, void *arg)
{
    (void)current;
    (void)arg;
    if (!strcmp(name, "ExitProcess"))
        return (void *)hook_ExitProcess;
    if (!strcmp(name, "TerminateProcess"))
        return (void *)hook_TerminateProcess;
    return NULL;
}

void vf_hook_exits(HMODULE m)
{
    pe_repoint_imports(m, exit_hook_for, NULL);
}

/* ---------------- hangs ---------------- */

struct watch {
    volatile LONG64 *start;
    HANDLE *volatile *thread;
    DWORD limit;
};
static struct watch watch;

static DWORD WINAPI watchdog(void *arg)
{
    (void)arg;
    for (;;) {
        Sleep(watch.limit / 4u + 1u);
        LONG64 s = *watch.start;
        if (!s || (LONG64)GetTickCount64() - s < (LONG64)watch.limit)
            continue;
        HANDLE *th = *watch.thread;
        CONTEXT c;
        memset(&c, 0, sizeof c);
        c.ContextFlags = CONTEXT_FULL;
        if (th && SuspendThread(*th) != (DWORD)-1 && GetThreadContext(*th, &c))
            vf_finding("hang", &c, "call still running after %lu ms", (unsigned long)watch.limit);
        vf_finding("hang", VF_NO_FRAME, "call still running after %lu ms (no context)",
                   (unsigned long)watch.limit);
    }
    return 0;
}

void vf_watch_start(volatile LONG64 *start, HANDLE *volatile *thread, DWORD limit_ms)
{
    watch.start = start;
    watch.thread = thread;
    watch.limit = limit_ms;
    HANDLE h = CreateThread(NULL, 0, watchdog, NULL, 0, NULL);
    if (h)
        CloseHandle(h);
}
