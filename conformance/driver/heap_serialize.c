/* HEAP_NO_SERIALIZE on the process heap (see heap_serialize.h). */
#include "heap_serialize.h"

#include "crash.h"
#include "out.h"

#include <stdint.h>
#include <stdio.h>

void heap_serialize_judge(const char *fn, HANDLE heap, DWORD flags, void *caller)
{
    if (!(flags & HEAP_NO_SERIALIZE) || heap != GetProcessHeap())
        return;
    DWORD err = GetLastError();
    char frame[300];
    notifier_frame(NULL, frame, sizeof frame);
    if (!frame[0])
        snprintf(frame, sizeof frame, "return address %#llx",
                 (unsigned long long)(uintptr_t)caller);
    result_bad("heap.valid",
               "%s with HEAP_NO_SERIALIZE on the process heap during %s; notifier frame %s: the "
               "host's threads use that heap at the same time, and unserialised access corrupts "
               "it [doc: not on the process heap]",
               fn, crash_context(), frame);
    SetLastError(err);
}

/* A heap's creation flags where Windows keeps them, and Wine too (its heap
 * header follows that layout): HEAP.Flags at 0x70 (x64), 0x40 (x86). The
 * heap is made before the notifier loads the driver's hooks (in DllMain),
 * so its flags are read, not caught at HeapCreate. */
static DWORD heap_flags(HANDLE heap)
{
    size_t at = sizeof(void *) == 8 ? 0x70 : 0x40;
    const DWORD *flags = (const DWORD *)((const char *)heap + at);
    /* Not a heap at all: the real call fails or crashes on it, not this. */
    if (IsBadReadPtr(flags, sizeof *flags))
        return 0;
    return *flags;
}

/* 1 when heap_flags reads what HeapCreate was given, tried once on two
 * heaps of the driver's own; else no heap is judged. */
static int flags_readable(void)
{
    static volatile LONG known; /* 0 not tried, 1 readable, 2 not */
    if (known)
        return known == 1;
    HANDLE plain = HeapCreate(0, 0, 0);
    HANDLE unlocked = HeapCreate(HEAP_NO_SERIALIZE, 0, 0);
    int readable = plain && unlocked && !(heap_flags(plain) & HEAP_NO_SERIALIZE) &&
                   (heap_flags(unlocked) & HEAP_NO_SERIALIZE) &&
                   (heap_flags(plain) & HEAP_GROWABLE) && (heap_flags(unlocked) & HEAP_GROWABLE);
    if (plain)
        HeapDestroy(plain);
    if (unlocked)
        HeapDestroy(unlocked);
    InterlockedExchange(&known, readable ? 1 : 2);
    return readable;
}

/* The notifier's heaps made with HEAP_NO_SERIALIZE, and the threads inside
 * each one's functions now. */
enum { UNSERIALISED = 16 };

struct unserialised {
    HANDLE volatile heap;
    volatile LONG inside;
    volatile LONG yielded; /* the processor given away inside it */
    SRWLOCK lock; /* taken around each call in the notifier's place: the heap stays whole */
    volatile DWORD owner; /* the thread holding lock, 0 when none */
    LONG depth;           /* times the owner took it; owner's only */
    int counted;          /* the owner is in inside; owner's only */
};

static struct unserialised heaps[UNSERIALISED];
static volatile LONG overlapped;
static volatile LONG yields_on;
static char overlap_text[512];

/* The entry of an unserialised heap, made at its first use; NULL for any
 * other heap. */
static struct unserialised *unserialised_of(HANDLE heap)
{
    if (!heap || heap == GetProcessHeap() || !flags_readable() ||
        !(heap_flags(heap) & HEAP_NO_SERIALIZE))
        return NULL;
    for (unsigned i = 0; i < UNSERIALISED; i++) {
        if (heaps[i].heap == heap)
            return &heaps[i];
    }
    for (unsigned i = 0; i < UNSERIALISED; i++) {
        HANDLE was =
            InterlockedCompareExchangePointer((PVOID volatile *)&heaps[i].heap, heap, NULL);
        if (was == NULL || was == heap)
            return &heaps[i];
    }
    return NULL;
}

/* 1 when this thread holds u already: it takes it once more. */
static int held_again(struct unserialised *u)
{
    if (u->owner != GetCurrentThreadId())
        return 0;
    u->depth++;
    return 1;
}

static void held_first(struct unserialised *u, int counted)
{
    u->owner = GetCurrentThreadId();
    u->depth = 1;
    u->counted = counted;
}

void *heap_serialize_enter(const char *fn, HANDLE heap, void *caller)
{
    struct unserialised *u = unserialised_of(heap);
    if (!u || held_again(u))
        return u;
    if (InterlockedIncrement(&u->inside) > 1 && !InterlockedExchange(&overlapped, 1)) {
        DWORD err = GetLastError();
        char frame[300];
        notifier_frame(NULL, frame, sizeof frame);
        if (!frame[0])
            snprintf(frame, sizeof frame, "return address %#llx",
                     (unsigned long long)(uintptr_t)caller);
        snprintf(overlap_text, sizeof overlap_text,
                 "%s on the notifier's heap %p, made with HEAP_NO_SERIALIZE, while another "
                 "thread was inside a heap function of it, during %s; notifier frame %s",
                 fn, heap, crash_context(), frame);
        SetLastError(err);
    }
    /* One thread at a time from here, so that the heap is not corrupted
     * before the case ends with the overlap's verdict rather than a crash. */
    AcquireSRWLockExclusive(&u->lock);
    held_first(u, 1);
    /* The other threads get the processor inside the call: an unlocked heap shows in a few
     * calls. Bounded: on a loaded machine each yield may wait out other programs. */
    enum { YIELDS_MAX = 4096 };
    if (yields_on && !overlapped && InterlockedIncrement(&u->yielded) <= YIELDS_MAX)
        SwitchToThread();
    return u;
}

void *heap_serialize_hold(HANDLE heap)
{
    struct unserialised *u = unserialised_of(heap);
    if (!u || held_again(u))
        return u;
    AcquireSRWLockExclusive(&u->lock);
    held_first(u, 0);
    return u;
}

int heap_serialize_try(HANDLE heap, void **held)
{
    struct unserialised *u = unserialised_of(heap);
    *held = u;
    if (!u || held_again(u))
        return 1;
    if (!TryAcquireSRWLockExclusive(&u->lock))
        return 0;
    held_first(u, 0);
    return 1;
}

void heap_serialize_leave(void *entered)
{
    struct unserialised *u = entered;
    if (!u)
        return;
    u->depth--;
    if (u->depth)
        return;
    int counted = u->counted;
    u->owner = 0;
    ReleaseSRWLockExclusive(&u->lock);
    if (counted)
        InterlockedDecrement(&u->inside);
}

void heap_serialize_yields(int on)
{
    InterlockedExchange(&yields_on, on);
}

int heap_serialize_overlap(char *buf, size_t cap)
{
    if (!overlapped)
        return 0;
    snprintf(buf, cap, "%s", overlap_text);
    return 1;
}
