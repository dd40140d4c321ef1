/* The notifier's SRW locks (see hooks_srw.h). */
#include "hooks_srw.h"

#include "hook_reals.h"
#include "hooks_locks.h"
#include "shared_meet.h"

#define REAL(idx, type) ((type)hook_real_at(idx))
#define CALLER          __builtin_return_address(0)

typedef void(WINAPI *srw_fn)(PSRWLOCK);
typedef BOOLEAN(WINAPI *trysrw_fn)(PSRWLOCK);

static void released(PSRWLOCK l, const char *how, void *pc)
{
    if (locks_released(l))
        return;
    locks_misuse(pc,
                 "%s(%#llx) on a thread that does not hold it: an SRW lock is released once, by "
                 "the thread that acquired it [doc: ReleaseSRWLockExclusive]; a release twice "
                 "or from another thread drops a hold that is not its own",
                 how, (unsigned long long)(ULONG_PTR)l);
}

void WINAPI w_AcquireSRWLockExclusive(PSRWLOCK l)
{
    locks_wait_begin(l, "AcquireSRWLockExclusive", CALLER, 1);
    REAL(HK_AcquireSRWLockExclusive, srw_fn)(l);
    locks_took(l, "AcquireSRWLockExclusive", CALLER);
    locks_wait_end();
}

void WINAPI w_AcquireSRWLockShared(PSRWLOCK l)
{
    locks_wait_begin(l, "AcquireSRWLockShared", CALLER, 0);
    REAL(HK_AcquireSRWLockShared, srw_fn)(l);
    locks_took(l, "AcquireSRWLockShared", CALLER);
    locks_wait_end();
    shared_meet_enter(l);
}

BOOLEAN WINAPI w_TryAcquireSRWLockExclusive(PSRWLOCK l)
{
    BOOLEAN r = REAL(HK_TryAcquireSRWLockExclusive, trysrw_fn)(l);
    if (r)
        locks_took(l, "TryAcquireSRWLockExclusive", CALLER);
    return r;
}

BOOLEAN WINAPI w_TryAcquireSRWLockShared(PSRWLOCK l)
{
    BOOLEAN r = REAL(HK_TryAcquireSRWLockShared, trysrw_fn)(l);
    if (r) {
        locks_took(l, "TryAcquireSRWLockShared", CALLER);
        shared_meet_enter(l);
    }
    return r;
}

void WINAPI w_ReleaseSRWLockExclusive(PSRWLOCK l)
{
    released(l, "ReleaseSRWLockExclusive", CALLER);
    REAL(HK_ReleaseSRWLockExclusive, srw_fn)(l);
}

void WINAPI w_ReleaseSRWLockShared(PSRWLOCK l)
{
    released(l, "ReleaseSRWLockShared", CALLER);
    REAL(HK_ReleaseSRWLockShared, srw_fn)(l);
}
