/* cn_report MODE DIR [--color] [--columns N] [--css FILE]
 * MODE: term | junit | html | markdown | annotations. DIR holds the runner's
 * results.tsv, meta.tsv, metrics.tsv, events.tsv and crashes.tsv.
 * cn_report static|plan|ready|collect|slow|merge|pe ...: the runner's steps, see those files.
 * Exit status: 0 done; 2 usage or unreadable input. */
#include "report.h"
#include "verdicts.h"

#include <stdlib.h>
#include <string.h>

#ifndef REPORT_CSS
#define REPORT_CSS "report.css"
#endif

static int usage(void)
{
    fprintf(stderr, "usage: cn_report term|junit|html|markdown|annotations DIR"
                    " [--color] [--columns N] [--css FILE]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    if (!strcmp(argv[1], "collect"))
        return collect_main(argc, argv);
    if (!strcmp(argv[1], "slow"))
        return slow_main(argc, argv);
    if (!strcmp(argv[1], "merge"))
        return merge_main(argc, argv);
    if (!strcmp(argv[1], "static"))
        return static_main(argc, argv);
    if (!strcmp(argv[1], "plan"))
        return plan_main(argc, argv);
    if (!strcmp(argv[1], "ready"))
        return ready_main(argc, argv);
    if (!strcmp(argv[1], "pe"))
        return pe_main(argc, argv);
    int color = 0;
    int columns = 100;
    const char *css = REPORT_CSS;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--color")) {
            color = 1;
        } else if (!strcmp(argv[i], "--columns") && i + 1 < argc) {
            i++;
            columns = atoi(argv[i]);
        } else if (!strcmp(argv[i], "--css") && i + 1 < argc) {
            i++;
            css = argv[i];
        } else {
            return usage();
        }
    }
    if (columns < 40)
        columns = 100;
    struct run r;
    if (run_load(&r, argv[2]) < 0) {
        fprintf(stderr, "cn_report: error: out of memory reading %s\n", argv[2]);
        return 2;
    }
    if (!r.results.n) {
        fprintf(stderr, "cn_report: error: no results in %s/results.tsv\n", argv[2]);
        return 2;
    }
    const char *mode = argv[1];
    if (!strcmp(mode, "term"))
        render_term(&r, color, columns);
    else if (!strcmp(mode, "junit"))
        render_junit(&r);
    else if (!strcmp(mode, "html"))
        render_html(&r, css);
    else if (!strcmp(mode, "markdown"))
        render_markdown(&r);
    else if (!strcmp(mode, "annotations"))
        render_annotations(&r);
    else
        return usage();
    return fflush(stdout) ? 2 : 0;
}
