/* The caller's stack as a notifier finds it: notify() can fill the stack
 * below its frame with one byte just before a call, as a caller's earlier
 * calls leave it (MPR calls the provider between PRE and POST, on the same
 * stack). A notifier that reads a variable before setting it, or its PRE's
 * frame from its POST (a context pointing at a local), reads that byte.
 * Off unless a probe turns it on: what else the stack holds is the driver's. */
#ifndef STACK_FILL_H
#define STACK_FILL_H

#include <windows.h>

enum stack_fill_mode {
    STACK_FILL_NONE,
    STACK_FILL_EVERY_CALL,
    STACK_FILL_POSTS, /* POSTs only: the stack used between PRE and POST */
};

void stack_fill_set(enum stack_fill_mode mode, unsigned char byte);
/* The same with one UTF-16 unit at every even address (little-endian). */
void stack_fill_set_unit(enum stack_fill_mode mode, WCHAR unit);
/* Fills the stack below the caller's frame when the mode takes phase
 * (NOTIFY_PRE or NOTIFY_POST); call it last before the notifier. */
void stack_fill(DWORD phase);

#endif
