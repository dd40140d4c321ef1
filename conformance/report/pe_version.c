/* The file version of a PE from its version resource: the VS_FIXEDFILEINFO
 * block starts with the signature 0xFEEF04BD, followed by dwStrucVersion,
 * dwFileVersionMS and dwFileVersionLS (little-endian). */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static unsigned long le32(const unsigned char *p)
{
    return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

char *pe_file_version(const char *path, char *buf, size_t size)
{
    static const unsigned char sig[4] = {0xbd, 0x04, 0xef, 0xfe};
    snprintf(buf, size, "-");
    FILE *f = fopen(path, "rb");
    if (!f)
        return buf;
    unsigned char *data = malloc(64u << 20);
    size_t n = data ? fread(data, 1, 64u << 20, f) : 0;
    fclose(f);
    for (size_t i = 0; i + 16 <= n; i += 4) {
        if (memcmp(data + i, sig, 4))
            continue;
        unsigned long ms = le32(data + i + 8);
        unsigned long ls = le32(data + i + 12);
        snprintf(buf, size, "%lu.%lu.%lu.%lu", ms >> 16, ms & 0xffff, ls >> 16, ls & 0xffff);
        break;
    }
    free(data);
    return buf;
}
