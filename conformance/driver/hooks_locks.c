/* Locks and power requests of the notifier (see hooks_locks.h). A lock is
 * counted when the notifier's own import took it and uncounted when its
 * import released it; a lock another module took is never seen. */
#include "hooks_locks.h"

#include "hook_reals.h"
#include "hooks_heap.h"

#include <stdio.h>

#define MAX_HELD 16

struct held {
    void *lock;
    const char *how;
    void *pc;
};

/* Per thread: what the notifier holds, and its standing power request. */
static __thread struct held held[MAX_HELD];
static __thread int n_held;
static __thread DWORD exec_state;

#define REAL(idx, type) ((type)hook_real_at(idx))
#define CALLER          __builtin_return_address(0)

static void took(void *lock, const char *how, void *pc)
{
    if (n_held < MAX_HELD) {
        held[n_held].lock = lock;
        held[n_held].how = how;
        held[n_held].pc = pc;
    }
    n_held++;
}

/* Uncounts the latest hold of lock (recursive entries count each). */
static void released(void *lock)
{
    int top = n_held < MAX_HELD ? n_held : MAX_HELD;
    for (int i = top - 1; i >= 0; i--) {
        if (held[i].lock != lock)
            continue;
        for (int j = i; j + 1 < top; j++)
            held[j] = held[j + 1];
        n_held--;
        return;
    }
    if (n_held > MAX_HELD)
        n_held--;
}

int locks_held(char *buf, size_t cap)
{
    if (cap)
        buf[0] = 0;
    if (n_held > 0 && cap) {
        char frame[300];
        caller_frame(held[0].pc, frame, sizeof frame);
        snprintf(buf, cap, "%s(%#llx) at %s", held[0].how,
                 (unsigned long long)(ULONG_PTR)held[0].lock, frame);
    }
    return n_held;
}

DWORD locks_exec_state(void)
{
    return exec_state;
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
    if (r)
        took(l, "TryAcquireSRWLockShared", CALLER);
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
    if (flags & ES_CONTINUOUS)
        exec_state = flags & requests ? flags : 0;
    return REAL(HK_SetThreadExecutionState, exec_fn)(flags);
}
