/* CPU used with no call made: the process's threads but the caller's,
 * watched while the caller sleeps. A notifier lives in processes that sit
 * idle for hours; a thread of it that polls, or a wait re-armed on an
 * object that stays signaled (a process that has ended, an event nobody
 * resets), burns a core in each [design]. The watch counts CPU time, so
 * a busy machine can only lower it: load never makes an idle notifier
 * look busy. */
#ifndef IDLE_CPU_H
#define IDLE_CPU_H

#include <stddef.h>

/* Whether the other threads stayed busy through every watch. `why` gets
 * the figures either way: the pass text or the failure's. */
int idle_cpu_busy(char *why, size_t size);
/* The CPU in ms the process's other threads use while the caller sleeps
 * watch_ms. */
unsigned idle_cpu_ms(unsigned watch_ms);

#endif
