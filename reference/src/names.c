/* Bounded UTF-16 names and their UTF-8 form. */
#include "connotify/notify_core.h"

#include <string.h>

#include "core_internal.h"

size_t cn_wcsnlen(const cn_wchar *s, size_t bound, int *truncated)
{
    size_t n = 0;

    if (truncated)
        *truncated = 0;
    if (!s)
        return 0;
    /* Four units per bound check; units are still read in order and never
     * past the first NUL. */
    while (bound - n >= 4) {
        if (!s[n])
            return n;
        if (!s[n + 1])
            return n + 1;
        if (!s[n + 2])
            return n + 2;
        if (!s[n + 3])
            return n + 3;
        n += 4;
    }
    while (n < bound && s[n])
        n++;
    if (n == bound && truncated)
        *truncated = 1;
    return n;
}

size_t cn_utf16_to_utf8(const cn_wchar *s, size_t len, char *out, size_t cap)
{
    size_t i = 0, n = 0, w = 0;
    char tmp[4];

    while (s && i < len) {
        size_t k = cn_utf8_put(cn_utf16_next(s, len, &i), tmp);
        /* Only whole characters are written. */
        if (w == n && n + k < cap) {
            memcpy(out + w, tmp, k);
            w += k;
        }
        n += k;
    }
    if (cap > 0)
        out[w] = 0;
    return n;
}
