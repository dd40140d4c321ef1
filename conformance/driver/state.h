/* What a callback must leave as it found it: process-wide state (current
 * directory, environment, error mode, DLL directory, CRT locale, exception
 * filter) and the calling thread's (FPU control word, MXCSR, COM
 * apartment, thread locale). [design] */
#ifndef STATE_H
#define STATE_H

#include <windows.h>

struct pstate {
    WCHAR cwd[MAX_PATH];
    unsigned env_hash;
    UINT error_mode;
    WCHAR dll_dir[MAX_PATH];
    char crt_locale[160];
    void *filter;
    unsigned short fpu_cw;
    unsigned mxcsr;
    int apartment;      /* APTTYPE, or -1 none */
    LCID thread_locale;
};

void state_take(struct pstate *s);
/* Describes the first process-wide difference into buf; 0 if none. */
int state_process_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap);
int state_thread_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap);

#endif
