/* The HTML report: verdict and audit data first, then the failures, then the
 * table with passing rows collapsed, then figures. Self-contained: the CSS is
 * inlined from report.css, the figures are inline SVG. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static void put_css(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, stdout);
    fclose(f);
}

static void put_pill(const char *verdict)
{
    printf("<span class=\"pill v-%s\">", verdict);
    for (const char *p = verdict; *p; p++)
        putchar(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    printf("</span>");
}

static void put_header(const struct run *r)
{
    char version[64];
    const char *verdict = run_verdict(r);
    printf("<header><h1>Notifier conformance: ");
    put_html(stdout, meta(r, "name"));
    printf("</h1>\n<p class=\"verdict\"><span class=\"pill big v-%s\">%s</span> %d checks: %d pass,"
           " %d fail, %d incomplete, %d warn, %d todo, %d not judged, %d skip</p>\n",
           verdict[0] == 'P'   ? "pass"
           : verdict[0] == 'I' ? "incomplete"
                               : "fail",
           verdict, r->results.n, count_verdict(r, "pass"), count_verdict(r, "fail"),
           count_verdict(r, "incomplete"), count_verdict(r, "warn"), count_verdict(r, "todo"),
           count_verdict(r, "notjudged"), count_verdict(r, "skip"));
    static const char *const labels[][2] = {
        {"name", "DLL"},
        {"sha256", "SHA-256"},
        {"version", "File version"},
        {"arch", "Architecture"},
        {"mpr", "MPR"},
        {"budget_ms", "Latency budget (ms)"},
        {"commit", "connotify commit"},
        {"wine", "Wine"},
        {"date", "Date (UTC)"},
    };
    printf("<dl class=\"audit\">");
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        const char *v = meta(r, labels[i][0]);
        if (!strcmp(labels[i][0], "version"))
            v = pe_file_version(meta(r, "file"), version, sizeof version);
        printf("<dt>%s</dt><dd><code>", labels[i][1]);
        put_html(stdout, v);
        printf("</code></dd>");
    }
    printf("</dl></header>\n");
}

static void put_failures(const struct run *r)
{
    char buf[8192];
    int *order = malloc(sizeof *order * (size_t)(r->results.n + 1));
    int *group = malloc(sizeof *group * (size_t)(r->results.n + 1));
    if (!order || !group)
        return;
    int n = failures(r, order, group);
    printf("<section id=\"failures\"><h2>Failures (%d)</h2>\n", n);
    if (!n)
        printf("<p class=\"note\">No check failed.</p>\n");
    for (int i = 0; i < n; i++) {
        int row = order[i];
        const char *id = field(&r->results, row, R_ID);
        const char *state = field(&r->results, row, R_STATE);
        int first = i == 0 || group[i - 1] != group[i];
        int last = i + 1 == n || group[i + 1] != group[i];
        if (first && !last) {
            printf("<div class=\"group\"><p class=\"note\">Same crash in these checks: <code>");
            put_html(stdout, state);
            printf("</code></p>\n");
        }
        printf("<article class=\"failure\" id=\"fail-%s\"><h3>", id);
        put_pill(field(&r->results, row, R_VERDICT));
        printf(" <a href=\"%s#%s\">%s</a> <span class=\"tag\">[%s] %s</span></h3>\n<p>",
               meta(r, "docs"), id, id, field(&r->results, row, R_TAG),
               field(&r->results, row, R_KIND));
        put_html(stdout, field(&r->results, row, R_DETAIL));
        printf("</p>\n");
        if (strcmp(state, "-")) {
            printf("<p>Notifier frame: <code>");
            put_html(stdout, state_frame(state, buf, sizeof buf));
            printf("</code></p>\n");
        }
        rerun_command(r, row, buf, sizeof buf);
        printf("<p>Rerun this check:</p><pre>");
        put_html(stdout, buf);
        printf("</pre>\n");
        const char *raw = command_of(r, field(&r->results, row, R_CASE));
        if (raw) {
            printf("<p>The driver alone (for winedbg):</p><pre>");
            put_html(stdout, raw);
            printf("</pre>\n");
        }
        printf("</article>\n");
        if (last && !first)
            printf("</div>\n");
    }
    printf("</section>\n");
    free(order);
    free(group);
}

static void put_rows(const struct run *r, int passing)
{
    printf("<table><thead><tr><th>Check</th><th>Verdict</th><th>Detail</th></tr></thead><tbody>\n");
    for (int i = 0; i < r->results.n; i++) {
        const char *v = field(&r->results, i, R_VERDICT);
        if (passing != (!strcmp(v, "pass") || !strcmp(v, "skip")))
            continue;
        const char *id = field(&r->results, i, R_ID);
        printf("<tr id=\"%s\"><td class=\"ck\"><a href=\"%s#%s\">%s</a><br><span class=\"tag\">"
               "[%s] %s</span></td><td>",
               id, meta(r, "docs"), id, id, field(&r->results, i, R_TAG),
               field(&r->results, i, R_KIND));
        put_pill(v);
        printf("</td><td><b>");
        put_html(stdout, field(&r->results, i, R_TITLE));
        printf("</b><br>");
        put_html(stdout, field(&r->results, i, R_DETAIL));
        printf("</td></tr>\n");
    }
    printf("</tbody></table>\n");
}

static void put_metrics(const struct run *r)
{
    if (!r->metrics.n)
        return;
    printf("<details><summary>Figures the driver measured (%d)</summary><table><tbody>\n",
           r->metrics.n);
    for (int i = 0; i < r->metrics.n; i++) {
        printf("<tr><td class=\"ck\">");
        put_html(stdout, field(&r->metrics, i, 0));
        printf("</td><td>");
        put_html(stdout, field(&r->metrics, i, 1));
        printf("</td></tr>\n");
    }
    printf("</tbody></table></details>\n");
}

void render_html(const struct run *r, const char *css_path)
{
    int passing = count_verdict(r, "pass") + count_verdict(r, "skip");
    printf("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    put_html(stdout, meta(r, "name"));
    printf(": %s (connotify conformance)</title>\n<style>\n", run_verdict(r));
    put_css(css_path);
    printf("</style></head><body><main>\n");
    put_header(r);
    put_failures(r);
    printf("<section id=\"checks\"><h2>Checks</h2>\n");
    if (r->results.n > passing)
        put_rows(r, 0);
    printf("<details><summary>%d passing or skipped checks</summary>\n", passing);
    put_rows(r, 1);
    printf("</details></section>\n<section id=\"figures\"><h2>Figures</h2>\n");
    render_svg_latency(r);
    put_metrics(r);
    printf("</section>\n<section id=\"timeline\"><h2>Timeline through MPR</h2>\n");
    render_svg_timeline(r);
    printf("</section>\n<footer class=\"note\">Source tags: [doc] Microsoft's documentation,"
           " [w9x] the Windows 9x DDK only, [wine] measured on Wine, [design] this project."
           " A gate fails the run; a report informs. Generated by ci/conformance.sh (connotify)."
           "</footer>\n</main></body></html>\n");
}
