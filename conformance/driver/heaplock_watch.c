/* The watch on heap locks held by the notifier (see heaplock_watch.h). */
#include "heaplock_watch.h"

#include "conform.h"
#include "heap_lock_owner.h"
#include "hooks_heaplock.h"
#include "out.h"
#include "watch_thread.h"

#include <stdio.h>
#include <windows.h>

static unsigned hang_limit_ms;
/* Where pc is, without allocating: the notifier's name and offset, or the address. */
static void frame_of(void *pc, char *buf, size_t cap)
{
    MEMORY_BASIC_INFORMATION m;
    if (cf.mod && VirtualQuery(pc, &m, sizeof m) && m.AllocationBase == (void *)cf.mod)
        snprintf(buf, cap, "%s+%#lx", watch_dll_name(),
                 (unsigned long)((char *)pc - (char *)cf.mod));
    else
        snprintf(buf, cap, "%#llx", (unsigned long long)(ULONG_PTR)pc);
}

static const char *heap_kind(int process_heap)
{
    return process_heap ? "the process heap" : "a heap of the host (the C runtime's or another)";
}

/* The RESULT line when the hooks saw the notifier's HeapLock (judged), then the HANG line;
 * the process ends. */
static void end_case(const char *text, ULONGLONG held_ms, int judged)
{
    if (judged)
        watch_line("RESULT\tstate.heaplock\tfail\t%s", text);
    watch_line("HANG\t%s\t%llu\theaplock", text, held_ms);
    TerminateProcess(GetCurrentProcess(), EXIT_HANG);
}

static void report_wait(const struct heaplock_waited *wt)
{
    char where[300];
    char call[96];
    char text[700];
    frame_of(wt->pc, where, sizeof where);
    if (wt->ms == INFINITE)
        snprintf(call, sizeof call, "%s with no timeout", wt->what);
    else
        snprintf(call, sizeof call, "%s(%lu ms)", wt->what, (unsigned long)wt->ms);
    snprintf(text, sizeof text,
             "%s at %s on thread %lu while it held the lock of %s (HeapLock at %s, %llu ms "
             "before): every other thread that allocates from or frees to that heap waits until "
             "HeapUnlock [doc: HeapLock]",
             call, where, (unsigned long)wt->tid, heap_kind(wt->process_heap), wt->lock_frame,
             wt->held_ms);
    end_case(text, wt->held_ms, 1);
}

static void report_held(DWORD tid, int process_heap, ULONGLONG held_ms, const char *frame)
{
    char text[600];
    snprintf(text, sizeof text,
             "thread %lu took the lock of %s (HeapLock at %s) and held it for %llu ms: every "
             "other thread that allocates from or frees to that heap waits until HeapUnlock "
             "[doc: HeapLock]",
             (unsigned long)tid, heap_kind(process_heap), frame, held_ms);
    end_case(text, held_ms, 1);
}

/* A hold the hooks did not see, read from the lock itself: a HeapLock made another way (a
 * load without hooks), or a thread stuck inside the heap's own code, on a heap an earlier call
 * corrupted. A hang of the case, not a verdict of state.heaplock. */
static void report_owner(DWORD tid, ULONGLONG held_ms)
{
    char text[600];
    snprintf(text, sizeof text,
             "thread %lu has held the lock of the process heap for %llu ms, not through a "
             "HeapLock of the notifier's hooked imports: a HeapLock made another way, or a "
             "thread stuck inside the heap's own code on a heap an earlier call corrupted; every "
             "other thread that allocates waits",
             (unsigned long)tid, held_ms);
    end_case(text, held_ms, 0);
}

/* The process heap lock's owner, sampled: one that stays for a hang limit. */
static DWORD owner_last;
static ULONGLONG owner_since;

static void watch_owner(void)
{
    DWORD owner = heap_lock_owner();
    ULONGLONG now = GetTickCount64();
    if (owner != owner_last) {
        owner_last = owner;
        owner_since = now;
        return;
    }
    /* The driver's own threads between calls are never blamed: one that validates or walks
     * the heaps again and again can be seen holding the lock at every sample. */
    if (owner && now - owner_since >= hang_limit_ms && !driver_thread_between_calls(owner))
        report_owner(owner, now - owner_since);
}

/* Timed on the tick count, as the watchdog: a hold is too long after a hang limit of Wine
 * running, never for Wine's own stall. */
static void watch(void)
{
    for (;;) {
        Sleep(100);
        struct heaplock_waited wt;
        if (heaplock_waited(&wt))
            report_wait(&wt);
        DWORD tid = 0;
        int process_heap = 0;
        ULONGLONG held_ms = 0;
        char frame[160];
        if (heaplock_longest(&tid, &process_heap, &held_ms, frame, sizeof frame) &&
            held_ms >= hang_limit_ms)
            report_held(tid, process_heap, held_ms, frame);
        watch_owner();
    }
}

void heaplock_watch_start(unsigned hang_ms)
{
    hang_limit_ms = hang_ms;
    heaplock_host_heaps();
    heap_lock_find();
    watch_start(watch);
}
