/* Completion routines and APCs the notifier queues to the caller's thread
 * (WriteFileEx, ReadFileEx, QueueUserAPC on the calling thread) and leaves
 * there when the call returns. They run at the caller's next alertable
 * wait, whatever the caller waits for (its own ReadFileEx ends early), and
 * after FreeLibrary in freed code. state.queues [design] */
#ifndef HOOKS_APCS_H
#define HOOKS_APCS_H

#include <windows.h>

/* How many of those queued on this thread have not run yet. */
unsigned hooks_apcs_pending_here(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
BOOL WINAPI w_WriteFileEx(HANDLE file, LPCVOID buf, DWORD n, LPOVERLAPPED ov,
                          LPOVERLAPPED_COMPLETION_ROUTINE routine);
BOOL WINAPI w_ReadFileEx(HANDLE file, LPVOID buf, DWORD n, LPOVERLAPPED ov,
                         LPOVERLAPPED_COMPLETION_ROUTINE routine);
DWORD WINAPI w_QueueUserAPC(PAPCFUNC apc, HANDLE thread, ULONG_PTR data);

#endif
