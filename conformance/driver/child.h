/* Children of the driver: cases that need a process of their own (its exit,
 * its identity, a baseline without the notifier) start this program again.
 * A child whose command line must look like a caller's (`net use ...`)
 * gets the driver's arguments in the environment instead. */
#ifndef CHILD_H
#define CHILD_H

#include <windows.h>

/* Starts image (NULL: this program) with the command line command (NULL:
 * the quoted image and args), standard output and error out (NULL: the
 * driver's protocol output), the Unicode environment block env and current
 * directory cwd (NULL: this process's), inheriting handles. With a command,
 * args go in the environment (child_driver_args reads them). 0 on failure
 * (GetLastError tells). The parent's --hang-ms and --configured-file come
 * first. */
int child_start(const WCHAR *image, const WCHAR *command, const WCHAR *own_args, HANDLE out,
                const WCHAR *env, const WCHAR *cwd, PROCESS_INFORMATION *pi);
/* The next child_start puts the child in `job` before it runs (NULL: none):
 * a job that allows no breakaway, as a scheduled task, service or build
 * agent runs its processes in. */
void child_next_in_job(HANDLE job);
/* The next child_start gives the child a console of its own, as a console
 * program started from cmd has (its standard handles stay as given). */
void child_next_with_console(void);
/* The next child_start runs the child with primary token `token` (CreateProcessAsUserW; a
 * restricted copy of this process's own needs no privilege), NULL: this process's. */
void child_next_as(HANDLE token);
/* Waits up to limit_ms for a child, ending it when it is still running, and
 * closes its handles; *code gets its exit status. 1 if it ended by itself. */
/* child_wait that answers this process's window messages while it waits
 * (a window of this process the child sends to). */
int child_wait_pumping(PROCESS_INFORMATION *pi, DWORD limit_ms, DWORD *code);
int child_wait(PROCESS_INFORMATION *pi, DWORD limit_ms, DWORD *code);
/* A child whose output is the case's and whose status is not 0 printed its
 * own verdict (a CRASH, EXIT or HANG line, or a RESULT): this process ends
 * with that status, so the runner judges it as the child's. Returns if 0. */
void child_end_as(DWORD code);
/* child_wait, then child_end_as: 1 when the child ended by itself with status 0; 0 when it did
 * not end within limit_ms. */
int child_done(PROCESS_INFORMATION *pi, DWORD limit_ms);
/* In a child started with a command: the driver's arguments as argv (argv[0]
 * the program), taken out of the environment; 0 if there are none. */
int child_driver_args(int *argc, WCHAR ***argv);

#endif
