/* Surrogates encoded one by one in a record's bytes (see record_encoding.h). */
#include "record_encoding.h"

#include <string.h>

/* A UTF-16 unit as UTF-8 would write a character of its value: three bytes for a surrogate. */
static size_t unit_alone(wchar_t unit, unsigned char *out)
{
    out[0] = (unsigned char)(0xE0 | (unit >> 12));
    out[1] = (unsigned char)(0x80 | ((unit >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (unit & 0x3F));
    return 3;
}

int record_surrogates_split(const unsigned char *b, size_t len, const char *marker,
                            const wchar_t *astral)
{
    unsigned char pat[64];
    size_t mn = strlen(marker);
    if (mn + 1 + 6 > sizeof pat || astral[0] < 0xD800 || astral[0] > 0xDBFF)
        return 0;
    memcpy(pat, marker, mn);
    pat[mn] = '-';
    size_t pn = mn + 1;
    pn += unit_alone(astral[0], pat + pn);
    pn += unit_alone(astral[1], pat + pn);
    for (size_t i = 0; i + pn <= len; i++) {
        if (!memcmp(b + i, pat, pn))
            return 1;
    }
    return 0;
}
