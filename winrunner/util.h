/* Small helpers of the Windows runner: allocation that exits on failure,
 * UTF-8 <-> UTF-16 conversion, growable arrays, bounded messages. */
#ifndef WINRUNNER_UTIL_H
#define WINRUNNER_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <windows.h>

#if defined(__GNUC__) && defined(__MINGW_PRINTF_FORMAT)
#define WR_PRINTF(f, a) __attribute__((format(__MINGW_PRINTF_FORMAT, f, a)))
#else
#define WR_PRINTF(f, a)
#endif

/* Exit status of the runner. */
enum {
    WR_EXIT_PASS = 0,
    WR_EXIT_FAIL = 1,    /* a program failed, crashed, hung or could not start */
    WR_EXIT_INPUT = 2,   /* bad input: options, bundle, plan, .reg */
    WR_EXIT_REGISTRY = 3 /* the registry could not be written or restored */
};

/* An error message of a fixed size, filled by the first failing call. */
struct wr_error {
    char text[1024];
};
void wr_error_set(struct wr_error *e, const char *fmt, ...) WR_PRINTF(2, 3);

void *wr_alloc(size_t size);
void *wr_realloc(void *p, size_t size);
char *wr_strdup(const char *s);
char *wr_format(const char *fmt, ...) WR_PRINTF(1, 2);

/* Appends item (of size elem) to *items, growing it; returns the new slot. */
void *wr_push(void *items, size_t *count, size_t elem, const void *item);

/* Conversions; the results are allocated and never NULL. */
WCHAR *wr_wide(const char *utf8);
char *wr_utf8(const WCHAR *wide);

/* %VAR% expanded in the runner's own environment. */
WCHAR *wr_expand(const WCHAR *s);

/* "error N (text)" of a Win32 error code. */
const char *wr_strerror(DWORD code);

#endif /* WINRUNNER_UTIL_H */
