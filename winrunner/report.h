/* The runner's reports: JUnit (one testcase per program, time on each) and
 * a Markdown table for the job summary. */
#ifndef WINRUNNER_REPORT_H
#define WINRUNNER_REPORT_H

#include <stdio.h>

enum verdict {
    VERDICT_PASS,
    VERDICT_SKIP,    /* exit 77, CTest's SKIP_RETURN_CODE of the suite */
    VERDICT_FAIL,    /* any other exit code */
    VERDICT_CRASH,   /* an unhandled exception ended the program */
    VERDICT_TIMEOUT, /* killed at the time limit */
    VERDICT_ERROR    /* the runner could not start it */
};

struct result {
    char *name;
    enum verdict verdict;
    double secs;
    char *message; /* why it failed, was skipped or did not start; "" on pass */
    char *detail;  /* the program's summary line, for the table; may be "" */
    char *log;     /* its output, relative to the results directory */
};

const char *report_verdict_name(enum verdict v);

/* Writes JUnit to OUT: testsuite NAME, testcases of class CLASSNAME. */
void report_junit(FILE *out, const char *name, const char *classname, const struct result *results,
                  size_t count);

/* Writes the Markdown table of the results under a TITLE heading. */
void report_markdown(FILE *out, const char *title, const struct result *results, size_t count);

#endif /* WINRUNNER_REPORT_H */
