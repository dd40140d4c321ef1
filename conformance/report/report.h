/* cn_report: renders a conformance run (a directory of TSV files written by
 * conformance/run.sh) as a terminal table, JUnit, HTML, Markdown and GitHub
 * annotations. One home per fact: the runner decides verdicts; this only draws. */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

/* One tab-separated file: rows of fields. */
struct tsv {
    int n;
    char ***rows;
    int *nf;
};

/* Columns of results.tsv (the first six are the stable format). */
enum {
    R_ID,
    R_TAG,
    R_KIND,
    R_VERDICT,
    R_TITLE,
    R_DETAIL,
    R_CASE,
    R_SECONDS,
    R_STATE,
    R_PROTECTS,
    R_COLUMNS
};

struct run {
    struct tsv results; /* R_* columns */
    struct tsv meta;    /* key, value (command: key, case label, line) */
    struct tsv metrics; /* name, value */
    struct tsv events;  /* case label, t_us, dur_us, tid, op, kind, text */
    struct tsv crashes; /* case label, code, what, during, frame */
};

int tsv_load(struct tsv *t, const char *path);
const char *field(const struct tsv *t, int row, int col);
/* The first row whose first field is key, or -1. */
int tsv_row(const struct tsv *t, const char *key);

int run_load(struct run *r, const char *dir);
const char *meta(const struct run *r, const char *key);
const char *metric(const struct run *r, const char *name);
const char *command_of(const struct run *r, const char *label);
int count_verdict(const struct run *r, const char *verdict);
const char *run_verdict(const struct run *r);
int is_failure(const struct run *r, int row);

/* Failures in display order: those with the same crash state together.
 * Returns the count; order[] gets result rows, group[] the group number. */
int failures(const struct run *r, int *order, int *group);
/* The notifier frame of a crash state ("code: frame"), or "-". */
const char *state_frame(const char *state, char *buf, size_t size);
void rerun_command(const struct run *r, int row, char *buf, size_t size);

void put_html(FILE *f, const char *s);
void put_wrapped(FILE *f, const char *s, int indent, int start, int columns);
/* " at file.c:42" for a notifier frame "their.dll+0xRVA ..." when the DLL (from
 * $CONNOTIFY_NOTIFIER) carries DWARF line info, else "". */
void source_line(const char *frame, char *out, size_t cap);
char *pe_file_version(const char *path, char *buf, size_t size);

void render_term(const struct run *r, int color, int columns);
void render_junit(const struct run *r);
void render_html(const struct run *r, const char *css_path);
void render_svg_latency(const struct run *r);
void render_svg_timeline(const struct run *r);
void render_annotations(const struct run *r);
void render_markdown(const struct run *r);

#endif
