/* The handles this process has open now, listed in one system call. */
#ifndef HANDLE_LIST_H
#define HANDLE_LIST_H

#include <windows.h>

/* Calls each(h, arg) for every handle of this process open now (a
 * snapshot): one NtQuerySystemInformation of the extended handle table
 * (under 1 ms under Wine), or when that fails each of measure.h's
 * HANDLE_SLOTS slots probed in turn (about 3 s under Wine). */
typedef void (*handles_each_fn)(HANDLE h, void *arg);
void handles_each(handles_each_fn each, void *arg);

#endif
