/* JUnit and Markdown reports (report.h). */
#include "report.h"

#include <string.h>

static const char *const names[] = {"pass", "skip", "FAIL", "CRASH", "TIMEOUT", "ERROR"};

const char *report_verdict_name(enum verdict v)
{
    return names[v];
}

/* XML attribute/text escape; control characters XML 1.0 forbids become '?'. */
static void xml(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '&')
            fputs("&amp;", out);
        else if (c == '<')
            fputs("&lt;", out);
        else if (c == '>')
            fputs("&gt;", out);
        else if (c == '"')
            fputs("&quot;", out);
        else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            fputc('?', out);
        else
            fputc(c, out);
    }
}

static size_t count_of(const struct result *results, size_t count, enum verdict v)
{
    size_t n = 0;
    size_t i;

    for (i = 0; i < count; i++)
        n += results[i].verdict == v;
    return n;
}

void report_junit(FILE *out, const char *name, const char *classname, const struct result *results,
                  size_t count)
{
    size_t failures = count_of(results, count, VERDICT_FAIL) +
                      count_of(results, count, VERDICT_CRASH) +
                      count_of(results, count, VERDICT_TIMEOUT);
    double total = 0;
    size_t i;

    for (i = 0; i < count; i++)
        total += results[i].secs;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", out);
    fputs("  <testsuite name=\"", out);
    xml(out, name);
    fprintf(out, "\" tests=\"%u\" failures=\"%u\" errors=\"%u\" skipped=\"%u\" time=\"%.3f\">\n",
            (unsigned)count, (unsigned)failures, (unsigned)count_of(results, count, VERDICT_ERROR),
            (unsigned)count_of(results, count, VERDICT_SKIP), total);
    for (i = 0; i < count; i++) {
        const struct result *r = &results[i];
        const char *tag = NULL;

        fputs("    <testcase classname=\"", out);
        xml(out, classname);
        fputs("\" name=\"", out);
        xml(out, r->name);
        fprintf(out, "\" time=\"%.3f\">\n", r->secs);
        if (r->verdict == VERDICT_SKIP)
            tag = "skipped";
        else if (r->verdict == VERDICT_ERROR)
            tag = "error";
        else if (r->verdict != VERDICT_PASS)
            tag = "failure";
        if (tag) {
            fprintf(out, "      <%s", tag);
            if (r->verdict != VERDICT_SKIP)
                fprintf(out, " type=\"%s\"", report_verdict_name(r->verdict));
            fputs(" message=\"", out);
            xml(out, r->message);
            fputs("\"/>\n", out);
        }
        if (r->log && *r->log) {
            fputs("      <system-out>output: ", out);
            xml(out, r->log);
            fputs("</system-out>\n", out);
        }
        fputs("    </testcase>\n", out);
    }
    fputs("  </testsuite>\n</testsuites>\n", out);
}

/* Markdown table cell: '|' escaped, line breaks as spaces. */
static void cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
}

void report_markdown(FILE *out, const char *title, const struct result *results, size_t count)
{
    size_t passed = count_of(results, count, VERDICT_PASS);
    size_t skipped = count_of(results, count, VERDICT_SKIP);
    size_t i;

    fprintf(out, "### %s\n\n", title);
    fprintf(out, "%u programs: %u passed, %u failed, %u skipped\n\n", (unsigned)count,
            (unsigned)passed, (unsigned)(count - passed - skipped), (unsigned)skipped);
    fputs("| program | verdict | seconds | detail |\n| --- | --- | --- | --- |\n", out);
    for (i = 0; i < count; i++) {
        const struct result *r = &results[i];

        fputs("| ", out);
        cell(out, r->name);
        fprintf(out, " | %s | %.1f | ", report_verdict_name(r->verdict), r->secs);
        cell(out, *r->message ? r->message : r->detail);
        fputs(" |\n", out);
    }
    fputc('\n', out);
}
