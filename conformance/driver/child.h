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
/* In a child started with a command: the driver's arguments as argv (argv[0]
 * the program), taken out of the environment; 0 if there are none. */
int child_driver_args(int *argc, WCHAR ***argv);

#endif
