/* One program in its own process, inside its own job object: output to a
 * log file, a time limit, and the whole process tree killed when the time
 * is up or when the program leaves children behind. */
#ifndef WINRUNNER_PROC_H
#define WINRUNNER_PROC_H

#include "util.h"

enum proc_end {
    PROC_EXITED,  /* code holds the exit code */
    PROC_TIMEOUT, /* killed at the time limit */
    PROC_NOSTART  /* error holds the Win32 error, stage what failed */
};

struct proc_result {
    enum proc_end end;
    DWORD code;
    DWORD error;
    const char *stage;
    double secs;
    DWORD processes; /* processes the job held, the program included */
    DWORD killed;    /* processes still running when the job was ended */
};

/* A command line that CommandLineToArgvW and the C runtime split back into
 * EXE and ARGS. Allocated. */
WCHAR *proc_cmdline(const WCHAR *exe, WCHAR *const *args, size_t nargs);

/* Runs EXE with CMDLINE in DIR (which must exist), stdout and stderr to
 * the file LOG (replaced), stdin from NUL, the runner's environment. */
void proc_run(const WCHAR *exe, const WCHAR *cmdline, const WCHAR *dir, const WCHAR *log,
              DWORD timeout_ms, struct proc_result *r);

/* The same with stderr to its own file ERR_LOG (replaced); NULL: to LOG.
 * conformance/winmain runs its driver so: the report reads the two apart. */
void proc_run_split(const WCHAR *exe, const WCHAR *cmdline, const WCHAR *dir, const WCHAR *log,
                    const WCHAR *err_log, DWORD timeout_ms, struct proc_result *r);

#endif /* WINRUNNER_PROC_H */
