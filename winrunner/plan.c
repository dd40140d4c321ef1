/* Plan reader (plan.h). */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const WCHAR *file, struct wr_error *err)
{
    HANDLE h = CreateFileW(file, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    LARGE_INTEGER size;
    DWORD got = 0;
    char *text;

    if (h == INVALID_HANDLE_VALUE) {
        wr_error_set(err, "%s: cannot open: %s", wr_utf8(file), wr_strerror(GetLastError()));
        return NULL;
    }
    if (!GetFileSizeEx(h, &size) || size.QuadPart > 16 * 1024 * 1024) {
        CloseHandle(h);
        wr_error_set(err, "%s: unreadable or larger than 16 MiB", wr_utf8(file));
        return NULL;
    }
    text = wr_alloc((size_t)size.QuadPart + 1);
    if (!ReadFile(h, text, (DWORD)size.QuadPart, &got, NULL) || got != (DWORD)size.QuadPart) {
        CloseHandle(h);
        wr_error_set(err, "%s: read failed: %s", wr_utf8(file), wr_strerror(GetLastError()));
        return NULL;
    }
    CloseHandle(h);
    text[got] = 0;
    return text;
}

static int line_error(struct wr_error *err, const WCHAR *file, unsigned line, const char *what)
{
    wr_error_set(err, "%s:%u: %s", wr_utf8(file), line, what);
    return -1;
}

static int parse_line(struct plan *plan, char *key, char *value, const WCHAR *file, unsigned line,
                      struct wr_error *err)
{
    struct plan_test *t = plan->ntests ? &plan->tests[plan->ntests - 1] : NULL;
    char *v = wr_strdup(value);

    if (!strcmp(key, "test")) {
        struct plan_test fresh;

        if (t && !t->exe)
            return line_error(err, file, line, "the previous test has no exe line");
        memset(&fresh, 0, sizeof(fresh));
        fresh.name = v;
        fresh.timeout = 1500;
        fresh.labels = wr_strdup("");
        plan->tests = wr_push(plan->tests, &plan->ntests, sizeof(fresh), &fresh);
        return 0;
    }
    if (!strcmp(key, "env")) {
        if (!strchr(v, '=') || v[0] == '=')
            return line_error(err, file, line, "env needs NAME=VALUE");
        if (t)
            t->env = wr_push(t->env, &t->nenv, sizeof(v), &v);
        else
            plan->env = wr_push(plan->env, &plan->nenv, sizeof(v), &v);
        return 0;
    }
    if (!strcmp(key, "reg")) {
        if (t)
            return line_error(err, file, line, "reg lines come before the first test");
        plan->regs = wr_push(plan->regs, &plan->nregs, sizeof(v), &v);
        return 0;
    }
    if (!strcmp(key, "notifier")) {
        if (t)
            return line_error(err, file, line, "the notifier line comes before the first test");
        plan->notifier = v;
        return 0;
    }
    if (!t)
        return line_error(err, file, line, "a program line before the first test line");
    if (!strcmp(key, "exe")) {
        t->exe = v;
    } else if (!strcmp(key, "arg")) {
        t->args = wr_push(t->args, &t->nargs, sizeof(v), &v);
    } else if (!strcmp(key, "dir")) {
        t->dir = v;
    } else if (!strcmp(key, "labels")) {
        t->labels = v;
    } else if (!strcmp(key, "timeout")) {
        char *end = NULL;
        double s = strtod(v, &end);

        if (end == v || *end || s <= 0 || s > 86400)
            return line_error(err, file, line, "timeout needs seconds (0 < s <= 86400)");
        t->timeout = (unsigned)(s + 0.999);
    } else {
        return line_error(err, file, line, "unknown keyword");
    }
    return 0;
}

int plan_load(const WCHAR *file, struct plan *plan, struct wr_error *err)
{
    char *text = read_file(file, err);
    char *line;
    char *next;
    unsigned n = 0;

    memset(plan, 0, sizeof(*plan));
    if (!text)
        return -1;
    for (line = text; line; line = next) {
        char *sp;
        size_t len;

        n++;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = 0;
        if (!len || line[0] == '#')
            continue;
        sp = strchr(line, ' ');
        if (!sp || !sp[1])
            return line_error(err, file, n, "expected KEYWORD VALUE");
        *sp = 0;
        if (parse_line(plan, line, sp + 1, file, n, err) < 0)
            return -1;
    }
    if (plan->ntests && !plan->tests[plan->ntests - 1].exe)
        return line_error(err, file, n, "the last test has no exe line");
    return 0;
}

int plan_has_label(const char *labels, const char *want)
{
    const char *w = want;

    while (*w) {
        size_t wl = strcspn(w, ",");
        const char *l = labels;

        while (*l) {
            size_t ll = strcspn(l, ";");

            if (ll == wl && !strncmp(l, w, wl))
                return 1;
            l += ll;
            if (*l)
                l++;
        }
        w += wl;
        if (*w)
            w++;
    }
    return 0;
}
