/* The caller's window, passed as hwndOwner: lent as the owner of any
 * dialog the notifier shows. A notifier that disables, hides or restyles it
 * (EnableWindow(FALSE) around a prompt, left so on an early return) takes
 * the caller's UI with it (state.window). [design] */
#ifndef OWNER_WINDOW_H
#define OWNER_WINDOW_H

#include <windows.h>

/* One add and one cancel of each name with a visible, enabled window of
 * this thread as hwndOwner; the window's state compared after each. */
void owner_window_judge(const WCHAR *const *names, unsigned n);

#endif
