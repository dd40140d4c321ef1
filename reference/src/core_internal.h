/* Helpers shared by the core's sources; not part of the API. */
#ifndef CONNOTIFY_CORE_INTERNAL_H
#define CONNOTIFY_CORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "connotify/notify_abi.h"

/* Next code point of s[*i..len), advancing *i; unpaired surrogates give
 * U+FFFD. Requires *i < len. */
uint32_t cn_utf16_next(const cn_wchar *s, size_t len, size_t *i);
/* Encodes c (<= 0x10ffff, no surrogate) as UTF-8 into out[0..4). */
size_t cn_utf8_put(uint32_t c, char *out);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t cn_days_from_civil(int64_t y, unsigned m, unsigned d);
void cn_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Largest time the 4-digit year of a record can hold:
 * 9999-12-31T23:59:59.999Z. */
#define CN_TIME_MS_MAX UINT64_C(253402300799999)

#endif
