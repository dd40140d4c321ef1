/* Records written whole (records_whole.h). */
#include "records_whole.h"

#include "out.h"
#include "record_units.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

int records_name_at(const struct records_whole *w, const unsigned char *p, size_t stride)
{
    for (size_t j = 0; j < w->marker_len; j++) {
        if (record_unit_lower(record_unit(p + j * stride, stride)) !=
            record_unit_lower((unsigned char)w->marker[j]))
            return -1;
    }
    unsigned n = 0;
    for (size_t j = 0; j < w->digits; j++) {
        unsigned c = record_unit(p + (w->marker_len + j) * stride, stride);
        if (!record_unit_digit(c))
            return -1;
        n = n * 10 + (c - '0');
    }
    return n < w->cycles ? (int)n : -1;
}

void records_whole_reset(struct records_whole *w)
{
    w->alone_lines = 0;
    w->alone_forms_missed = 0;
    w->n_forms = 0;
    w->thread_lines = 0;
    w->torn = 0;
    w->partial = 0;
    w->first_torn[0] = '\0';
    numbers_reset(&w->numbers);
}

/* A line of b: [start, end) in bytes, around the unit at `at`. */
struct line {
    size_t start;
    size_t end;
};

static struct line line_around(const unsigned char *b, size_t len, size_t at, size_t stride)
{
    struct line l = {at, at};
    while (l.start >= stride && record_unit(b + l.start - stride, stride) != '\n')
        l.start -= stride;
    while (l.end + stride <= len && record_unit(b + l.end, stride) != '\n')
        l.end += stride;
    return l;
}

static void form_put(char *form, size_t *n, char c)
{
    if (*n + 1 < WHOLE_FORM_BYTES)
        form[(*n)++] = c;
    form[*n] = '\0';
}

/* A cycle's name starts at `at` and ends before `end`. */
static int name_at(const struct records_whole *w, const unsigned char *b, size_t at, size_t end,
                   size_t stride)
{
    size_t name_bytes = (w->marker_len + w->digits) * stride;
    return at + name_bytes <= end && records_name_at(w, b + at, stride) >= 0;
}

/* The run of letters and digits at `at` holds a digit and is not a cycle's name. */
static int number_at(const struct records_whole *w, const unsigned char *b, size_t at, size_t end,
                     size_t stride)
{
    if (name_at(w, b, at, end, stride))
        return 0;
    for (; at < end && record_unit_alnum(record_unit(b + at, stride)); at += stride) {
        if (record_unit_digit(record_unit(b + at, stride)))
            return 1;
    }
    return 0;
}

/* The line's form: a name '#', a drive letter before ':' '@', a run of letters and digits
 * holding a digit 'D', another unit outside ASCII '~', CR dropped. Spaces before or after a
 * number are dropped: a number padded to a width ("%5lu") keeps its form when its digits
 * change (measured: thread ids of 3, 4 and 5 digits in a correct notifier's lines). */
static void form_of(const struct records_whole *w, const unsigned char *b, struct line l,
                    size_t stride, char *form)
{
    size_t n = 0;
    size_t name_bytes = (w->marker_len + w->digits) * stride;
    size_t number_end = SIZE_MAX; /* where the last number ended */
    form[0] = '\0';
    for (size_t i = l.start; i < l.end;) {
        unsigned c = record_unit(b + i, stride);
        int after_alnum = i > l.start && record_unit_alnum(record_unit(b + i - stride, stride));
        if (name_at(w, b, i, l.end, stride)) {
            form_put(form, &n, '#');
            i += name_bytes;
            continue;
        }
        if (!after_alnum && i + 2 * stride <= l.end && record_unit_alnum(c) &&
            !record_unit_digit(c) && record_unit(b + i + stride, stride) == ':') {
            form_put(form, &n, '@');
            form_put(form, &n, ':');
            i += 2 * stride;
            continue;
        }
        if (record_unit_alnum(c)) {
            size_t j = i;
            int digit = 0;
            while (j < l.end && record_unit_alnum(record_unit(b + j, stride))) {
                digit |= record_unit_digit(record_unit(b + j, stride));
                j += stride;
            }
            for (size_t k = i; k < j && !digit; k += stride)
                form_put(form, &n, (char)record_unit(b + k, stride));
            if (digit) {
                form_put(form, &n, 'D');
                number_end = j;
            }
            i = j;
            continue;
        }
        if (c == ' ') {
            size_t j = i;
            while (j < l.end && record_unit(b + j, stride) == ' ')
                j += stride;
            if (i == number_end || number_at(w, b, j, l.end, stride)) {
                i = j;
                continue;
            }
        }
        if (c != '\r')
            form_put(form, &n, c < 0x80 ? (char)c : '~');
        i += stride;
    }
}

static int form_known(const struct records_whole *w, const char *form)
{
    for (unsigned f = 0; f < w->n_forms; f++) {
        if (!strcmp(w->forms[f], form))
            return 1;
    }
    return 0;
}

/* The form is the end of a known one, or ends with a whole one: what a record written over by
 * another at an offset inside it leaves, as Wine's appends from several handles at once do
 * (measured: records of one write each left "\\server\\<name>" alone, and the start of a
 * cancel's record before an add's, "removadd T: \\server\\<name>"). A record's pieces
 * interleaved leave lines of these kinds too, and others. */
static int form_written_over(const struct records_whole *w, const char *form)
{
    size_t len = strlen(form);
    for (unsigned f = 0; f < w->n_forms; f++) {
        size_t known = strlen(w->forms[f]);
        if (len < known && !strcmp(w->forms[f] + known - len, form))
            return 1;
        if (len > known && !strcmp(form + len - known, w->forms[f]))
            return 1;
    }
    return 0;
}

/* The line, printable, for a verdict. */
static void line_text(const unsigned char *b, struct line l, size_t stride, char *out)
{
    size_t n = 0;
    for (size_t i = l.start; i < l.end && n + 1 < WHOLE_FORM_BYTES; i += stride) {
        unsigned c = record_unit(b + i, stride);
        if (c != '\r')
            out[n++] = c >= 0x20 && c < 0x7f && c != '"' ? (char)c : '.';
    }
    out[n] = '\0';
}

typedef void (*line_fn)(struct records_whole *w, const unsigned char *b, struct line l,
                        size_t stride, int cycle);

/* Calls fn once per line that holds a cycle's name (the first name of the line), skipping a
 * first line cut by the read. */
static void each_named_line(struct records_whole *w, const unsigned char *b, size_t len,
                            int from_start, line_fn fn)
{
    size_t name_units = w->marker_len + w->digits;
    for (size_t stride = 1; stride <= 2; stride++) {
        size_t done_to = 0;
        for (size_t at = 0; at + name_units * stride <= len; at += 1) {
            if (at < done_to)
                continue;
            int cycle = records_name_at(w, b + at, stride);
            if (cycle < 0)
                continue;
            struct line l = line_around(b, len, at, stride);
            done_to = l.end + stride;
            if (l.start == 0 && !from_start)
                continue;
            fn(w, b, l, stride, cycle);
        }
    }
}

static void learn_line(struct records_whole *w, const unsigned char *b, struct line l,
                       size_t stride, int cycle)
{
    if (w->roles[cycle] != WHOLE_LEARN)
        return;
    char form[WHOLE_FORM_BYTES];
    form_of(w, b, l, stride, form);
    w->alone_lines++;
    enum numbers_origin origin = (unsigned)cycle >= w->peer_from      ? NUMBERS_PEER
                                 : (unsigned)cycle >= w->peer_started ? NUMBERS_FIRST_LATE
                                                                      : NUMBERS_FIRST;
    numbers_learn(&w->numbers, b, l.start, l.end, stride, origin);
    if (form_known(w, form))
        return;
    if (w->n_forms == WHOLE_FORMS) {
        w->alone_forms_missed++;
        return;
    }
    memcpy(w->forms[w->n_forms++], form, sizeof form);
}

static void check_line(struct records_whole *w, const unsigned char *b, struct line l,
                       size_t stride, int cycle)
{
    if (w->roles[cycle] != WHOLE_CHECK)
        return;
    char form[WHOLE_FORM_BYTES];
    form_of(w, b, l, stride, form);
    w->thread_lines++;
    if (form_known(w, form)) {
        numbers_check(&w->numbers, b, l.start, l.end, stride, (unsigned)cycle >= w->peer_from);
        return;
    }
    if (form_written_over(w, form)) {
        w->partial++;
        return;
    }
    if (!w->torn++)
        line_text(b, l, stride, w->first_torn);
}

void records_whole_learn(struct records_whole *w, const unsigned char *b, size_t len,
                         int from_start)
{
    each_named_line(w, b, len, from_start, learn_line);
}

void records_whole_check(struct records_whole *w, const unsigned char *b, size_t len,
                         int from_start)
{
    each_named_line(w, b, len, from_start, check_line);
    numbers_file_done(&w->numbers);
}

enum { ALONE_LINES_MIN = 50 };

void records_whole_judge(const struct records_whole *w)
{
    const char *peer = w->peer ? ", in each of two processes at once," : "";
    if (!w->thread_lines) {
        result("files.whole", "pass",
               "no file it wrote holds a line with the name of the %u cycles made on %u threads "
               "at once%s: nothing to judge",
               w->on_threads, w->threads, peer);
        return;
    }
    if (w->alone_lines < ALONE_LINES_MIN || w->alone_forms_missed) {
        result("files.whole", "pass",
               "the lines of the cycles made on one thread are %u, of %s%u forms: no record form "
               "to compare with, not judged",
               w->alone_lines, w->alone_forms_missed ? "over " : "", w->n_forms);
        return;
    }
    char partial[200] = "";
    if (w->partial)
        snprintf(partial, sizeof partial,
                 "; %u that end a record of a known form, or end with one whole, left out (a "
                 "record written over by another, as Wine's appends from several handles at "
                 "once do)",
                 w->partial);
    if (!w->torn) {
        result("files.whole", "pass",
               "%u lines with the names of cycles made on threads at once%s each of a form of "
               "the %u lines of cycles made on one thread (%u form%s)%s",
               w->thread_lines, w->peer ? " in two processes," : ",", w->alone_lines, w->n_forms,
               w->n_forms == 1 ? "" : "s", partial);
        return;
    }
    result_bad("files.whole",
               "%u of %u lines with the names of cycles made on threads at once%s are of no "
               "form of the %u lines of cycles made on one thread: \"%s\" (a record's form: "
               "\"%s\", # a name, @ a drive, D a number)%s: records written in pieces with no "
               "lock around them are torn and merged, and a reader takes one operation's drive "
               "for another's share",
               w->torn, w->thread_lines, w->peer ? " (in two processes)" : "", w->alone_lines,
               w->first_torn, w->forms[0], partial);
}
