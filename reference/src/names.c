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
    while (n < bound && s[n])
        n++;
    if (n == bound && truncated)
        *truncated = 1;
    return n;
}

uint32_t cn_utf16_next(const cn_wchar *s, size_t len, size_t *i)
{
    uint32_t c = s[(*i)++];

    if (c < 0xd800 || c > 0xdfff)
        return c;
    /* [design] unpaired surrogates become U+FFFD. */
    if (c <= 0xdbff && *i < len && s[*i] >= 0xdc00 && s[*i] <= 0xdfff)
        return 0x10000 + ((c - 0xd800) << 10) + (s[(*i)++] - 0xdc00);
    return 0xfffd;
}

size_t cn_utf8_put(uint32_t c, char *out)
{
    unsigned char *o = (unsigned char *)out;

    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xc0 | (c >> 6));
        o[1] = (unsigned char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xe0 | (c >> 12));
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
        o[2] = (unsigned char)(0x80 | (c & 0x3f));
        return 3;
    }
    o[0] = (unsigned char)(0xf0 | (c >> 18));
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
    o[3] = (unsigned char)(0x80 | (c & 0x3f));
    return 4;
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
