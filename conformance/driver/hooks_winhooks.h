/* Window hooks the notifier installs (SetWindowsHookExA/W). A hook on the caller's thread left
 * when the operation's last call returns runs the notifier's code inside the caller's message
 * loop, for every message, after the notifier is unloaded too; a global hook (thread 0) loads
 * the notifier into every GUI process of the desktop [doc: SetWindowsHookEx]. state.thread,
 * state.process [design] */
#ifndef HOOKS_WINHOOKS_H
#define HOOKS_WINHOOKS_H

#include <stddef.h>
#include <windows.h>

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
HHOOK WINAPI w_SetWindowsHookExW(int id, HOOKPROC proc, HINSTANCE module, DWORD thread);
HHOOK WINAPI w_SetWindowsHookExA(int id, HOOKPROC proc, HINSTANCE module, DWORD thread);
BOOL WINAPI w_UnhookWindowsHookEx(HHOOK hook);

/* A hook the notifier installed on thread `thread` and has not removed: 1, described in
 * `what` and forgotten (said once). */
int winhooks_left_on(DWORD thread, char *what, size_t cap);

#endif
