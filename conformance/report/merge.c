/* cn_report merge DIR ONLY STOP MPR
 * Writes DIR/results.tsv in catalogue order (DIR/checks.tsv) from the rows of
 * DIR/verdicts.tsv: the worst verdict of a check wins (first among equals); a
 * check whose dependency failed is "notjudged"; a check with no row was not
 * run (STOP: why nothing ran). ONLY: the --only list, "" for all. Prints the
 * run's status: 1 a check failed, 3 a gate is incomplete and none failed, else 0. */
#include "report.h"
#include "verdicts.h"

#include <stdlib.h>
#include <string.h>

int verdict_rank(const char *verdict)
{
    static const char *const order[] = {"skip", "pass",       "notjudged", "todo",
                                        "warn", "incomplete", "fail"};
    for (int i = 0; i < 7; i++) {
        if (!strcmp(order[i], verdict))
            return i + 1;
    }
    return 0;
}

int in_list(const char *list, const char *id)
{
    size_t len = strlen(id);
    for (const char *p = list; (p = strstr(p, id)) != NULL; p += len) {
        if ((p == list || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
            return 1;
    }
    return 0;
}

static int worst_row(const struct tsv *v, const char *id)
{
    int best = -1;
    for (int i = 0; i < v->n; i++) {
        if (strcmp(field(v, i, 0), id))
            continue;
        if (best < 0 || verdict_rank(field(v, i, 1)) > verdict_rank(field(v, best, 1)))
            best = i;
    }
    return best;
}

int merge_main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: cn_report merge DIR ONLY STOP MPR\n");
        return 2;
    }
    const char *only = argv[3];
    const char *stop = argv[4];
    char path[4096];
    struct tsv v;
    struct tsv checks;
    snprintf(path, sizeof path, "%s/verdicts.tsv", argv[2]);
    if (tsv_load(&v, path) < 0)
        return 2;
    snprintf(path, sizeof path, "%s/checks.tsv", argv[2]);
    if (tsv_load(&checks, path) < 0)
        return 2;
    snprintf(path, sizeof path, "%s/results.tsv", argv[2]);
    FILE *out = fopen(path, "w");
    const char **final = calloc((size_t)checks.n + 1, sizeof *final);
    if (!out || !final)
        return 2;
    int status = 0;
    for (int c = 0; c < checks.n; c++) {
        const char *id = field(&checks, c, 0);
        final[c] = "";
        if (only[0] && !in_list(only, id))
            continue;
        int r = worst_row(&v, id);
        const char *verdict = r >= 0 ? field(&v, r, 1) : "skip";
        const char *label = r >= 0 ? field(&v, r, 3) : field(&checks, c, 1);
        const char *secs = r >= 0 ? field(&v, r, 4) : "0";
        const char *state = r >= 0 ? field(&v, r, 5) : "-";
        char detail[8192];
        if (r >= 0)
            snprintf(detail, sizeof detail, "%s", field(&v, r, 2));
        else if (stop[0])
            snprintf(detail, sizeof detail, "not run: %s", stop);
        else if (!strcmp(label, "mpr"))
            snprintf(detail, sizeof detail, "not run (--mpr %s)", argv[5]);
        else
            snprintf(detail, sizeof detail, "not run");
        /* "not judged (see X)" from the driver stands only if X failed (or, a
         * report, warned) in this run; else this check is the one that shows it. */
        const char *see = strstr(detail, "(see ");
        if (!strcmp(verdict, "notjudged") && see && r >= 0) {
            char other[128];
            snprintf(other, sizeof other, "%s", see + 5);
            other[strcspn(other, ")")] = '\0';
            int o = worst_row(&v, other);
            int shown =
                o >= 0 && (!strcmp(field(&v, o, 1), "fail") || !strcmp(field(&v, o, 1), "warn"));
            /* Out of time with calls that latency found within its budget, or could not judge:
             * the case's time, not the notifier's calls, may have been too short (a record
             * written per call in 2.5 ms made the 120000 calls of the leaks case take 337 s). */
            const char *latency = o >= 0 && !strcmp(other, "latency") ? field(&v, o, 1) : "";
            int within = (!strcmp(latency, "pass") || !strcmp(latency, "incomplete")) &&
                         strstr(detail, "did not finish");
            /* The blocking probe's slow calls with latency not failing: a busy machine makes
             * calls slow too (a notifier that waits for a child process took 200 ms alone and
             * 664 ms in CI); only latency's 2160 calls may blame the notifier. */
            int probe_only = strstr(detail, "too slow to judge") && !strcmp(other, "latency");
            /* Else (X failed, or is no check of this run's) the text stands as it is. */
            if (tsv_row(&checks, other) >= 0 && !shown) {
                size_t len = strlen(detail);
                if (probe_only) {
                    verdict = "incomplete";
                    snprintf(detail + len, sizeof detail - len,
                             "; latency %s: slow here, not judged (a busy machine slows calls "
                             "too); run again with latency, or with a larger --budget-ms",
                             o < 0 ? "was not run" : "did not fail in this run");
                } else if (within) {
                    verdict = "incomplete";
                    snprintf(detail + len, sizeof detail - len,
                             "; latency %s in this run: the case needs more time than it had "
                             "for calls this long, not judged; run again with a larger --timeout",
                             strcmp(latency, "pass") ? "was not judged either"
                                                     : "passed (calls within its budget)");
                } else {
                    verdict = "fail";
                    snprintf(detail + len, sizeof detail - len, "; %s %s", other,
                             o < 0 ? "was not run" : "did not fail in this run");
                }
            }
        }
        /* One crash, one FAIL: a later check that died of the same crash
         * state (code and notifier frame) as an earlier one is not judged. */
        int bad = !strcmp(verdict, "fail") || !strcmp(verdict, "warn");
        for (int d = 0; d < c && bad && strcmp(state, "-"); d++) {
            int e = worst_row(&v, field(&checks, d, 0));
            if (strcmp(final[d], "fail") || e < 0 || strcmp(field(&v, e, 5), state))
                continue;
            verdict = "notjudged";
            snprintf(detail, sizeof detail, "the same %s as %s (see %s)",
                     strncmp(state, "hang", 4) ? "crash" : "hang", field(&checks, d, 0),
                     field(&checks, d, 0));
            break;
        }
        for (int d = 0; d < c; d++) {
            if (!strcmp(final[d], "fail") && in_list(field(&checks, c, 4), field(&checks, d, 0))) {
                verdict = "notjudged";
                snprintf(detail, sizeof detail, "%s failed (see %s)", field(&checks, d, 0),
                         field(&checks, d, 0));
                break;
            }
        }
        final[c] = verdict;
        if (!strcmp(verdict, "fail"))
            status = 1;
        if (status == 0 && !strcmp(verdict, "incomplete") && !strcmp(field(&checks, c, 3), "gate"))
            status = 3;
        fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", id, field(&checks, c, 2),
                field(&checks, c, 3), verdict, field(&checks, c, 5), detail, label, secs, state,
                field(&checks, c, 6));
    }
    free(final);
    printf("%d\n", status);
    return fclose(out) ? 2 : 0;
}
