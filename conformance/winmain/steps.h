/* The programs a run starts, each in its own process (winrunner/proc.c: a
 * job object and a time limit): cn_conform.exe per case and cn_report.exe
 * for every verdict rule, both beside connotify-conform.exe; and the files
 * of the work directory that cn_report reads (docs/conformance.md). */
#ifndef WINMAIN_STEPS_H
#define WINMAIN_STEPS_H

#include <stdio.h>
#include <windows.h>

struct steps {
    WCHAR home[MAX_PATH];      /* the directory of connotify-conform.exe */
    WCHAR work[MAX_PATH];      /* the run's files */
    WCHAR driver[MAX_PATH];    /* cn_conform.exe */
    WCHAR report[MAX_PATH];    /* cn_report.exe */
    char work_a[MAX_PATH * 2]; /* work, for cn_report's arguments */
};

/* STATUS_* of an ended program, as run.sh's `timeout` shows them. */
enum { STEP_TIMEOUT = 124, STEP_NOSTART = -1 };

/* Fills the paths; creates the work directory. 0 or -1. */
int steps_init(struct steps *s);

/* HOME\NAME into buf (MAX_PATH). */
void steps_home_file(const struct steps *s, const WCHAR *name, WCHAR *buf);
/* WORK\NAME into buf (MAX_PATH). */
void steps_work_file(const struct steps *s, const char *name, WCHAR *buf);
FILE *steps_open(const struct steps *s, const char *name, const char *mode);

/* cn_report.exe ARGS... with stdout to WORK\OUT (replaced) and stderr to
 * WORK\report.err; its exit status, STEP_NOSTART when it did not start. */
int steps_report(const struct steps *s, const char *out, const char *const *args, int nargs);

/* cn_conform.exe ARGS... with stdout to WORK\LABEL.raw, stderr to
 * WORK\LABEL.err, WORK\LABEL.out the stdout without CRs; its exit status
 * (STEP_TIMEOUT after LIMIT seconds). Logs the command line in commands.tsv. */
int steps_driver(const struct steps *s, const char *label, const WCHAR *const *args, int nargs,
                 unsigned limit_s);

/* Why the last program that did not start did not ("start: error 2, 3 tries"). Each program
 * is started up to 3 times before its run says STEP_NOSTART. */
const char *steps_nostart(void);

/* Appends WORK\NAME to stream f (for the table cn_report prints). */
void steps_cat(const struct steps *s, const char *name, FILE *f);

/* Copies every file of the work directory to DIR (created), then deletes
 * the work directory (DIR NULL: only deletes). Once: later calls do nothing. */
void steps_finish(const struct steps *s, const WCHAR *dir);

#endif
