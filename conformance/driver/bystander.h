/* A bystander: a process of the session that the notifier did not start (the
 * driver started again, waiting for its parent to end). Its id is what a
 * notifier finds when it reads a process id it stored (a helper's, in the
 * registry or a file) after that process ended: ids are reused, and ending
 * the process the id names now ends another program's. faults.resources [design] */
#ifndef BYSTANDER_H
#define BYSTANDER_H

#include <windows.h>

/* Starts the bystander; 0 (GetLastError tells) when it cannot start. */
int bystander_start(void);
/* Its process id; 0 when none runs. */
DWORD bystander_pid(void);
/* 1 while it runs; 0 once it has ended (its exit code in *code). */
int bystander_running(DWORD *code);
/* Ends it and closes its handles. */
void bystander_end(void);
/* The bystander itself (main: --bystander PARENT_PID): waits for its parent to end. */
int bystander_child(const WCHAR *parent_pid);

#endif
