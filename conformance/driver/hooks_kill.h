/* Threads and processes the notifier ends. A thread of the host ended with
 * TerminateThread ends wherever it was: a critical section it held stays
 * held, the heap's lock too if it was in HeapAlloc, and its stack is not
 * freed [doc: TerminateThread]; the next caller that needs the lock waits for
 * ever. A process it did not start is another program's: an id it stored
 * names whatever process has that id now [doc: GetProcessId]. Its host ending
 * is an EXIT line. state.process; in the faults case, faults.resources [design] */
#ifndef HOOKS_KILL_H
#define HOOKS_KILL_H

#include <windows.h>

/* Wrapper (hooks_list.h): the exact signature of what it stands for. */
BOOL WINAPI w_TerminateThread(HANDLE thread, DWORD code);
/* A process the notifier did not start is refused (ERROR_ACCESS_DENIED). */
BOOL WINAPI w_TerminateProcess(HANDLE process, UINT code);

#endif
