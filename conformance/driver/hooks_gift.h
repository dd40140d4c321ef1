/* Handles to this process that the notifier gives another process with
 * DuplicateHandle. A process handle with more than SYNCHRONIZE and query
 * rights lets the receiver read and write the host's memory, start threads
 * in it or end it; the receiver is often found by a window class or an
 * object name any program can claim (files.squatted). [design] */
#ifndef HOOKS_GIFT_H
#define HOOKS_GIFT_H

#include <windows.h>

/* The first such gift ("" if none): rights, receiver, call. */
const char *hooks_gift_first(void);

/* Wrapper (hooks_list.h): the exact signature of what it stands for. */
BOOL WINAPI w_DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process,
                              LPHANDLE target, DWORD access, BOOL inherit, DWORD options);

#endif
