/* Records written whole (files.whole) [design]: a notifier is called on any thread of the
 * process at once, so a record written in pieces (a head, then the names, then the line end,
 * each its own WriteFile) with no lock around them is torn: the pieces of two records
 * interleave, and whoever reads the log line by line takes one operation's drive for
 * another's share, or loses both.
 *
 * Read from the files records_kept.c reads back. The form of a record's line is learnt from
 * the cycles made on one thread (where nothing can tear), on every drive the threads use: the
 * line that holds a cycle's name, with the name, the drive letter and every run of letters and
 * digits holding a digit made alike. Judged only when those lines take few forms; then a line
 * of a cycle made on threads at once whose form none of them had is torn. */
#ifndef RECORDS_WHOLE_H
#define RECORDS_WHOLE_H

#include "records_numbers.h"

#include <stddef.h>

enum { WHOLE_FORMS = 8, WHOLE_FORM_BYTES = 160 };

/* A cycle's part: its lines teach forms, are judged, or neither. */
enum { WHOLE_SKIP, WHOLE_LEARN, WHOLE_CHECK };

struct records_whole {
    const char *marker; /* the names' marker, followed by `digits` digits */
    size_t marker_len;
    size_t digits;
    unsigned cycles;            /* the names' numbers are below it */
    const unsigned char *roles; /* WHOLE_* of each cycle */
    unsigned threads;           /* for the verdicts: threads at once */
    unsigned on_threads;        /* and the cycles made on them, in each process */
    unsigned peer_from;         /* cycles from it are a second process's */
    unsigned peer_started;      /* our cycles from it were made after it started */
    int peer;                   /* that process made its cycles with ours */
    unsigned alone_lines;       /* lines of cycles made alone */
    unsigned alone_forms_missed;
    unsigned n_forms;
    char forms[WHOLE_FORMS][WHOLE_FORM_BYTES];
    unsigned thread_lines;
    unsigned torn;
    unsigned partial; /* lines a record written over by another leaves (Wine's appends) */
    char first_torn[WHOLE_FORM_BYTES]; /* printable */
    struct records_numbers numbers;    /* fed with the lines of whole records */
};

/* The number of the cycle whose name starts at p (marker_len + digits units of `stride`
 * bytes), or -1. */
int records_name_at(const struct records_whole *w, const unsigned char *p, size_t stride);

/* Forgets what earlier scans found (a file is read again on each poll). */
void records_whole_reset(struct records_whole *w);

/* Learns the forms of the lines of cycles made alone in b (len bytes, UTF-8/ANSI or
 * UTF-16LE); from_start: b is the file from its first byte. */
void records_whole_learn(struct records_whole *w, const unsigned char *b, size_t len,
                         int from_start);

/* Counts the lines of cycles made on threads at once in b whose form was not learnt. */
void records_whole_check(struct records_whole *w, const unsigned char *b, size_t len,
                         int from_start);

/* Prints files.whole. */
void records_whole_judge(const struct records_whole *w);

#endif
