/* CPU used with no call made: the process's threads but the caller's,
 * watched while the caller sleeps. A notifier lives in processes that sit
 * idle for hours; a thread of it that polls, or a wait re-armed on an
 * object that stays signaled (a process that has ended, an event nobody
 * resets), burns a core in each [design]. The watch counts CPU time, which
 * a busy machine lowers, and the time the threads were runnable
 * (thread_runnable.h), which it does not: busy is either over its limit. */
#ifndef IDLE_CPU_H
#define IDLE_CPU_H

#include <stddef.h>

/* Whether the other threads stayed busy through every watch. `why` gets
 * the figures either way: the pass text or the failure's. */
int idle_cpu_busy(char *why, size_t size);
struct idle_use {
    unsigned cpu_ms;
    unsigned runnable_ms;
    int runnable_known; /* 0: runnable_ms unread (Windows) */
};

/* What the process's other threads use while the caller sleeps watch_ms. */
void idle_use_watch(unsigned watch_ms, struct idle_use *u);
/* Over the limits: CPU above cpu_permille of the watch, or runnable above
 * RUNNABLE_PERMILLE of it. */
int idle_use_over(const struct idle_use *u, unsigned watch_ms, unsigned cpu_permille);
/* "N ms of CPU" and, when known, " (runnable for N ms)". */
void idle_use_text(const struct idle_use *u, char *out, size_t size);

enum { RUNNABLE_PERMILLE = 500 };

#endif
