/* hwndOwner a window of another thread of the caller, a UI thread that waits
 * for the connection without pumping messages (a worker maps the drive, the
 * window's thread waits for it). No dialog was asked for (no
 * CONNECT_INTERACTIVE): a notifier call that sends that window a message
 * (GetWindowText, SendMessage) waits for a thread that waits for it, and the
 * caller deadlocks (state.window). [design] */
#ifndef OWNER_THREAD_H
#define OWNER_THREAD_H

#include <windows.h>

/* One add and cancel of each of the first names (at most 2) with such a
 * window as hwndOwner: result_bad("state.window") when a call sent it a
 * message and waited. Returns the number of names added so, 0 when no window
 * could be made. */
unsigned owner_thread_judge(const WCHAR *const *names, unsigned n);

#endif
