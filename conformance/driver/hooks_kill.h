/* Threads of the host process the notifier ends with TerminateThread. The
 * thread ends wherever it was: a critical section it held stays held, the
 * heap's lock too if it was in HeapAlloc, and its stack is not freed [doc:
 * TerminateThread]; the next caller that needs the lock waits for ever.
 * state.process [doc] */
#ifndef HOOKS_KILL_H
#define HOOKS_KILL_H

#include <windows.h>

/* Wrapper (hooks_list.h): the exact signature of what it stands for. */
BOOL WINAPI w_TerminateThread(HANDLE thread, DWORD code);

#endif
