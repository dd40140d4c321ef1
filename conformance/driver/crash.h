/* Crash and exit reports: a crash, an uncaught exception or the notifier
 * ending the process becomes one CRASH or EXIT line naming the call that
 * was running and the first frame inside the notifier. */
#ifndef CRASH_H
#define CRASH_H

#include <stddef.h>
#include <windows.h>

void crash_install(void);
/* Called by the crash handler before the process ends (e.g. the timeline). */
extern void (*crash_hook)(void);
/* Records the first access violation while on (LoadLibrary). */
void record_faults(int on);
const char *recorded_fault(void);
/* EXIT line: the notifier ended the process by `how` with `code` ("-":
 * unknown). Printed once. */
void exit_line(const char *how, const char *code);
/* First frame inside the notifier when unwinding from `ctx` (or from here
 * if NULL); "" if none. */
void notifier_frame(CONTEXT *ctx, char *buf, size_t cap);

#endif
