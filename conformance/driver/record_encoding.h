/* A character beyond U+FFFF in a record the notifier wrote in 8-bit units: UTF-8 writes it as
 * one 4-byte sequence [RFC 3629]. An encoder that takes each UTF-16 unit alone writes the two
 * surrogates as two 3-byte sequences (CESU-8): bytes UTF-8 forbids, so a strict reader drops
 * the record or stops at it (files.encoding). [design] */
#ifndef RECORD_ENCODING_H
#define RECORD_ENCODING_H

#include <stddef.h>
#include <wchar.h>

/* 1 when the text at b (len bytes) holds `marker`, then '-', then `astral` (one character
 * beyond U+FFFF, as a UTF-16 surrogate pair) with each surrogate encoded alone. */
int record_surrogates_split(const unsigned char *b, size_t len, const char *marker,
                            const wchar_t *astral);

#endif
