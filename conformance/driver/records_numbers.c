/* Record numbers taken once (records_numbers.h). */
#include "records_numbers.h"

#include "out.h"
#include "record_units.h"

#include <stdlib.h>
#include <string.h>

enum { PAIRS_MIN = 50, DIGITS_MAX = 19 };

/* The values of the line's runs of letters and digits that are all digits (at most
 * NUMBERS_FIELDS); the count. */
static unsigned fields_of(const unsigned char *b, size_t start, size_t end, size_t stride,
                          unsigned long long *out)
{
    unsigned n = 0;
    size_t i = start;
    while (i < end && n < NUMBERS_FIELDS) {
        if (!record_unit_alnum(record_unit(b + i, stride))) {
            i += stride;
            continue;
        }
        unsigned long long v = 0;
        unsigned digits = 0;
        int all_digits = 1;
        for (; i < end && record_unit_alnum(record_unit(b + i, stride)); i += stride) {
            unsigned c = record_unit(b + i, stride);
            all_digits &= record_unit_digit(c);
            if (record_unit_digit(c) && digits < DIGITS_MAX)
                v = v * 10 + (c - '0');
            digits++;
        }
        if (all_digits && digits <= DIGITS_MAX)
            out[n++] = v;
    }
    return n;
}

void numbers_reset(struct records_numbers *n)
{
    memset(n, 0, sizeof *n);
    n->field = -1;
    for (unsigned k = 0; k < NUMBERS_FIELDS; k++)
        n->peer_min[k] = ~0ull;
}

void numbers_learn(struct records_numbers *n, const unsigned char *b, size_t start, size_t end,
                   size_t stride, enum numbers_origin origin)
{
    unsigned long long v[NUMBERS_FIELDS];
    unsigned count = fields_of(b, start, end, stride, v);
    for (unsigned k = 0; k < count; k++) {
        if (origin == NUMBERS_PEER && v[k] < n->peer_min[k])
            n->peer_min[k] = v[k];
        if (origin == NUMBERS_FIRST && v[k] > n->first_max[k])
            n->first_max[k] = v[k];
    }
    if (origin == NUMBERS_PEER)
        return;
    if (n->last_fields && count == n->last_fields) {
        n->pairs++;
        for (unsigned k = 0; k < count; k++)
            n->grew[k] += v[k] == n->last[k] + 1 || v[k] == n->last[k] + 2;
    }
    memcpy(n->last, v, sizeof v[0] * count);
    n->last_fields = count;
}

void numbers_settle(struct records_numbers *n)
{
    n->field = -1;
    if (n->pairs < PAIRS_MIN)
        return;
    for (unsigned k = 0; k < NUMBERS_FIELDS && n->field < 0; k++) {
        if (n->grew[k] * 10 >= n->pairs * 9)
            n->field = (int)k;
    }
    n->shared = n->field >= 0 && n->peer_min[n->field] != ~0ull &&
                n->peer_min[n->field] > n->first_max[n->field];
}

void numbers_check(struct records_numbers *n, const unsigned char *b, size_t start, size_t end,
                   size_t stride, unsigned peer)
{
    unsigned long long v[NUMBERS_FIELDS];
    unsigned count = fields_of(b, start, end, stride, v);
    if (n->field < 0 || (unsigned)n->field >= count || n->n_values == NUMBERS_VALUES)
        return;
    n->values[n->n_values].value = v[n->field];
    n->values[n->n_values].peer = n->shared ? 0 : peer;
    n->n_values++;
    n->checked++;
}

static int cmp_numbered(const void *a, const void *b)
{
    const struct numbered *x = a;
    const struct numbered *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return (x->peer > y->peer) - (x->peer < y->peer);
}

void numbers_file_done(struct records_numbers *n)
{
    qsort(n->values, n->n_values, sizeof n->values[0], cmp_numbered);
    for (unsigned i = 1; i < n->n_values; i++) {
        if (cmp_numbered(&n->values[i], &n->values[i - 1]))
            continue;
        if (!n->repeated)
            n->first_repeated = n->values[i].value;
        n->repeated++;
    }
    n->n_values = 0;
}

/* Where the lines were made, for the verdicts. */
static const char *made_where(const struct records_numbers *n, int peer)
{
    if (!peer)
        return "";
    return n->shared ? " in each of two processes (the second's numbers following the "
                       "first's: the user's numbers)"
                     : " in each of two processes (each numbering its own)";
}

void numbers_judge(const struct records_numbers *n, unsigned threads, int peer)
{
    if (n->field < 0) {
        result("files.numbers", "pass",
               "no field of the record lines grows by 1 or 2 from one record to the next (%u "
               "pairs of lines of cycles made on one thread): no record numbers, not judged",
               n->pairs);
        return;
    }
    if (!n->repeated) {
        result("files.numbers", "pass",
               "field %d of the record lines numbers them (it grew by 1 or 2 in %u of %u pairs "
               "of lines of cycles made on one thread): the %u lines of cycles made on %u "
               "threads at once%s each have a number of their own",
               n->field + 1, n->grew[n->field], n->pairs, n->checked, threads, made_where(n, peer));
        return;
    }
    result_bad("files.numbers",
               "%u of the %u lines of cycles made on %u threads at once%s repeat a record "
               "number another line of the file has (the first: %llu; field %d of the line, "
               "which grew by 1 or 2 in %u of %u pairs of lines of cycles made on one thread): "
               "a number read, then written back one more, with no lock around the two (or a "
               "lock of one process only), is taken twice, and a reader that drops a number it "
               "has seen loses the record",
               n->repeated, n->checked, threads, made_where(n, peer), n->first_repeated,
               n->field + 1, n->grew[n->field], n->pairs);
}
