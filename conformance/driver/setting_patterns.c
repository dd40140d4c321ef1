/* Wildcard server patterns of the settings (see setting_patterns.h). */
#include "setting_patterns.h"

#include <stdint.h>
#include <stdio.h>
#include <wchar.h>
#include <wctype.h>

enum { MAX_PATTERNS = 8, PATTERN_UNITS = 64 };

static WCHAR patterns[MAX_PATTERNS][PATTERN_UNITS];
static unsigned char pattern_list[MAX_PATTERNS];
static unsigned n_patterns;

void setting_pattern_keep(const WCHAR *t, size_t n, enum setting_list list)
{
    if (n_patterns == MAX_PATTERNS || n >= PATTERN_UNITS)
        return;
    wmemcpy(patterns[n_patterns], t, n);
    patterns[n_patterns][n] = 0;
    pattern_list[n_patterns] = (unsigned char)list;
    n_patterns++;
}

/* Whether p (a pattern) matches s (n units): a '*' gives back units until the rest matches. */
static int glob_matches(const WCHAR *p, const WCHAR *s, size_t n)
{
    const WCHAR *star = NULL;
    size_t star_at = 0;
    size_t i = 0;
    while (i < n) {
        if (*p == '*') {
            star = ++p;
            star_at = i;
        } else if (*p && (*p == '?' || towlower(*p) == towlower(s[i]))) {
            p++;
            i++;
        } else if (star) {
            p = star;
            i = ++star_at;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return !*p;
}

int setting_pattern_matches(const WCHAR *server, size_t n)
{
    for (unsigned i = 0; i < n_patterns; i++) {
        if (glob_matches(patterns[i], server, n))
            return 1;
    }
    return 0;
}

size_t setting_pattern_instance(const WCHAR *t, size_t n, size_t deep_at, WCHAR *out, size_t cap)
{
    size_t m = 0;
    int wild = 0;
    for (size_t i = 0; i < n; i++) {
        WCHAR run[5] = {t[i]};
        size_t run_n = 1;
        if (t[i] == '*' && i == deep_at && i + 1 < n) {
            run[0] = 'q';
            run[1] = 'x';
            run[2] = t[i + 1];
            run[3] = 'q';
            run[4] = 'x';
            run_n = 5;
        } else if (t[i] == '*') {
            run[0] = 'q';
            run[1] = 'x';
            run_n = 2;
        } else if (t[i] == '?') {
            run[0] = 'q';
        }
        wild |= t[i] == '*' || t[i] == '?';
        /* Room for a run of at least two units and the terminator. */
        if (m + (run_n > 2 ? run_n : 2) >= cap)
            return 0;
        wmemcpy(out + m, run, run_n);
        m += run_n;
    }
    out[m] = 0;
    return wild ? m : 0;
}

int setting_pattern_pair(enum setting_list kind, unsigned i, WCHAR *plain, WCHAR *deep, size_t cap,
                         const WCHAR **pattern)
{
    unsigned seen = 0;
    for (unsigned k = 0; k < n_patterns; k++) {
        if (pattern_list[k] != kind)
            continue;
        if (seen++ != i)
            continue;
        const WCHAR *p = patterns[k];
        size_t deep_at = 0;
        while (p[deep_at] && !(p[deep_at] == '*' && p[deep_at + 1] && p[deep_at + 1] != '.' &&
                               p[deep_at + 1] != '*' && p[deep_at + 1] != '?'))
            deep_at++;
        if (!p[deep_at])
            return 0;
        WCHAR host[2][PATTERN_UNITS * 3];
        size_t n = wcslen(p);
        if (!setting_pattern_instance(p, n, SIZE_MAX, host[0], PATTERN_UNITS * 3) ||
            !setting_pattern_instance(p, n, deep_at, host[1], PATTERN_UNITS * 3))
            return 0;
        if (swprintf(plain, cap, L"\\\\%ls\\share", host[0]) < 0 ||
            swprintf(deep, cap, L"\\\\%ls\\share", host[1]) < 0)
            return 0;
        *pattern = p;
        return 1;
    }
    return -1;
}
