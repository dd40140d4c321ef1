/* Helpers shared by the core's sources; not part of the API. */
#ifndef CONNOTIFY_CORE_INTERNAL_H
#define CONNOTIFY_CORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "connotify/notify_abi.h"

/* Next code point of s[*i..len), advancing *i; unpaired surrogates give
 * U+FFFD. Requires *i < len. Inline: it runs once per unit of every name. */
static inline uint32_t cn_utf16_next(const cn_wchar *s, size_t len, size_t *i)
{
    uint32_t c = s[(*i)++];

    if (c < 0xd800 || c > 0xdfff)
        return c;
    /* [design] unpaired surrogates become U+FFFD. */
    if (c <= 0xdbff && *i < len && s[*i] >= 0xdc00 && s[*i] <= 0xdfff)
        return 0x10000 + ((c - 0xd800) << 10) + (s[(*i)++] - 0xdc00);
    return 0xfffd;
}

/* Encodes c (<= 0x10ffff, no surrogate) as UTF-8 into out[0..4). */
static inline size_t cn_utf8_put(uint32_t c, char *out)
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

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t cn_days_from_civil(int64_t y, unsigned m, unsigned d);
void cn_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Largest time the 4-digit year of a record can hold:
 * 9999-12-31T23:59:59.999Z. */
#define CN_TIME_MS_MAX UINT64_C(253402300799999)

#endif
