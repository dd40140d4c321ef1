/* Inline SVG figures, sized by viewBox to the page width: latency against the
 * budget on a log axis, and the timeline of the run through MPR. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* x of a duration in ms on a log axis from 1 us to 10 s. */
static double log_x(double ms, double x0, double w)
{
    if (ms < 0.001)
        ms = 0.001;
    double x = x0 + w * (log10(ms) + 3) / 7;
    return x > x0 + w ? x0 + w : x;
}

void render_svg_latency(const struct run *r)
{
    static const char *const names[] = {"latency_p50_ms", "latency_p99_ms", "latency_max_ms"};
    static const char *const labels[] = {"p50", "p99", "max"};
    if (!metric(r, names[0]))
        return;
    double budget = atof(meta(r, "budget_ms"));
    double x0 = 60;
    double w = 620;
    printf("<figure><svg viewBox=\"0 0 800 130\" width=\"100%%\" role=\"img\""
           " aria-label=\"latency per call against the budget\">\n");
    for (int i = 0; i < 3; i++) {
        const char *v = metric(r, names[i]);
        double ms = v ? atof(v) : 0;
        int y = 8 + i * 24;
        printf("<text x=\"8\" y=\"%d\">%s</text><rect x=\"%.0f\" y=\"%d\" width=\"%.1f\""
               " height=\"16\" class=\"%s\"/><text x=\"%.1f\" y=\"%d\">%s ms</text>\n",
               y + 13, labels[i], x0, y, log_x(ms, x0, w) - x0, ms > budget ? "over" : "bar",
               log_x(ms, x0, w) + 6, y + 13, v ? v : "-");
    }
    printf("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"4\" y2=\"84\" class=\"limit\"/>"
           "<text x=\"%.1f\" y=\"96\" class=\"small\">budget %g ms</text>\n",
           log_x(budget, x0, w), log_x(budget, x0, w), log_x(budget, x0, w) + 4, budget);
    static const char *const ticks[] = {"1 us",  "10 us",  "100 us", "1 ms",
                                        "10 ms", "100 ms", "1 s",    "10 s"};
    for (int k = 0; k < 8; k++) {
        double x = x0 + w * k / 7;
        printf("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"104\" y2=\"110\" class=\"axis\"/>"
               "<text x=\"%.1f\" y=\"124\" class=\"small\" text-anchor=\"middle\">%s</text>\n",
               x, x, x, ticks[k]);
    }
    printf("</svg><figcaption>Latency per call (log scale); dashed line: the budget."
           "</figcaption></figure>\n");
}

/* The case label whose events are drawn: the last one that has events. */
static const char *timeline_label(const struct run *r)
{
    return r->events.n ? field(&r->events, r->events.n - 1, 0) : NULL;
}

void render_svg_timeline(const struct run *r)
{
    const char *label = timeline_label(r);
    if (!label) {
        printf("<p class=\"note\">No run through MPR in this report.</p>\n");
        return;
    }
    double budget_us = atof(meta(r, "budget_ms")) * 1000;
    double end = 1;
    int rows = 0;
    for (int i = 0; i < r->events.n; i++) {
        if (strcmp(field(&r->events, i, 0), label))
            continue;
        double e = atof(field(&r->events, i, 1)) + atof(field(&r->events, i, 2));
        if (e > end)
            end = e;
        rows++;
    }
    int crashes = 0;
    for (int i = 0; i < r->crashes.n; i++)
        crashes += !strcmp(field(&r->crashes, i, 0), label);
    double x0 = 330;
    double w = 650;
    int h = 30 + (rows + crashes) * 20;
    printf("<figure><svg viewBox=\"0 0 1000 %d\" width=\"100%%\" role=\"img\""
           " aria-label=\"timeline of the calls through MPR\">\n",
           h);
    printf("<text x=\"8\" y=\"16\" class=\"head\">%s: call</text><text x=\"%.0f\" y=\"16\""
           " class=\"head\">0 to %.3f ms</text>\n",
           label, x0, end / 1000);
    int y = 24;
    for (int i = 0; i < r->events.n; i++) {
        if (strcmp(field(&r->events, i, 0), label))
            continue;
        double t = atof(field(&r->events, i, 1));
        double d = atof(field(&r->events, i, 2));
        int over = budget_us > 0 && d > budget_us;
        double bw = w * d / end;
        printf("<text x=\"8\" y=\"%d\"><title>", y + 13);
        put_html(stdout, field(&r->events, i, 6));
        printf("</title>%s %.36s%s</text>", field(&r->events, i, 5), field(&r->events, i, 6),
               strlen(field(&r->events, i, 6)) > 36 ? "..." : "");
        printf("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" class=\"%s\"/>",
               x0 + w * t / end, y + 2, bw < 1.5 ? 1.5 : bw, over ? "over" : "bar");
        if (over)
            printf("<text x=\"%.1f\" y=\"%d\" class=\"mark\">%.1f ms: over budget</text>",
                   x0 + w * t / end, y + 13, d / 1000);
        printf("\n");
        y += 20;
    }
    for (int i = 0; i < r->crashes.n; i++) {
        if (strcmp(field(&r->crashes, i, 0), label))
            continue;
        printf("<text x=\"8\" y=\"%d\" class=\"mark\">crash %s during ", y + 13,
               field(&r->crashes, i, 1));
        put_html(stdout, field(&r->crashes, i, 3));
        printf(": ");
        put_html(stdout, field(&r->crashes, i, 2));
        printf("</text>\n");
        y += 20;
    }
    printf("</svg><figcaption>Each notifier and provider call of the run through MPR as a bar"
           " from its start to its return; calls over the latency budget and crashes are"
           " marked.</figcaption></figure>\n");
}
