/* Heap locks held by the notifier, and the waits made under them (see
 * hooks_heaplock.h). */
#include "hooks_heaplock.h"

#include "hook_reals.h"
#include "hooks_heap.h"

#include <string.h>

#define REAL(id, type) ((type)hook_real_at(HK_##id))
#define CALLER         __builtin_return_address(0)

enum { MAX_HOLDS = 64, MAX_HOST_HEAPS = 64 };

/* One thread's hold of one heap's lock. A slot is taken by its thread
 * (tid set first), and only its thread writes it; depth 0 is a free slot. */
struct hold {
    volatile LONG tid;
    volatile LONG depth;
    HANDLE heap;
    ULONGLONG since;
    char frame[160];
};
static struct hold holds[MAX_HOLDS];

static HANDLE host_heaps[MAX_HOST_HEAPS];
static DWORD n_host_heaps;
static volatile LONG taken;

static struct heaplock_waited first;
static volatile LONG first_state; /* 0 none, 1 being written, 2 kept */

void heaplock_host_heaps(void)
{
    DWORD n = GetProcessHeaps(MAX_HOST_HEAPS, host_heaps);
    n_host_heaps = n < MAX_HOST_HEAPS ? n : MAX_HOST_HEAPS;
}

static int host_heap(HANDLE heap)
{
    for (DWORD i = 0; i < n_host_heaps; i++) {
        if (host_heaps[i] == heap)
            return 1;
    }
    return 0;
}

/* Thread tid's hold of heap (NULL: of any heap), or NULL. */
static struct hold *hold_of(LONG tid, HANDLE heap)
{
    for (int i = 0; i < MAX_HOLDS; i++) {
        if (holds[i].tid == tid && holds[i].depth > 0 && (!heap || holds[i].heap == heap))
            return &holds[i];
    }
    return NULL;
}

static void took(HANDLE heap, const char *frame)
{
    LONG tid = (LONG)GetCurrentThreadId();
    struct hold *h = hold_of(tid, heap);
    if (h) {
        InterlockedIncrement(&h->depth);
        return;
    }
    for (int i = 0; i < MAX_HOLDS; i++) {
        if (holds[i].tid || InterlockedCompareExchange(&holds[i].tid, tid, 0))
            continue;
        holds[i].heap = heap;
        holds[i].since = GetTickCount64();
        memcpy(holds[i].frame, frame, sizeof holds[i].frame);
        InterlockedExchange(&holds[i].depth, 1);
        return;
    }
}

static void released(HANDLE heap)
{
    struct hold *h = hold_of((LONG)GetCurrentThreadId(), heap);
    if (!h || InterlockedDecrement(&h->depth) > 0)
        return;
    InterlockedExchange(&h->tid, 0);
}

void heaplock_wait(const char *what, DWORD ms, void *pc)
{
    if (!ms)
        return;
    LONG tid = (LONG)GetCurrentThreadId();
    struct hold *h = hold_of(tid, NULL);
    if (!h || InterlockedCompareExchange(&first_state, 1, 0))
        return;
    first.tid = (DWORD)tid;
    first.what = what;
    first.ms = ms;
    first.pc = pc;
    first.process_heap = h->heap == GetProcessHeap();
    first.held_ms = GetTickCount64() - h->since;
    memcpy(first.lock_frame, h->frame, sizeof first.lock_frame);
    InterlockedExchange(&first_state, 2);
}

int heaplock_holding(void)
{
    return hold_of((LONG)GetCurrentThreadId(), NULL) != NULL;
}

int heaplock_waited(struct heaplock_waited *out)
{
    if (first_state != 2)
        return 0;
    *out = first;
    return 1;
}

int heaplock_longest(DWORD *tid, int *process_heap, ULONGLONG *held_ms, char *frame, size_t cap)
{
    ULONGLONG now = GetTickCount64();
    int best = -1;
    for (int i = 0; i < MAX_HOLDS; i++) {
        if (!holds[i].tid || holds[i].depth <= 0)
            continue;
        if (best < 0 || holds[i].since < holds[best].since)
            best = i;
    }
    if (best < 0)
        return 0;
    *tid = (DWORD)holds[best].tid;
    *process_heap = holds[best].heap == GetProcessHeap();
    *held_ms = now - holds[best].since;
    if (cap) {
        size_t n = strnlen(holds[best].frame, sizeof holds[best].frame);
        n = n < cap - 1 ? n : cap - 1;
        memcpy(frame, holds[best].frame, n);
        frame[n] = 0;
    }
    return 1;
}

LONG heaplock_taken(void)
{
    return taken;
}

typedef BOOL(WINAPI *heap_fn)(HANDLE);

BOOL WINAPI w_HeapLock(HANDLE heap)
{
    if (!host_heap(heap))
        return REAL(HeapLock, heap_fn)(heap);
    /* Described before the lock is taken: describing may allocate. */
    char frame[160];
    caller_frame(CALLER, frame, sizeof frame);
    BOOL r = REAL(HeapLock, heap_fn)(heap);
    if (r) {
        InterlockedIncrement(&taken);
        took(heap, frame);
    }
    return r;
}

BOOL WINAPI w_HeapUnlock(HANDLE heap)
{
    if (host_heap(heap))
        released(heap);
    return REAL(HeapUnlock, heap_fn)(heap);
}
