/* Output lines of the protocol, and the call a crash or hang is blamed on. */
#ifndef OUT_H
#define OUT_H

#include <windows.h>

void out_init(void);
void out_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* RESULT line with an explicit verdict (pass, skip, todo, ...). */
void result(const char *check, const char *verdict, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* RESULT for a violation: fail for a gate, warn for a report. */
void result_bad(const char *check, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The first violation of `check` in this process, or NULL. */
const char *violation_of(const char *check);
void metric(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void announce_step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The step of LoadLibrary, marked "loader": a case out of time there is
 * stuck in the loader, not slow in its calls (cn_report collect). */
#define LOAD_STEP "LoadLibrary (DllMain PROCESS_ATTACH)"
void announce_load_step(void);

/* The notifier call running on this thread ("" outside one); crash, exit
 * and hang reports name it. */
void set_crash_context(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void clear_crash_context(void);
const char *crash_context(void);
/* Where a call the notifier makes to a hooked import runs: the caller's operation, its code
 * on a caller's thread outside its calls (DllMain, a callback), or a thread of its own. */
const char *hook_context(void);
/* Where this process runs (the host case's children), named in a crash between calls. */
void crash_context_note(const char *text);
int in_notifier_call(void);
/* The device name (lpLocalName, or a cancel's lpName) of the call running on
 * this thread, NULL outside a call; as the caller built it (any text). */
void set_call_device(const WCHAR *name);
const WCHAR *call_device(void);
/* The call running on this thread is an add whose dwAddFlags hold CONNECT_INTERACTIVE (1),
 * or not (0): the caller allows UI only then [doc: NPAddConnection3]. */
void set_call_interactive(int interactive);
int call_interactive(void);
/* Marks the calling thread as the driver's (a crash outside a call is then
 * blamed on an earlier call, not on a thread of the notifier). */
void mark_driver_thread(void);
/* The same, and what a crash on this thread was doing (no call timed). */
void mark_driver_thread_doing(const char *what);
/* Milliseconds spent inside notifier calls so far (every thread's, the running ones up to
 * now), and since the last call began or ended or a step was announced (-1: none yet). */
void notifier_time(long long *inside_ms, long long *idle_ms);
/* A notifier call runs now on some thread (read without a lock: a sample). */
int notifier_call_running(void);
/* tid is the driver's main thread or a marked driver thread, and no notifier call runs on it
 * (the driver's own work, not the notifier's). */
int driver_thread_between_calls(DWORD tid);
/* A notifier call runs on thread tid now (read without a lock: a sample). */
int notifier_call_running_on(DWORD tid);
/* This thread's last notifier call was a PRE that asked for a POST (1), or not (0). */
void note_post_pending(int pending);
/* tid is the driver's main thread or a marked driver thread, and no operation of its waits
 * for a POST: its last call was a POST, or a PRE refused or that asked for none. */
int driver_thread_awaits_nothing(DWORD tid);
/* Starts the watchdog: a call running longer than ms prints HANG. */
void watchdog_start(unsigned ms);
DWORD main_thread_id(void);

#endif
