/* The standard output as the process started: protocol lines go there even after a notifier
 * replaced the standard handle (SetStdHandle). Read without a lock by the watch threads. */
#ifndef OUT_HANDLE_H
#define OUT_HANDLE_H

#include <windows.h>

/* Takes the standard output handle; called once, before any other thread starts. */
void out_handle_capture(void);
HANDLE out_handle(void);

#endif
