/* Raw Linux system calls from the driver under Wine [wine]: what Wine
 * answers through its wineserver (which names itself in /proc/self) or
 * cannot do while that server stands still. Every function is a no-op that
 * returns 0 where the host is not Linux (Windows, or Wine elsewhere). */
#ifndef LINUX_CALLS_H
#define LINUX_CALLS_H

/* 1 when running under Wine on Linux. */
int linux_host(void);
/* This process's and the calling thread's Linux ids; 0 off Linux. */
unsigned linux_pid(void);
unsigned linux_tid(void);
/* Ends the process with `code` without asking the wineserver (exit_group);
 * returns only off Linux. */
void linux_exit_process(int code);

#endif
