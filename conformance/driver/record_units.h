/* The units of a record the notifier wrote: bytes (UTF-8 or ANSI) or UTF-16LE units, read
 * with a stride of 1 or 2 bytes, and their ASCII classes. */
#ifndef RECORD_UNITS_H
#define RECORD_UNITS_H

#include <stddef.h>

/* The unit at p: a byte (stride 1) or a UTF-16LE unit (stride 2). */
unsigned record_unit(const unsigned char *p, size_t stride);
/* c in ASCII lower case. */
unsigned record_unit_lower(unsigned c);
int record_unit_digit(unsigned c);
/* An ASCII letter or digit. */
int record_unit_alnum(unsigned c);

#endif
