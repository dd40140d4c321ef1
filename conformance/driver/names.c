/* Names of unusual shape (see names.h). */
#include "names.h"

#include "fence.h"
#include "out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define MAX_UNITS  32767
#define FAMILY_CAP 64

/* head, then `count` times unit, then tail; label names the shape. */
struct spec {
    const WCHAR *head;
    const WCHAR *unit;
    unsigned count;
    const WCHAR *tail;
    const char *label;
};

/* A parser with a fixed array of component pointers overflows past its
 * count; one recursing per component runs out of stack [design]. */
static const struct spec path_specs[] = {
    {L"\\\\s\\sh", L"\\a", 10, L"", "\\\\s\\sh and 10 components \\a"},
    {L"\\\\s\\sh", L"\\a", 64, L"", "\\\\s\\sh and 64 components \\a"},
    {L"\\\\s\\sh", L"\\a", 1000, L"", "\\\\s\\sh and 1000 components \\a"},
    {L"\\\\s\\sh", L"\\a", 16000, L"", "\\\\s\\sh and 16000 components \\a"},
    {L"", L"a\\", 1000, L"", "1000 components a\\, relative"},
    {L"\\\\s\\sh", L"\\..", 1000, L"", "\\\\s\\sh and 1000 components \\.."},
    {L"\\\\s\\sh", L"\\.", 1000, L"", "\\\\s\\sh and 1000 components \\."},
    {L"", L"\\", 64, L"", "64 backslashes"},
    {L"", L"\\", 32767, L"", "32767 backslashes"},
    {L"", L"/", 1000, L"", "1000 slashes"},
    {L"", L"\\/", 500, L"", "500 pairs \\/"},
    {L"\\\\server", L"\\\\\\\\", 16, L"share", "\\\\server, 64 backslashes, share"},
    {L"\\\\server\\share", L"\\", 1000, L"", "\\\\server\\share and 1000 trailing \\"},
    {L"", L":", 1000, L"", "1000 colons"},
    {L"", L"$", 1000, L"", "1000 dollars"},
    {L"\\\\s\\sh\\", L":$", 2000, L"", "\\\\s\\sh\\ and 2000 pairs :$"},
    {L"\\\\?\\UNC\\server\\share", L"", 0, L"", "\\\\?\\UNC\\server\\share"},
    {L"\\\\?\\UNC\\server\\share\\", L"", 0, L"", "\\\\?\\UNC\\server\\share\\"},
    {L"\\\\?\\UNC\\", L"", 0, L"", "\\\\?\\UNC\\"},
    {L"\\\\?\\UNC", L"", 0, L"", "\\\\?\\UNC"},
    {L"\\\\?\\", L"", 0, L"", "\\\\?\\"},
    {L"\\\\?\\C:\\", L"", 0, L"", "\\\\?\\C:\\"},
    {L"\\??\\UNC\\server\\share", L"", 0, L"", "\\??\\UNC\\server\\share"},
    {L"\\\\.\\", L"", 0, L"", "\\\\.\\"},
    {L"\\\\.\\pipe\\srvsvc", L"", 0, L"", "\\\\.\\pipe\\srvsvc"},
    {L"\\\\.\\C:", L"", 0, L"", "\\\\.\\C:"},
    {L"\\\\?\\UNC", L"\\a", 1000, L"", "\\\\?\\UNC and 1000 components \\a"},
    {L"\\", L"", 0, L"", "\\"},
    {L"\\\\", L"", 0, L"", "\\\\"},
    {L"\\\\\\", L"", 0, L"", "\\\\\\"},
    {L"\\\\server", L"", 0, L"", "\\\\server"},
    {L"\\\\server\\", L"", 0, L"", "\\\\server\\"},
    {L"\\\\server\\share\\", L"", 0, L"", "\\\\server\\share\\"},
    {L"//server/share/", L"", 0, L"", "//server/share/"},
    {L"\\\\server\\share:stream:$DATA", L"", 0, L"", "\\\\server\\share:stream:$DATA"},
    {L"\\\\server:445\\share", L"", 0, L"", "\\\\server:445\\share"},
    {L"\\\\server\\C$", L"", 0, L"", "\\\\server\\C$"},
    {L"\\\\server\\admin$\\", L"", 0, L"", "\\\\server\\admin$\\"},
    {L"\\\\:\\:", L"", 0, L"", "\\\\:\\:"},
    {L"\\\\$\\$", L"", 0, L"", "\\\\$\\$"},
    {L"$", L"", 0, L"", "$"},
    {L":", L"", 0, L"", ":"},
    {L"\\\\server\\share\\a:b$c:d", L"", 0, L"", "\\\\server\\share\\a:b$c:d"},
    {L"\\\\server@SSL@443\\DavWWWRoot\\x", L"", 0, L"", "\\\\server@SSL@443\\DavWWWRoot\\x"},
    {L"https://server/dav/share", L"", 0, L"", "https://server/dav/share"},
};

/* A name used as the format of printf, wsprintf or FormatMessage reads
 * arguments that were never passed [design]. */
static const struct spec format_specs[] = {
    {L"%s%s%s%s%n", L"", 0, L"", "%s%s%s%s%n"},
    {L"%n%n%n%n%n%n%n%n", L"", 0, L"", "%n%n%n%n%n%n%n%n"},
    {L"%999999d", L"", 0, L"", "%999999d"},
    {L"%ls%ls%ls%ls", L"", 0, L"", "%ls%ls%ls%ls"},
    {L"%S%S%S%S%hs%hs", L"", 0, L"", "%S%S%S%S%hs%hs"},
    {L"%p%p%p%p%p%p%p%p", L"", 0, L"", "%p%p%p%p%p%p%p%p"},
    {L"%x%x%x%x%x%x%x%x%llx%I64x", L"", 0, L"", "%x%x%x%x%x%x%x%x%llx%I64x"},
    {L"%.999999f%*d", L"", 0, L"", "%.999999f%*d"},
    {L"%1!s!%2!s!%3%4%5%99", L"", 0, L"", "%1!s!%2!s!%3%4%5%99 (FormatMessage inserts)"},
    {L"\\\\server\\%s%s%s%s%n\\share", L"", 0, L"", "\\\\server\\%s%s%s%s%n\\share"},
    {L"\\\\srv\\sh\\%999999d", L"", 0, L"", "\\\\srv\\sh\\%999999d"},
    {L"\\\\[fe80::1%4]\\share", L"", 0, L"", "\\\\[fe80::1%4]\\share"},
    {L"", L"%s", 2000, L"", "2000 times %s"},
};

/* A table indexed by local[0] - 'A' and a local buffer sized in bytes
 * instead of units: lpLocalName is any string [doc]. */
static const WCHAR far_first[][3] = {
    {0xff, ':', 0},   {0xffff, ':', 0}, {0xd800, ':', 0},
    {0xdfff, ':', 0}, {0x01, ':', 0},   {0x7f, ':', 0},
};
static const char *const far_labels[] = {
    "U+00FF:", "U+FFFF:", "U+D800:", "U+DFFF:", "U+0001:", "U+007F:",
};
static const struct spec local_specs[] = {
    {L"z:", L"", 0, L"", "z:"},
    {L"a:", L"", 0, L"", "a:"},
    {L"0:", L"", 0, L"", "0:"},
    {L"@:", L"", 0, L"", "@:"},
    {L"[:", L"", 0, L"", "[:"},
    {L"\\:", L"", 0, L"", "\\:"},
    {L"]:", L"", 0, L"", "]:"},
    {L"^:", L"", 0, L"", "^:"},
    {L"_:", L"", 0, L"", "_:"},
    {L"`:", L"", 0, L"", "`:"},
    {L"{:", L"", 0, L"", "{:"},
    {L":", L"", 0, L"", ":"},
    {L"::", L"", 0, L"", "::"},
    {L"z", L"", 0, L"", "z"},
    {L"Z:\\", L"", 0, L"", "Z:\\"},
    {L"ZZ:", L"", 0, L"", "ZZ:"},
    {L"LPT1", L"", 0, L"", "LPT1"},
    {L"LPT1:", L"", 0, L"", "LPT1:"},
    {L"COM1:", L"", 0, L"", "COM1:"},
    {L"PRN", L"", 0, L"", "PRN"},
    {L"\\\\", L"", 0, L"", "\\\\"},
    {L"\\\\.\\Z:", L"", 0, L"", "\\\\.\\Z:"},
    {L"Z:", L"x", 15, L"", "a 17-unit Z:xxx..."},
    {L"Z:", L"x", 31, L"", "a 33-unit Z:xxx..."},
    {L"Z:", L"x", 62, L"", "a 64-unit Z:xxx..."},
    {L"Z:", L"x", 258, L"", "a 260-unit Z:xxx..."},
    {L"Z:", L"x", 32765, L"", "a 32767-unit Z:xxx..."},
    {L"", L"z", 17, L"", "a 17-unit zzz..."},
    {L"LPT", L"1", 30, L"", "a 33-unit LPT111..."},
};

static WCHAR *build(const struct spec *s)
{
    size_t head = wcslen(s->head);
    size_t unit = wcslen(s->unit);
    size_t n = head + unit * s->count + wcslen(s->tail);
    if (n > MAX_UNITS) {
        out_line("ERROR\tname '%s' has %lu units, over %u", s->label, (unsigned long)n, MAX_UNITS);
        ExitProcess(2);
    }
    WCHAR *buf = malloc((n + 1) * sizeof(WCHAR));
    if (!buf) {
        out_line("ERROR\tout of memory for names");
        ExitProcess(2);
    }
    wcscpy(buf, s->head);
    WCHAR *p = buf + head;
    for (unsigned i = 0; i < s->count; i++, p += unit)
        memcpy(p, s->unit, unit * sizeof(WCHAR));
    wcscpy(p, s->tail);
    return buf;
}

static unsigned add_specs(struct odd_name *out, unsigned n, const struct spec *specs, size_t count)
{
    for (size_t i = 0; i < count && n < FAMILY_CAP; i++, n++) {
        WCHAR *buf = build(&specs[i]);
        out[n].name = fence_wstr(buf, specs[i].label);
        snprintf(out[n].label, sizeof out[n].label, "%s", specs[i].label);
        free(buf);
    }
    return n;
}

unsigned odd_names(enum name_family family, const struct odd_name **names)
{
    static struct odd_name made[3][FAMILY_CAP];
    static unsigned count[3];
    struct odd_name *out = made[family];
    if (count[family]) {
        *names = out;
        return count[family];
    }
    unsigned n = 0;
    if (family == NAMES_PATH)
        n = add_specs(out, n, path_specs, sizeof path_specs / sizeof path_specs[0]);
    if (family == NAMES_FORMAT)
        n = add_specs(out, n, format_specs, sizeof format_specs / sizeof format_specs[0]);
    if (family == NAMES_LOCAL) {
        for (size_t i = 0; i < sizeof far_first / sizeof far_first[0]; i++, n++) {
            out[n].name = fence_wstr(far_first[i], far_labels[i]);
            snprintf(out[n].label, sizeof out[n].label, "%s", far_labels[i]);
        }
        n = add_specs(out, n, local_specs, sizeof local_specs / sizeof local_specs[0]);
    }
    count[family] = n;
    *names = out;
    return n;
}
