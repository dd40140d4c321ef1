/* Findings inside the host: faults on guarded buffers, unhandled
 * exceptions, abort(), hangs and broken invariants. Each has a stable crash
 * state, "<kind> <dll>+0x<rva>" with the innermost notifier frame, which
 * the driver uses to stop libFuzzer and to deduplicate. */
#ifndef VF_CRASH_H
#define VF_CRASH_H

#include <windows.h>

#include "vf_shm.h"

/* Installs the handlers. `shm` may be NULL (--reproduce: print only). */
void vf_crash_init(HMODULE dll, struct vf_shm *shm);
/* The DLL under test, once loaded (frames are looked up in it). */
void vf_crash_set_dll(HMODULE dll);
/* Describes the running call for reports (set by the host). */
extern void (*vf_describe_call)(char *buf, size_t cap);
/* Names a fault in the page heap's blocks (set by the host to
 * vf_pageheap_explain; a pointer keeps vf_crash.c out of a call circle). */
extern int (*vf_explain_heap)(ULONG_PTR addr, int write, char *buf, size_t cap, char *kind,
                              size_t kcap);
/* Reports a finding and ends the process. `ctx` may be NULL: the frame is
 * then the innermost notifier frame of the current stack; VF_NO_FRAME: the
 * notifier is not on the stack (a check after its call returned). */
#define VF_NO_FRAME ((const CONTEXT *)1)
__attribute__((noreturn)) void vf_finding(const char *kind, const CONTEXT *ctx, const char *fmt,
                                          ...) __attribute__((format(printf, 3, 4)));
/* Watchdog: reports a hang of `thread` (suspended, its context read) when a
 * call runs longer than the limit. Runs on its own thread. */
void vf_watch_start(volatile LONG64 *call_start_ms, HANDLE *volatile *call_thread, DWORD limit_ms);
/* Points the DLL's imports of ExitProcess and TerminateProcess at hooks
 * that report a finding with the notifier frame. */
void vf_hook_exits(HMODULE dll);
/* 1 if `pc` lies in the DLL under test. */
int vf_in_dll(ULONG_PTR pc);

#endif
