/* The units of a record (record_units.h). */
#include "record_units.h"

unsigned record_unit(const unsigned char *p, size_t stride)
{
    return stride == 2 ? (unsigned)p[0] | (unsigned)p[1] << 8 : p[0];
}

unsigned record_unit_lower(unsigned c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int record_unit_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

int record_unit_alnum(unsigned c)
{
    unsigned l = record_unit_lower(c);
    return record_unit_digit(c) || (l >= 'a' && l <= 'z');
}
