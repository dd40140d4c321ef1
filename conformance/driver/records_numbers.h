/* Record numbers taken once (files.numbers) [design]: a notifier that numbers its records
 * (a forwarder finds lost records by the gaps and drops a number it has seen as a re-send)
 * must give each its own, though calls come on threads at once. A number read, then written
 * back one more, with no lock around the two, is taken twice.
 *
 * Fed by records_whole.c with the lines of whole records. A field is a record number when, in
 * the lines of the cycles made on one thread, in file order, it grows by 1 or 2 (an add's
 * record, perhaps a cancel's between) from one line to the next in 9 of 10; then the lines of
 * the cycles made on threads at once, in one file, must not share a value of it. Lines of two
 * processes may share one where each numbers its own from 1 (a number per process); where the
 * second process's first numbers come after the first's, the numbers are the user's, and
 * must not. */
#ifndef RECORDS_NUMBERS_H
#define RECORDS_NUMBERS_H

#include <stddef.h>

enum { NUMBERS_FIELDS = 8, NUMBERS_VALUES = 2048 };

/* Where a line learnt was made. */
enum numbers_origin {
    NUMBERS_FIRST,      /* the first process, before the second started */
    NUMBERS_FIRST_LATE, /* the first process, after */
    NUMBERS_PEER,       /* the second process */
};

struct numbered {
    unsigned long long value;
    unsigned peer; /* 1: the second process's line */
};

struct records_numbers {
    /* learning: consecutive lines of cycles made on one thread */
    unsigned pairs;
    unsigned grew[NUMBERS_FIELDS];
    unsigned long long last[NUMBERS_FIELDS];
    unsigned last_fields;
    unsigned long long first_max[NUMBERS_FIELDS]; /* the first process's largest */
    unsigned long long peer_min[NUMBERS_FIELDS];  /* the second's smallest */
    int shared; /* the second process's numbers follow the first's */
    int field;  /* the record number's field, -1: none (numbers_settle) */
    /* checking: one file's values of that field */
    struct numbered values[NUMBERS_VALUES];
    unsigned n_values;
    unsigned checked;  /* lines of cycles made on threads at once */
    unsigned repeated; /* of them, with a number another has */
    unsigned long long first_repeated;
};

void numbers_reset(struct records_numbers *n);

/* A line of a cycle made on one thread: [start, end) of b, in units of stride bytes. */
void numbers_learn(struct records_numbers *n, const unsigned char *b, size_t start, size_t end,
                   size_t stride, enum numbers_origin origin);

/* Picks the record number's field from what was learnt. */
void numbers_settle(struct records_numbers *n);

/* A line of a cycle made on threads at once, of the file being read. */
void numbers_check(struct records_numbers *n, const unsigned char *b, size_t start, size_t end,
                   size_t stride, unsigned peer);

/* The file being read is done: its repeated values are counted. */
void numbers_file_done(struct records_numbers *n);

/* Prints files.numbers; threads: threads at once; peer: in a second process too. */
void numbers_judge(const struct records_numbers *n, unsigned threads, int peer);

#endif
