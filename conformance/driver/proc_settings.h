/* Process-wide settings read where they live: the flag that makes the
 * process ignore Ctrl+C (SetConsoleCtrlHandler(NULL, TRUE) sets it in the
 * process parameters; no API reads it back), the default file mode, the umask and the
 * time zone of a C runtime the host shares with the notifier (msvcrt.dll,
 * ucrtbase.dll), and the process's command line. */
#ifndef PROC_SETTINGS_H
#define PROC_SETTINGS_H

#include <windows.h>

/* 1 if the process ignores Ctrl+C, 0 if not. */
int ctrl_c_ignored(void);

enum { SHARED_CRTS = 2 };
/* The name of shared CRT i, and its _fmode, or -1 if it is not loaded. */
const char *shared_crt_name(int i);
int shared_crt_fmode(int i);
/* Its file-permission mask (_umask, read by setting it and putting it back), or -1 if it is
 * not loaded. */
int shared_crt_umask(int i);
/* Its time zone as _tzset left it: _timezone (seconds west of UTC) in *zone and _daylight in
 * *daylight; 0 if it is not loaded or keeps them elsewhere. */
int shared_crt_zone(int i, long *zone, int *daylight);
/* Gives the shared msvcrt.dll the zone `tz` (a TZ value) through its _putenv and _tzset, as a
 * host that runs in that zone has it; 0 if msvcrt.dll is not loaded. */
int shared_crt_set_zone(const char *tz);
/* A digest of the command line the process reports (GetCommandLineW, GetCommandLineA). */
unsigned command_line_digest(void);

#endif
