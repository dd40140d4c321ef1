/* The runner's plan (plan.txt of a bundle, written by plan.cmake from the
 * CTest list): UTF-8 lines "KEYWORD VALUE", '#' comments.
 *   reg PATH             a .reg file to register (before the first test)
 *   notifier PATH        a vendor's notifier DLL, registered in Notifyees as
 *                        connotify_vendor beside the suite's (before the first test)
 *   env NAME=VALUE       before the first test: for every program and the
 *                        runner itself; after a test line: that program's
 *   test NAME            starts a program's block; then:
 *   exe PATH             the program (required)
 *   arg VALUE            one argument (repeatable, in order)
 *   dir PATH             working directory, created when missing
 *   timeout SECONDS      CTest's TIMEOUT (default 1500, CTest's own)
 *   labels A;B           CTest's LABELS
 * Values may name %CONNOTIFY_BUNDLE% (the bundle directory) or any other
 * variable of the runner's environment; the runner expands them. */
#ifndef WINRUNNER_PLAN_H
#define WINRUNNER_PLAN_H

#include "util.h"

struct plan_test {
    char *name;
    char *exe;
    char **args;
    size_t nargs;
    char **env;
    size_t nenv;
    char *dir;
    unsigned timeout;
    char *labels;
};

struct plan {
    char **regs;
    size_t nregs;
    char *notifier;
    char **env;
    size_t nenv;
    struct plan_test *tests;
    size_t ntests;
};

/* Returns 0, or -1 with "FILE:LINE: what" in err. */
int plan_load(const WCHAR *file, struct plan *plan, struct wr_error *err);

/* Whether LABELS (A;B) holds one of the comma-separated names in WANT. */
int plan_has_label(const char *labels, const char *want);

#endif /* WINRUNNER_PLAN_H */
