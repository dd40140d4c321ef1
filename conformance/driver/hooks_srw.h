/* The notifier's SRW locks: each take and release noted in the lock table
 * (hooks_locks.h), and a release by a thread that does not hold the lock
 * judged (concurrency.locks): an SRW lock is released by the thread that
 * acquired it [doc: ReleaseSRWLockExclusive]. */
#ifndef HOOKS_SRW_H
#define HOOKS_SRW_H

#include <windows.h>

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
void WINAPI w_AcquireSRWLockExclusive(PSRWLOCK l);
void WINAPI w_AcquireSRWLockShared(PSRWLOCK l);
BOOLEAN WINAPI w_TryAcquireSRWLockExclusive(PSRWLOCK l);
BOOLEAN WINAPI w_TryAcquireSRWLockShared(PSRWLOCK l);
void WINAPI w_ReleaseSRWLockExclusive(PSRWLOCK l);
void WINAPI w_ReleaseSRWLockShared(PSRWLOCK l);

#endif
