/* Waits that deliver the messages sent to the waiting thread, as a UI
 * thread's wait does: a notifier's window on this thread keeps working. */
#ifndef PUMP_H
#define PUMP_H

#include <windows.h>

/* Waits until `h` is signalled, dispatching this thread's messages. */
void pump_until(HANDLE h);

#endif
