/* Locks and power requests of the notifier, per calling thread: critical
 * sections and SRW locks it took and still holds, and the execution state
 * it asked for with SetThreadExecutionState. state.c snapshots both around
 * every call. [design] */
#ifndef HOOKS_LOCKS_H
#define HOOKS_LOCKS_H

#include <stddef.h>
#include <windows.h>

/* Locks the notifier took on this thread and has not released; the first
 * one described ("EnterCriticalSection(0x...) at FRAME") into buf. */
int locks_held(char *buf, size_t cap);
/* The system, display and away-mode requests the notifier left standing on
 * this thread (ES_CONTINUOUS with them), 0 if none. */
DWORD locks_exec_state(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
void WINAPI w_EnterCriticalSection(LPCRITICAL_SECTION cs);
BOOL WINAPI w_TryEnterCriticalSection(LPCRITICAL_SECTION cs);
void WINAPI w_LeaveCriticalSection(LPCRITICAL_SECTION cs);
void WINAPI w_AcquireSRWLockExclusive(PSRWLOCK l);
void WINAPI w_AcquireSRWLockShared(PSRWLOCK l);
BOOLEAN WINAPI w_TryAcquireSRWLockExclusive(PSRWLOCK l);
BOOLEAN WINAPI w_TryAcquireSRWLockShared(PSRWLOCK l);
void WINAPI w_ReleaseSRWLockExclusive(PSRWLOCK l);
void WINAPI w_ReleaseSRWLockShared(PSRWLOCK l);
EXECUTION_STATE WINAPI w_SetThreadExecutionState(EXECUTION_STATE flags);

#endif
