/* The cancels a notifier asks of MPR itself (WNetCancelConnection, WNetCancelConnection2, A
 * and W), with fForce, from any of its threads. An unforced cancel that failed for open files
 * was the user's choice not to lose what is open: forcing it later from a thread of the
 * notifier's own throws away their unsaved data [doc: WNetCancelConnection2, fForce]. From
 * inside a callback, reentry.mpr judges such a call. */
#ifndef WNET_CANCELS_H
#define WNET_CANCELS_H

#include <windows.h>

#include <stddef.h>

/* Called by the WNet hooks with the function's name and its arguments. */
void wnet_cancels_note(const char *fn, const ULONG_PTR *args);
/* The driver is about to tell the notifier that an unforced cancel of `name` failed for open
 * files (a POST with WN_OPEN_FILES or WN_DEVICE_IN_USE). */
void wnet_cancels_declined(const WCHAR *name);
/* GetTickCount64() at the last such POST; 0 when none. */
ULONGLONG wnet_cancels_last_declined(void);
/* 1 when the notifier, outside a callback, asked a forced cancel of a name after a POST
 * declined its unforced cancel: the name and the milliseconds between the two. */
int wnet_cancels_overridden(WCHAR *name, size_t cap, long long *after_ms);

#endif
