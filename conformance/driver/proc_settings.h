/* Process-wide settings read where they live: the flag that makes the
 * process ignore Ctrl+C (SetConsoleCtrlHandler(NULL, TRUE) sets it in the
 * process parameters; no API reads it back) and the default file mode of a
 * C runtime the host shares with the notifier (msvcrt.dll, ucrtbase.dll). */
#ifndef PROC_SETTINGS_H
#define PROC_SETTINGS_H

#include <windows.h>

/* 1 if the process ignores Ctrl+C, 0 if not. */
int ctrl_c_ignored(void);

enum { SHARED_CRTS = 2 };
/* The name of shared CRT i, and its _fmode, or -1 if it is not loaded. */
const char *shared_crt_name(int i);
int shared_crt_fmode(int i);

#endif
