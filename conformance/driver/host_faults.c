/* A host thread's own exceptions (see host_faults.h). */
#include "host_faults.h"

#include "fence.h"
#include "out.h"

#include <windows.h>

#if defined(__x86_64__)
/* unsigned host_probe_read(const unsigned *p): *p, read at host_probe_fault;
 * host_probe_handler, the function's frame-based handler, resumes a fault
 * there at host_probe_resume with PROBE_VALUE in EAX. */
__asm__(".text\n"
        ".globl host_probe_read\n"
        ".def host_probe_read; .scl 2; .type 32; .endef\n"
        ".seh_proc host_probe_read\n"
        "host_probe_read:\n"
        "  subq $40, %rsp\n"
        "  .seh_stackalloc 40\n"
        "  .seh_endprologue\n"
        "  .seh_handler host_probe_handler, @except\n"
        "  xorl %eax, %eax\n"
        ".globl host_probe_fault\n"
        "host_probe_fault:\n"
        "  movl (%rcx), %eax\n"
        ".globl host_probe_resume\n"
        "host_probe_resume:\n"
        "  addq $40, %rsp\n"
        "  retq\n"
        ".seh_endproc\n");

unsigned host_probe_read(const unsigned *p);
extern char host_probe_fault[];
extern char host_probe_resume[];

enum { PROBE_VALUE = 0x5EC0DE };

static volatile LONG handled; /* faults host_probe_handler resumed */
static volatile LONG stop;
static volatile LONG raised;
static volatile LONG during;
static volatile LONG taken;
static volatile ULONG first_value;
static unsigned *trap; /* a page with no access */
static HANDLE thread;
/* A meeting: while `halt` is non-zero the caller waits in on_watched; the faulter faults once
 * and answers with halt's value in `answered`. */
static volatile LONG halt;
static volatile LONG answered;
static volatile LONG meetings;
static volatile LONG met;
static PVOID watch_handler;

EXCEPTION_DISPOSITION __cdecl host_probe_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx,
                                                 void *dispatch);

EXCEPTION_DISPOSITION __cdecl host_probe_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx,
                                                 void *dispatch)
{
    (void)frame;
    (void)dispatch;
    if (rec->ExceptionCode != EXCEPTION_ACCESS_VIOLATION ||
        ctx->Rip != (DWORD64)(uintptr_t)host_probe_fault)
        return ExceptionContinueSearch;
    InterlockedIncrement(&handled);
    ctx->Rax = PROBE_VALUE;
    ctx->Rip = (DWORD64)(uintptr_t)host_probe_resume;
    return ExceptionContinueExecution;
}

static DWORD WINAPI faulter(void *arg)
{
    (void)arg;
    mark_driver_thread_doing("a host thread that raises an access violation and handles it "
                             "itself (a frame handler, as __try), while the notifier's calls "
                             "run on another thread: a vectored handler of the notifier took "
                             "its fault");
    while (!stop) {
        LONG before = handled;
        LONG halted = halt;
        int calling = notifier_call_running();
        unsigned v = host_probe_read(trap);
        InterlockedIncrement(&raised);
        if (calling && notifier_call_running())
            InterlockedIncrement(&during);
        if (halted && halt == halted && InterlockedExchange(&answered, halted) != halted)
            InterlockedIncrement(&met);
        if (v == PROBE_VALUE && handled == before + 1)
            continue;
        if (InterlockedIncrement(&taken) == 1)
            first_value = v;
    }
    return 0;
}

/* The notifier touched a watched name: its thread waits here until the faulter has faulted
 * once, at most 2 s (the faulter may wait for a lock the caller holds). The system cleared
 * the page's guard; the read runs again. The first MAX_MEETINGS touches wait: on a loaded
 * machine each costs a wait for the CPU. */
enum { MAX_MEETINGS = 300 };

static LONG CALLBACK on_watched(EXCEPTION_POINTERS *ep)
{
    const EXCEPTION_RECORD *r = ep->ExceptionRecord;
    if (r->ExceptionCode != STATUS_GUARD_PAGE_VIOLATION || r->NumberParameters < 2 ||
        !fence_watched((uintptr_t)r->ExceptionInformation[1]))
        return EXCEPTION_CONTINUE_SEARCH;
    if (meetings >= MAX_MEETINGS)
        return EXCEPTION_CONTINUE_EXECUTION;
    LONG id = InterlockedIncrement(&meetings);
    ULONGLONG until = GetTickCount64() + 2000;
    InterlockedExchange(&halt, id);
    while (answered != id && !stop && GetTickCount64() < until)
        SwitchToThread();
    InterlockedExchange(&halt, 0);
    return EXCEPTION_CONTINUE_EXECUTION;
}

int host_faults_start(void)
{
    trap = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
    if (!trap)
        return 0;
    handled = 0;
    stop = 0;
    raised = 0;
    during = 0;
    taken = 0;
    halt = 0;
    answered = 0;
    meetings = 0;
    met = 0;
    thread = CreateThread(NULL, 0, faulter, NULL, 0, NULL);
    if (!thread) {
        VirtualFree(trap, 0, MEM_RELEASE);
        return 0;
    }
    watch_handler = AddVectoredExceptionHandler(0, on_watched);
    return 1;
}

long host_faults_during(void)
{
    return during;
}

long host_faults_met(void)
{
    return met;
}

void host_faults_stop(struct host_faults *r)
{
    InterlockedExchange(&stop, 1);
    if (watch_handler)
        RemoveVectoredExceptionHandler(watch_handler);
    watch_handler = NULL;
    DWORD w = WaitForSingleObject(thread, 5000);
    r->handle_lost = w == WAIT_FAILED;
    r->stuck = w != WAIT_OBJECT_0 && !r->handle_lost;
    CloseHandle(thread);
    if (!r->stuck && !r->handle_lost)
        VirtualFree(trap, 0, MEM_RELEASE);
    r->raised = raised;
    r->during = during;
    r->met = met;
    r->taken = taken;
    r->first_value = first_value;
}
#else
long host_faults_during(void)
{
    return 0;
}

long host_faults_met(void)
{
    return 0;
}

int host_faults_start(void)
{
    return 0;
}

void host_faults_stop(struct host_faults *r)
{
    r->raised = 0;
    r->during = 0;
    r->met = 0;
    r->taken = 0;
    r->first_value = 0;
    r->stuck = 0;
    r->handle_lost = 0;
}
#endif
