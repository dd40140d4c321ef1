/* Children of the driver: cases that need a process of their own (its exit,
 * its identity, a baseline without the notifier) start this program again. */
#ifndef CHILD_H
#define CHILD_H

#include <windows.h>

/* Starts image (NULL: this program) with args after the quoted image,
 * standard output and error out (NULL: the driver's protocol output), the
 * Unicode environment block env and current directory cwd (NULL: this
 * process's), inheriting handles. 0 on failure (GetLastError tells). */
int child_start(const WCHAR *image, const WCHAR *args, HANDLE out, const WCHAR *env,
                const WCHAR *cwd, PROCESS_INFORMATION *pi);

#endif
