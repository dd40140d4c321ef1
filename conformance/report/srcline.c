/* A notifier frame to its source line: the DLL's image base from its PE
 * header plus the frame's RVA, given to MinGW's addr2line, which reads the
 * DWARF line table a `-g` build carries. */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t image_base(const char *path)
{
    unsigned char h[4096];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n < 0x40 || h[0] != 'M' || h[1] != 'Z')
        return 0;
    uint32_t pe = h[0x3c] | (uint32_t)h[0x3d] << 8 | (uint32_t)h[0x3e] << 16 |
                  (uint32_t)h[0x3f] << 24;
    if (pe > n - 56)
        return 0;
    const unsigned char *opt = h + pe + 24;
    uint64_t base = 0;
    if (opt[0] == 0x0b && opt[1] == 0x02) {          /* PE32+: 8 bytes at 24 */
        for (int i = 7; i >= 0; i--)
            base = base << 8 | opt[24 + i];
    } else {                                          /* PE32: 4 bytes at 28 */
        for (int i = 3; i >= 0; i--)
            base = base << 8 | opt[28 + i];
    }
    return base;
}

/* "file.c:25", not "file:?" or "file:0": without DWARF, addr2line falls back
 * on the COFF .file symbol (a name cut to 14 characters, no line). */
static int known_line(const char *text)
{
    const char *colon = strrchr(text, ':');
    if (!colon || colon == text || colon[1] < '1' || colon[1] > '9')
        return 0;
    return strspn(colon + 1, "0123456789") == strlen(colon + 1);
}

void source_line(const char *frame, char *out, size_t cap)
{
    const char *dll = getenv("CONNOTIFY_NOTIFIER");
    const char *arch = getenv("CONNOTIFY_ARCH");
    const char *plus = strstr(frame, "+0x");
    out[0] = '\0';
#ifdef _WIN32
    /* Windows has no MinGW addr2line to ask: the frame stays as printed. */
    return;
#endif
    if (!dll || !plus || strchr(dll, '\'') || !strcmp(frame, "-"))
        return;
    uint64_t rva = strtoull(plus + 3, NULL, 16);
    uint64_t base = image_base(dll);
    if (!base || !rva)
        return;
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "%s-w64-mingw32-addr2line -e '%s' %#llx 2>/dev/null",
             arch && !strcmp(arch, "i686") ? "i686" : "x86_64", dll,
             (unsigned long long)(base + rva));
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    char line[512];
    if (fgets(line, sizeof line, p) && line[0] != '?') {
        line[strcspn(line, "\r\n")] = '\0';
        line[strcspn(line, " ")] = '\0'; /* " (discriminator N)" */
        const char *name = strrchr(line, '/');
        if (known_line(line))
            snprintf(out, cap, " at %s", name ? name + 1 : line);
    }
    pclose(p);
}
