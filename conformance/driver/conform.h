/* cn_conform: runs ONE conformance case against a notifier DLL and prints
 * machine-readable lines on stdout (protocol: docs/conformance.md). This
 * header holds the options and the notifier under test. */
#ifndef CONFORM_H
#define CONFORM_H

#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <stdint.h>

typedef DWORD (WINAPI *add_fn)(LPNOTIFYINFO, LPNOTIFYADD);
typedef DWORD (WINAPI *cancel_fn)(LPNOTIFYINFO, LPNOTIFYCANCEL);

#define EXIT_USAGE 2
#define EXIT_CRASH 86   /* a CRASH or EXIT line was printed */
#define EXIT_HANG 87    /* a HANG line was printed */
#define EXIT_OUT_OF_TIME 88    /* an OUTOFTIME line was printed (budget.c) */

/* Leak cycles when --cycles is not given; the leak case's other phases are sized for it. */
enum { CONFORM_DEFAULT_CYCLES = 10000 };

struct conform {
    const WCHAR *dll;       /* full Windows path */
    HMODULE mod;
    add_fn add;
    cancel_fn cancel;
    unsigned budget_ms;     /* latency budget per call */
    unsigned load_budget_ms;
    unsigned cycles;        /* leak cycles */
    unsigned threads;
    unsigned ops;           /* concurrency cycles per thread */
    unsigned stack_budget;  /* bytes of stack per call */
    unsigned hang_ms;       /* a call longer than this is a hang */
    unsigned case_seconds;  /* the runner's limit for this process (budget.c), 0 none */
    const WCHAR *provider;  /* provider DLL for the mpr case, or NULL */
    const WCHAR *configured_file; /* a file the runner told the notifier to write, or NULL */
    const WCHAR *settings_file;   /* the notifier's settings (--reg), for their names, or NULL */
    int expect_dispatch;    /* mpr case: patched MPR (gate) or stock (todo) */
    const char *casename;   /* the case this process runs */
    int judge_blocking;     /* a blocking notifier: this case's checks are not judged */
};
extern struct conform cf;

#endif
