/* The notifier and the session's clipboard (hooked): a clipboard left open
 * refuses every other program of the session its copy and paste, and one
 * emptied loses what the user copied. [design] */
#ifndef HOOKS_CLIPBOARD_H
#define HOOKS_CLIPBOARD_H

#include <stddef.h>
#include <windows.h>

/* Describes what the notifier did to the clipboard on this thread since the
 * last call (left it open, emptied it) and forgets it; 0 if nothing. A
 * clipboard left open is closed, so that it is reported once. */
int clipboard_take_misuse(char *buf, size_t cap);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
BOOL WINAPI w_OpenClipboard(HWND owner);
BOOL WINAPI w_CloseClipboard(void);
BOOL WINAPI w_EmptyClipboard(void);

#endif
