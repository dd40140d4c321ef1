/* Reads a tab-separated file into rows of fields. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static char **split_line(char *line, int *nf)
{
    int n = 1;
    for (char *p = line; *p; p++) {
        if (*p == '\t')
            n++;
    }
    char **f = malloc(sizeof *f * (size_t)n);
    if (!f)
        return NULL;
    f[0] = line;
    int i = 1;
    for (char *p = line; *p; p++) {
        if (*p == '\t') {
            *p = '\0';
            f[i] = p + 1;
            i++;
        }
    }
    *nf = n;
    return f;
}

/* One line of any length into *line (no getline in MinGW's C runtime).
 * Returns its length, or -1 at the end of the file or when out of memory. */
static long next_line(FILE *f, char **line, size_t *cap)
{
    size_t len = 0;
    for (;;) {
        if (len + 2 > *cap) {
            size_t grown = *cap ? *cap * 2 : 256;
            char *p = realloc(*line, grown);
            if (!p)
                return -1;
            *line = p;
            *cap = grown;
        }
        if (!fgets(*line + len, (int)(*cap - len), f))
            return len ? (long)len : -1;
        len += strlen(*line + len);
        if ((*line)[len - 1] == '\n')
            return (long)len;
    }
}

/* A missing file is an empty table. Returns -1 only when out of memory. */
int tsv_load(struct tsv *t, const char *path)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char *line = NULL;
    size_t cap = 0;
    long len;
    while ((len = next_line(f, &line, &cap)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
            len--;
            line[len] = '\0';
        }
        if (len == 0)
            continue;
        char ***rows = realloc(t->rows, sizeof *rows * (size_t)(t->n + 1));
        int *nf = realloc(t->nf, sizeof *nf * (size_t)(t->n + 1));
        char *copy = strdup(line);
        if (!rows || !nf || !copy) {
            fclose(f);
            return -1;
        }
        t->rows = rows;
        t->nf = nf;
        t->rows[t->n] = split_line(copy, &t->nf[t->n]);
        if (!t->rows[t->n]) {
            fclose(f);
            return -1;
        }
        t->n++;
    }
    free(line);
    fclose(f);
    return 0;
}

/* The field, or "-" when the row is shorter. */
int tsv_row(const struct tsv *t, const char *key)
{
    for (int i = 0; i < t->n; i++) {
        if (!strcmp(field(t, i, 0), key))
            return i;
    }
    return -1;
}

const char *field(const struct tsv *t, int row, int col)
{
    if (row < 0 || row >= t->n || col >= t->nf[row])
        return "-";
    return t->rows[row][col];
}
