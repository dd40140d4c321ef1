/* Crash and exit reports: a crash, an uncaught exception or the notifier
 * ending the process becomes one CRASH or EXIT line naming the call that
 * was running and the first frame inside the notifier. */
#ifndef CRASH_H
#define CRASH_H

#include <stddef.h>
#include <stdint.h>
#include <windows.h>

void crash_install(void);
/* "module+0xRVA" for an address in a loaded module, else "0x...". */
void module_of(const void *pc, char *buf, size_t cap);
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

/* The notifier was unloaded from [lo, hi): from now on an access violation
 * at or on an address in that range, on any thread, ends the process with a
 * CRASH line naming code left registered past FreeLibrary. lo == hi: the
 * range is mapped again (the next LoadLibrary). */
void crash_unloaded(uintptr_t lo, uintptr_t hi, const char *dll, const char *when);
/* Moves the first-chance handler to the head of the vectored handler list
 * (ahead of any the notifier added). */
void crash_handler_first(void);
/* The buffer [p, p+size) belonged to an operation that has returned:
 * label names it ("lpRemoteName of operation 3 (AddConnectNotify)"). A
 * fault there on any thread is recorded (ended_fault) and named. */
void crash_note_ended(const void *p, size_t size, const char *label);
/* The first fault in such a buffer ("" if none): what, where, which thread. */
const char *ended_fault(void);

#endif
