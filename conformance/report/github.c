/* GitHub Actions: one ::error annotation per failing gate, and a Markdown
 * job summary (verdict, failures with their rerun command, the table). */
#include "report.h"

#include <string.h>

/* Workflow-command data: %, CR and LF are escaped; in a property also : and ,. */
static void put_command_text(const char *s, int property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", stdout);
        else if (*s == '\r')
            fputs("%0D", stdout);
        else if (*s == '\n')
            fputs("%0A", stdout);
        else if (property && *s == ':')
            fputs("%3A", stdout);
        else if (property && *s == ',')
            fputs("%2C", stdout);
        else
            putchar(*s);
    }
}

void render_annotations(const struct run *r)
{
    char buf[8192];
    for (int i = 0; i < r->results.n; i++) {
        if (!is_failure(r, i) || strcmp(field(&r->results, i, R_KIND), "gate"))
            continue;
        printf("::error title=");
        put_command_text(field(&r->results, i, R_ID), 1);
        printf("::");
        put_command_text(field(&r->results, i, R_DETAIL), 0);
        rerun_command(r, i, buf, sizeof buf);
        printf(" (rerun: ");
        put_command_text(buf, 0);
        printf(")\n");
    }
}

static void put_md(const char *s, size_t max)
{
    size_t n = 0;
    for (; *s && n < max; s++, n++) {
        if (*s == '|' || *s == '<' || *s == '>' || *s == '*' || *s == '_' || *s == '`')
            putchar('\\');
        putchar(*s);
    }
    if (*s)
        fputs("...", stdout);
}

void render_markdown(const struct run *r)
{
    char buf[8192];
    printf("### Conformance: `%s` (%s, MPR %s): **%s**\n\n", meta(r, "name"), meta(r, "arch"),
           meta(r, "mpr"), run_verdict(r));
    printf("%d checks: %d pass, %d fail, %d incomplete, %d warn, %d todo, %d not judged, %d skip."
           " SHA-256 `%s`, %s, connotify %s.\n\n",
           r->results.n, count_verdict(r, "pass"), count_verdict(r, "fail"),
           count_verdict(r, "incomplete"), count_verdict(r, "warn"), count_verdict(r, "todo"),
           count_verdict(r, "notjudged"), count_verdict(r, "skip"), meta(r, "sha256"),
           meta(r, "wine"), meta(r, "commit"));
    for (int i = 0; i < r->results.n; i++) {
        if (!is_failure(r, i))
            continue;
        printf("- **%s** [%s] %s: ", field(&r->results, i, R_ID), field(&r->results, i, R_TAG),
               field(&r->results, i, R_VERDICT));
        put_md(field(&r->results, i, R_DETAIL), 400);
        rerun_command(r, i, buf, sizeof buf);
        printf("<br>rerun: `%s`\n", buf);
    }
    printf("\n<details><summary>All checks</summary>\n\n| check | tag | kind | verdict | detail |\n"
           "| --- | --- | --- | --- | --- |\n");
    for (int i = 0; i < r->results.n; i++) {
        printf("| `%s` | [%s] | %s | %s | ", field(&r->results, i, R_ID),
               field(&r->results, i, R_TAG), field(&r->results, i, R_KIND),
               field(&r->results, i, R_VERDICT));
        put_md(field(&r->results, i, R_DETAIL), 200);
        printf(" |\n");
    }
    printf("\n</details>\n\n");
}
