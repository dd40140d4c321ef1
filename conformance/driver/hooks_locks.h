/* Locks and power requests of the notifier, per calling thread: critical
 * sections and SRW locks it took and still holds or waits for, and the
 * execution state it asked for with SetThreadExecutionState. state.c
 * snapshots both around every call; hooks_critsec.c and hooks_srw.c note
 * the takes and releases and judge misuse. [design] */
#ifndef HOOKS_LOCKS_H
#define HOOKS_LOCKS_H

#include <stddef.h>
#include <windows.h>

/* Locks the notifier took on this thread and has not released; the first
 * one described ("EnterCriticalSection(0x...) at FRAME") into buf. */
int locks_held(char *buf, size_t cap);
/* 1 when every lock the notifier holds on this thread was taken shared (and
 * it holds one); the first described into buf as locks_held does. */
int locks_shared_only(char *buf, size_t cap);
/* The system, display and away-mode requests the notifier left standing on
 * this thread (ES_CONTINUOUS with them), 0 if none. */
DWORD locks_exec_state(void);

/* This thread took lock (how: the call, pc: the notifier's call site). */
void locks_took(void *lock, const char *how, void *pc);
/* This thread releases lock: uncounts its latest hold (recursive takes
 * count each). 0 if this thread was not seen to hold it. */
int locks_released(void *lock);
/* This thread is about to wait for lock (how, at the notifier's call site pc), until
 * locks_wait_end; exclusive: the order of the locks it holds is noted (lock_order.h). */
void locks_wait_begin(void *lock, const char *how, void *pc, int exclusive);
void locks_wait_end(void);
/* This thread makes a wait of ms (0: none) named by what (a string literal) at the notifier's
 * call site pc: while it holds a lock, that lock is noted as held across a wait, and a thread
 * that asks for it meanwhile is a stall (lock_stalls.h). */
void locks_wait_made(const char *what, DWORD ms, void *pc);
/* A thread (this one too) that holds lock or waits for it, 0 if none; *how
 * names the call that took it or waits, *waiting says which. */
DWORD locks_user(void *lock, const char **how, int *waiting);
/* A concurrency.locks violation at the notifier's call site pc, with the
 * call running on this thread. */
void locks_misuse(void *pc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Wrapper (hooks_list.h): the exact signature of what it stands for. */
EXECUTION_STATE WINAPI w_SetThreadExecutionState(EXECUTION_STATE flags);

#endif
