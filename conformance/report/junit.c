/* JUnit XML: one testcase per check, named by its id, with its case's time
 * shared among the checks of the case. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static double check_time(const struct run *r, int row)
{
    const char *label = field(&r->results, row, R_CASE);
    int shared = 0;
    for (int i = 0; i < r->results.n; i++) {
        if (!strcmp(field(&r->results, i, R_CASE), label))
            shared++;
    }
    return atof(field(&r->results, row, R_SECONDS)) / (shared ? shared : 1);
}

static void put_body(const struct run *r, int row)
{
    char buf[8192];
    put_html(stdout, field(&r->results, row, R_DETAIL));
    const char *state = field(&r->results, row, R_STATE);
    if (strcmp(state, "-")) {
        printf("\nnotifier frame: ");
        put_html(stdout, state_frame(state, buf, sizeof buf));
    }
    rerun_command(r, row, buf, sizeof buf);
    printf("\nrerun: ");
    put_html(stdout, buf);
    const char *raw = command_of(r, field(&r->results, row, R_CASE));
    if (raw) {
        printf("\nraw: ");
        put_html(stdout, raw);
    }
}

void render_junit(const struct run *r)
{
    int n = r->results.n;
    int fail = count_verdict(r, "fail");
    int error = count_verdict(r, "incomplete");
    int skip = count_verdict(r, "skip") + count_verdict(r, "notjudged");
    double total = 0;
    for (int i = 0; i < n; i++)
        total += check_time(r, i);
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    printf("<testsuites name=\"connotify conformance\" tests=\"%d\" failures=\"%d\" errors=\"%d\""
           " skipped=\"%d\" time=\"%.3f\">\n",
           n, fail, error, skip, total);
    printf("  <testsuite name=\"conformance.");
    put_html(stdout, meta(r, "name"));
    printf(".%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\""
           " timestamp=\"%s\">\n",
           meta(r, "arch"), n, fail, error, skip, total, meta(r, "date"));
    printf("    <properties>\n");
    static const char *const keys[] = {"name",      "sha256", "arch",  "mpr",
                                       "budget_ms", "wine",   "commit"};
    for (int k = 0; k < 7; k++) {
        printf("      <property name=\"%s\" value=\"", keys[k]);
        put_html(stdout, meta(r, keys[k]));
        printf("\"/>\n");
    }
    printf("    </properties>\n");
    for (int i = 0; i < n; i++) {
        const char *id = field(&r->results, i, R_ID);
        const char *v = field(&r->results, i, R_VERDICT);
        size_t group = strcspn(id, ".");
        printf("    <testcase classname=\"conformance.%.*s\" name=\"%s\" time=\"%.3f\">",
               (int)group, id, id, check_time(r, i));
        if (!strcmp(v, "fail") || !strcmp(v, "incomplete")) {
            const char *el = v[0] == 'f' ? "failure" : "error";
            printf("<%s type=\"%s\" message=\"", el, v);
            put_html(stdout, field(&r->results, i, R_DETAIL));
            printf("\">[%s] ", field(&r->results, i, R_TAG));
            put_body(r, i);
            printf("</%s>", el);
        } else if (!strcmp(v, "skip") || !strcmp(v, "notjudged")) {
            printf("<skipped message=\"%s: ", v);
            put_html(stdout, field(&r->results, i, R_DETAIL));
            printf("\"/>");
        } else {
            printf("<system-out>%s [%s] %s: ", v, field(&r->results, i, R_TAG),
                   field(&r->results, i, R_KIND));
            put_html(stdout, field(&r->results, i, R_DETAIL));
            printf("</system-out>");
        }
        printf("</testcase>\n");
    }
    printf("  </testsuite>\n</testsuites>\n");
}
