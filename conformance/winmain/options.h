/* connotify-conform.exe's options and the checks of its input, with
 * conformance/run.sh's messages and exit codes. */
#ifndef WINMAIN_OPTIONS_H
#define WINMAIN_OPTIONS_H

#include <windows.h>

/* Exit status, as conformance/run.sh's. */
enum {
    CONFORM_PASS = 0,
    CONFORM_FAIL = 1,
    CONFORM_INPUT = 2,
    CONFORM_INCOMPLETE = 3,
    CONFORM_ENVIRONMENT = 4
};

struct options {
    WCHAR notifier[MAX_PATH * 2]; /* full path; empty: the reference beside the program */
    const WCHAR *notifier_arg;    /* as given, for messages */
    const char *arch;             /* this build's: x86_64 or i686 */
    const char *mpr;              /* what this system's mpr.dll is: stock or patched */
    char only[4096];
    const WCHAR *junit;
    const WCHAR *html;
    const WCHAR *results;
    const WCHAR *keep;
    unsigned timeout_s;
    const WCHAR *extra[8]; /* options for the driver, with their values */
    int nextra;
    unsigned budget_ms;
    int help;
};

/* Parses argv; on bad input prints one "conformance: error:" line and
 * exits with CONFORM_INPUT. */
void options_parse(struct options *o, int argc, WCHAR **argv);

/* The notifier must be a readable PE DLL; output directories must exist. */
void options_check_input(const struct options *o);

/* One "conformance: error:" line and exit(status). */
void conform_die(int status, const char *fmt, ...)
#ifdef __MINGW_PRINTF_FORMAT
    __attribute__((format(__MINGW_PRINTF_FORMAT, 2, 3)))
#endif
    ;

#endif
