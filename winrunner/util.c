/* Helpers of the Windows runner (util.h). */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wr_error_set(struct wr_error *e, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(e->text, sizeof(e->text), fmt, ap);
    va_end(ap);
}

static void out_of_memory(void)
{
    fputs("winrunner: error: out of memory\n", stderr);
    exit(WR_EXIT_INPUT);
}

void *wr_alloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);

    if (!p)
        out_of_memory();
    return p;
}

void *wr_realloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);

    if (!q)
        out_of_memory();
    return q;
}

char *wr_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = wr_alloc(n);

    memcpy(d, s, n);
    return d;
}

char *wr_format(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return wr_strdup("");
    s = wr_alloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void *wr_push(void *items, size_t *count, size_t elem, const void *item)
{
    char *base = wr_realloc(items, (*count + 1) * elem);

    memcpy(base + *count * elem, item, elem);
    *count += 1;
    return base;
}

WCHAR *wr_wide(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    WCHAR *w;

    if (n <= 0)
        return wr_alloc(sizeof(WCHAR));
    w = wr_alloc((size_t)n * sizeof(WCHAR));
    MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w, n);
    return w;
}

char *wr_utf8(const WCHAR *wide)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    char *s;

    if (n <= 0)
        return wr_alloc(1);
    s = wr_alloc((size_t)n);
    WideCharToMultiByte(CP_UTF8, 0, wide, -1, s, n, NULL, NULL);
    return s;
}

WCHAR *wr_expand(const WCHAR *s)
{
    DWORD n = ExpandEnvironmentStringsW(s, NULL, 0);
    WCHAR *w;

    if (n == 0)
        return wcscpy(wr_alloc((wcslen(s) + 1) * sizeof(WCHAR)), s);
    w = wr_alloc((size_t)n * sizeof(WCHAR));
    ExpandEnvironmentStringsW(s, w, n);
    return w;
}

const char *wr_strerror(DWORD code)
{
    static char text[300];
    char msg[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code,
                             0, msg, sizeof(msg), NULL);

    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == '.'))
        n--;
    msg[n] = 0;
    if (n == 0)
        snprintf(text, sizeof(text), "error %lu", code);
    else
        snprintf(text, sizeof(text), "error %lu (%s)", code, msg);
    return text;
}
