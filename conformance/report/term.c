/* The terminal report: the table, the failure block, the summary line. */
#include "report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *colour_of(const char *verdict)
{
    if (!strcmp(verdict, "pass") || !strcmp(verdict, "PASS"))
        return "\033[32m";
    if (!strcmp(verdict, "fail") || !strcmp(verdict, "FAIL") || !strcmp(verdict, "ERROR"))
        return "\033[1;31m";
    if (!strcmp(verdict, "warn") || !strcmp(verdict, "incomplete") ||
        !strcmp(verdict, "INCOMPLETE"))
        return "\033[33m";
    return "\033[90m";
}

static void put_verdict(const char *verdict, int width, int color)
{
    char up[32];
    size_t i = 0;
    for (; verdict[i] && i + 1 < sizeof up; i++)
        up[i] = (char)toupper((unsigned char)verdict[i]);
    up[i] = '\0';
    if (color)
        printf("%s%-*s\033[0m", colour_of(verdict), width, up);
    else
        printf("%-*s", width, up);
}

static void put_failure(const struct run *r, int row, int columns)
{
    char buf[8192];
    const char *state = field(&r->results, row, R_STATE);
    printf("  %s [%s] %s: %s\n", field(&r->results, row, R_ID), field(&r->results, row, R_TAG),
           field(&r->results, row, R_KIND), field(&r->results, row, R_VERDICT));
    printf("      why:   ");
    put_wrapped(stdout, field(&r->results, row, R_DETAIL), 13, 13, columns);
    if (strcmp(state, "-"))
        printf("      frame: %s\n", state_frame(state, buf, sizeof buf));
    rerun_command(r, row, buf, sizeof buf);
    printf("      rerun: %s\n", buf);
    const char *raw = command_of(r, field(&r->results, row, R_CASE));
    if (raw)
        printf("      raw:   %s\n", raw);
}

static void put_failures(const struct run *r, int columns)
{
    int *order = malloc(sizeof *order * (size_t)(r->results.n + 1));
    int *group = malloc(sizeof *group * (size_t)(r->results.n + 1));
    if (!order || !group)
        return;
    int n = failures(r, order, group);
    if (n) {
        int failed = 0;
        for (int i = 0; i < n; i++)
            failed += !strcmp(field(&r->results, order[i], R_VERDICT), "fail");
        if (failed == n)
            printf("\nThe following checks FAILED (%d):\n", n);
        else
            printf("\nThe following checks did not pass (%d failed, %d could not be judged):\n",
                   failed, n - failed);
        for (int i = 0; i < n; i++) {
            int size = 0;
            for (int j = i; j < n && group[j] == group[i]; j++)
                size++;
            const char *state = field(&r->results, order[i], R_STATE);
            if ((i == 0 || group[i - 1] != group[i]) && size > 1)
                printf("same crash (%s) in %d checks:\n", state, size);
            put_failure(r, order[i], columns);
        }
    }
    free(order);
    free(group);
}

void render_term(const struct run *r, int color, int columns)
{
    int indent = columns >= 80 ? 45 : 8;
    printf("%-22s %-9s %-11s %s\n", "CHECK", "TAG", "VERDICT", "DETAIL");
    for (int i = 0; i < r->results.n; i++) {
        char tag[64];
        snprintf(tag, sizeof tag, "[%s]", field(&r->results, i, R_TAG));
        printf("%-22s %-9s ", field(&r->results, i, R_ID), tag);
        put_verdict(field(&r->results, i, R_VERDICT), 11, color);
        if (indent == 45) {
            putchar(' ');
            put_wrapped(stdout, field(&r->results, i, R_DETAIL), indent, indent, columns);
        } else {
            printf("\n%*s", indent, "");
            put_wrapped(stdout, field(&r->results, i, R_DETAIL), indent, indent, columns);
        }
    }
    put_failures(r, columns);
    static const char *const kinds[] = {"pass", "fail",      "incomplete", "warn",
                                        "todo", "notjudged", "skip"};
    printf("conformance: %s (%s, MPR %s): %d checks:", meta(r, "name"), meta(r, "arch"),
           meta(r, "mpr"), r->results.n);
    for (int k = 0; k < 7; k++)
        printf("%s %d %s", k ? "," : "", count_verdict(r, kinds[k]), kinds[k]);
    printf(": ");
    put_verdict(run_verdict(r), 0, color);
    printf("\n");
}
