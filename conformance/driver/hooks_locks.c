/* Locks and power requests of the notifier (see hooks_locks.h). A lock is
 * counted when the notifier's own import took it and uncounted when its
 * import released it; a lock another module took is never seen. */
#include "hooks_locks.h"

#include "hook_reals.h"
#include "hooks_heap.h"
#include "shared_meet.h"

#include <stdio.h>

#define MAX_HELD    16
#define MAX_THREADS 512

struct held {
    void *lock;
    const char *how;
    void *pc;
};

/* Per thread, in a fixed table (no allocation: thread-local storage would
 * allocate on each new thread, which the leak checks would count as the
 * notifier's): what the notifier holds, and its standing power request. A
 * slot is taken by a thread that holds something and given back when it
 * holds nothing; only its thread writes it. */
struct thread_slot {
    volatile LONG tid;
    int n_held;
    DWORD exec_state;
    struct held held[MAX_HELD];
};
static struct thread_slot slots[MAX_THREADS];

static struct thread_slot *slot_of(int create)
{
    LONG tid = (LONG)GetCurrentThreadId();
    for (int i = 0; i < MAX_THREADS; i++) {
        if (slots[i].tid == tid)
            return &slots[i];
    }
    for (int i = 0; create && i < MAX_THREADS; i++) {
        if (!slots[i].tid && !InterlockedCompareExchange(&slots[i].tid, tid, 0)) {
            slots[i].n_held = 0;
            slots[i].exec_state = 0;
            return &slots[i];
        }
    }
    return NULL;
}

static void give_back(struct thread_slot *t)
{
    if (t->n_held == 0 && t->exec_state == 0)
        InterlockedExchange(&t->tid, 0);
}

#define REAL(idx, type) ((type)hook_real_at(idx))
#define CALLER          __builtin_return_address(0)

static void took(void *lock, const char *how, void *pc)
{
    struct thread_slot *t = slot_of(1);
    if (!t)
        return;
    if (t->n_held < MAX_HELD) {
        t->held[t->n_held].lock = lock;
        t->held[t->n_held].how = how;
        t->held[t->n_held].pc = pc;
    }
    t->n_held++;
}

/* Uncounts the latest hold of lock (recursive entries count each). */
static void released(void *lock)
{
    struct thread_slot *t = slot_of(0);
    if (!t)
        return;
    int top = t->n_held < MAX_HELD ? t->n_held : MAX_HELD;
    int found = 0;
    for (int i = top - 1; i >= 0 && !found; i--) {
        if (t->held[i].lock != lock)
            continue;
        for (int j = i; j + 1 < top; j++)
            t->held[j] = t->held[j + 1];
        t->n_held--;
        found = 1;
    }
    if (!found && t->n_held > MAX_HELD)
        t->n_held--;
    give_back(t);
}

int locks_held(char *buf, size_t cap)
{
    struct thread_slot *t = slot_of(0);
    if (cap)
        buf[0] = 0;
    if (!t)
        return 0;
    if (t->n_held > 0 && cap) {
        char frame[300];
        caller_frame(t->held[0].pc, frame, sizeof frame);
        snprintf(buf, cap, "%s(%#llx) at %s", t->held[0].how,
                 (unsigned long long)(ULONG_PTR)t->held[0].lock, frame);
    }
    return t->n_held;
}

DWORD locks_exec_state(void)
{
    struct thread_slot *t = slot_of(0);
    return t ? t->exec_state : 0;
}

typedef void(WINAPI *cs_fn)(LPCRITICAL_SECTION);
typedef BOOL(WINAPI *trycs_fn)(LPCRITICAL_SECTION);
typedef void(WINAPI *srw_fn)(PSRWLOCK);
typedef BOOLEAN(WINAPI *trysrw_fn)(PSRWLOCK);
typedef EXECUTION_STATE(WINAPI *exec_fn)(EXECUTION_STATE);

void WINAPI w_EnterCriticalSection(LPCRITICAL_SECTION cs)
{
    REAL(HK_EnterCriticalSection, cs_fn)(cs);
    took(cs, "EnterCriticalSection", CALLER);
}

BOOL WINAPI w_TryEnterCriticalSection(LPCRITICAL_SECTION cs)
{
    BOOL r = REAL(HK_TryEnterCriticalSection, trycs_fn)(cs);
    if (r)
        took(cs, "TryEnterCriticalSection", CALLER);
    return r;
}

void WINAPI w_LeaveCriticalSection(LPCRITICAL_SECTION cs)
{
    released(cs);
    REAL(HK_LeaveCriticalSection, cs_fn)(cs);
}

void WINAPI w_AcquireSRWLockExclusive(PSRWLOCK l)
{
    REAL(HK_AcquireSRWLockExclusive, srw_fn)(l);
    took(l, "AcquireSRWLockExclusive", CALLER);
}

void WINAPI w_AcquireSRWLockShared(PSRWLOCK l)
{
    REAL(HK_AcquireSRWLockShared, srw_fn)(l);
    took(l, "AcquireSRWLockShared", CALLER);
    shared_meet_enter(l);
}

BOOLEAN WINAPI w_TryAcquireSRWLockExclusive(PSRWLOCK l)
{
    BOOLEAN r = REAL(HK_TryAcquireSRWLockExclusive, trysrw_fn)(l);
    if (r)
        took(l, "TryAcquireSRWLockExclusive", CALLER);
    return r;
}

BOOLEAN WINAPI w_TryAcquireSRWLockShared(PSRWLOCK l)
{
    BOOLEAN r = REAL(HK_TryAcquireSRWLockShared, trysrw_fn)(l);
    if (r) {
        took(l, "TryAcquireSRWLockShared", CALLER);
        shared_meet_enter(l);
    }
    return r;
}

void WINAPI w_ReleaseSRWLockExclusive(PSRWLOCK l)
{
    released(l);
    REAL(HK_ReleaseSRWLockExclusive, srw_fn)(l);
}

void WINAPI w_ReleaseSRWLockShared(PSRWLOCK l)
{
    released(l);
    REAL(HK_ReleaseSRWLockShared, srw_fn)(l);
}

/* [doc] Without ES_CONTINUOUS a request resets the idle timers once;
 * with it the request stands until the thread asks again. */
EXECUTION_STATE WINAPI w_SetThreadExecutionState(EXECUTION_STATE flags)
{
    const DWORD requests = ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED | ES_AWAYMODE_REQUIRED;
    if (flags & ES_CONTINUOUS) {
        struct thread_slot *t = slot_of(flags & requests ? 1 : 0);
        if (t) {
            t->exec_state = flags & requests ? flags : 0;
            give_back(t);
        }
    }
    return REAL(HK_SetThreadExecutionState, exec_fn)(flags);
}
