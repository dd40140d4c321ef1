/* A conformance run: the runner's files, and the facts derived from them. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

int run_load(struct run *r, const char *dir)
{
    static const char *const names[] = {"results", "meta", "metrics", "events", "crashes"};
    struct tsv *tables[] = {&r->results, &r->meta, &r->metrics, &r->events, &r->crashes};
    char path[4096];
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s.tsv", dir, names[i]);
        if (tsv_load(tables[i], path) < 0)
            return -1;
    }
    return 0;
}

static const char *lookup(const struct tsv *t, const char *key)
{
    int row = tsv_row(t, key);
    return row < 0 ? NULL : field(t, row, 1);
}

const char *meta(const struct run *r, const char *key)
{
    const char *v = lookup(&r->meta, key);
    return v ? v : "-";
}

const char *metric(const struct run *r, const char *name)
{
    return lookup(&r->metrics, name);
}

/* The last driver command line run for a case label. */
const char *command_of(const struct run *r, const char *label)
{
    const char *line = NULL;
    for (int i = 0; i < r->meta.n; i++) {
        if (!strcmp(field(&r->meta, i, 0), "command") && !strcmp(field(&r->meta, i, 1), label))
            line = field(&r->meta, i, 2);
    }
    return line;
}

int count_verdict(const struct run *r, const char *verdict)
{
    int n = 0;
    for (int i = 0; i < r->results.n; i++) {
        if (!strcmp(field(&r->results, i, R_VERDICT), verdict))
            n++;
    }
    return n;
}

/* The runner's exit status as a word (see the exit codes in run.sh). */
const char *run_verdict(const struct run *r)
{
    const char *s = meta(r, "status");
    if (!strcmp(s, "0"))
        return "PASS";
    if (!strcmp(s, "1"))
        return "FAIL";
    if (!strcmp(s, "3"))
        return "INCOMPLETE";
    if (!strcmp(s, "-"))
        return count_verdict(r, "fail") ? "FAIL" : "PASS";
    return "ERROR";
}

int is_failure(const struct run *r, int row)
{
    const char *v = field(&r->results, row, R_VERDICT);
    return !strcmp(v, "fail") || !strcmp(v, "incomplete");
}

/* The same crash: the same code and notifier address; the symbol part
 * ("(Export+0xOFF)") is left out, as one walk may find it and another not. */
static int same_crash(const char *a, const char *b)
{
    const char *sep = strstr(a, ": ");
    const char *sym = sep ? strstr(sep, " (") : NULL;
    size_t len = sym ? (size_t)(sym - a) : strlen(a);
    return !strncmp(a, b, len) && (b[len] == '\0' || b[len] == ' ');
}

int failures(const struct run *r, int *order, int *group)
{
    int n = 0;
    int groups = 0;
    char *placed = calloc((size_t)r->results.n + 1, 1);
    if (!placed)
        return 0;
    for (int i = 0; i < r->results.n; i++) {
        if (placed[i] || !is_failure(r, i))
            continue;
        const char *state = field(&r->results, i, R_STATE);
        for (int j = i; j < r->results.n; j++) {
            if (placed[j] || !is_failure(r, j))
                continue;
            if (j != i &&
                (!strcmp(state, "-") || !same_crash(state, field(&r->results, j, R_STATE))))
                continue;
            placed[j] = 1;
            order[n] = j;
            group[n] = groups;
            n++;
        }
        groups++;
    }
    free(placed);
    return n;
}

const char *state_frame(const char *state, char *buf, size_t size)
{
    const char *sep = strstr(state, ": ");
    snprintf(buf, size, "%s", sep && sep[2] ? sep + 2 : "-");
    return buf;
}

void rerun_command(const struct run *r, int row, char *buf, size_t size)
{
    snprintf(buf, size, "%s --only %s", meta(r, "rerun"), field(&r->results, row, R_ID));
}
