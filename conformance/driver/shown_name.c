/* A caller's name as a verdict shows it (see shown_name.h). */
#include "shown_name.h"

#include <stdio.h>

const char *shown_name(const WCHAR *w, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t k = 0; w[k] && k < SHOWN_NAME_UNITS && used + 9 < cap; k++) {
        if (w[k] >= 0x20 && w[k] < 0x7f) {
            buf[used] = (char)w[k];
            used++;
            buf[used] = 0;
        } else {
            used += (size_t)snprintf(buf + used, cap - used, "<U+%04X>", (unsigned)w[k]);
        }
    }
    return buf;
}

const char *shown_bytes(const char *s, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t k = 0; s[k] && k < SHOWN_NAME_UNITS && used + 5 < cap; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x20 && c < 0x7f) {
            buf[used] = (char)c;
            used++;
            buf[used] = 0;
        } else {
            used += (size_t)snprintf(buf + used, cap - used, "<%02X>", c);
        }
    }
    return buf;
}
