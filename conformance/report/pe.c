/* cn_report pe FILE HEAVY ARCH EXPORTS
 * The runner's static facts about a notifier, read from its PE headers in
 * portable C, so the Windows runner needs no objdump: the lines of
 * ci/pe-check.sh (same format, which `cn_report static` reads): file, machine,
 * export (@ORDINAL NAME, name table order), import, heavy (an import matching
 * a pattern of the list HEAVY), then "pe-check: FAIL: ..." per problem or
 * "pe-check: OK". ARCH ("" for any): the machine wanted. EXPORTS ("" for
 * none): the comma-separated plain names the table must hold; a decorated
 * form of one is named as such. Exit status: 0 OK, 1 a problem, 2 bad input
 * ("pe-check: error: ..." on stderr). conformance/tests/pe_same.sh checks
 * that both tools print the same for every DLL of the build. */
#include "report.h"
#include "verdicts.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pe {
    const unsigned char *b;
    size_t n;
    size_t sections; /* offset of the section table */
    unsigned nsect;
    int plus;    /* PE32+ */
    size_t dirs; /* offset of the data directories */
    unsigned ndirs;
};

static uint32_t le(const struct pe *p, size_t off, int bytes)
{
    uint32_t v = 0;
    if (off + (size_t)bytes > p->n)
        return 0;
    for (int i = bytes - 1; i >= 0; i--)
        v = v << 8 | p->b[off + (size_t)i];
    return v;
}

/* The file offset of an RVA, or 0 when no section holds it. */
static size_t file_offset(const struct pe *p, uint32_t rva)
{
    for (unsigned i = 0; i < p->nsect; i++) {
        size_t s = p->sections + 40u * i;
        uint32_t va = le(p, s + 12, 4);
        uint32_t size = le(p, s + 16, 4);
        uint32_t vsize = le(p, s + 8, 4);
        uint32_t raw = le(p, s + 20, 4);
        if (vsize > size)
            size = vsize;
        if (rva >= va && rva < va + size && raw + (size_t)(rva - va) < p->n)
            return raw + (size_t)(rva - va);
    }
    return 0;
}

static const char *string_at(const struct pe *p, uint32_t rva)
{
    size_t off = file_offset(p, rva);
    if (!off || !memchr(p->b + off, '\0', p->n - off))
        return NULL;
    return (const char *)p->b + off;
}

static const char *machine_name(unsigned m, char *buf, size_t size)
{
    if (m == 0x8664)
        return "x86_64";
    if (m == 0x14c)
        return "i686";
    if (m == 0xaa64)
        return "arm64";
    snprintf(buf, size, "unknown(machine %#x)", m);
    return buf;
}

/* A shell case pattern with '*' and '?' (what heavy-imports.txt uses). */
static int glob(const char *pat, const char *s)
{
    if (!*pat)
        return !*s;
    if (*pat == '*')
        return glob(pat + 1, s) || (*s && glob(pat, s + 1));
    if (*s && (*pat == '?' || *pat == *s))
        return glob(pat + 1, s + 1);
    return 0;
}

static int heavy(FILE *list, const char *dll)
{
    char lc[512];
    char line[512];
    size_t i = 0;
    for (; dll[i] && i + 1 < sizeof lc; i++)
        lc[i] = (char)tolower((unsigned char)dll[i]);
    lc[i] = '\0';
    rewind(list);
    while (fgets(line, sizeof line, list)) {
        char *w = line + strspn(line, " \t");
        w[strcspn(w, " \t\r\n")] = '\0';
        if (*w && *w != '#' && glob(w, lc))
            return 1;
    }
    return 0;
}

/* NAME without one leading '_' or '@' and a trailing "@digits". */
static void undecorated(const char *name, char *buf, size_t size)
{
    if (*name == '_' || *name == '@')
        name++;
    snprintf(buf, size, "%s", name);
    char *at = strrchr(buf, '@');
    if (at && at[1] && strspn(at + 1, "0123456789") == strlen(at + 1))
        *at = '\0';
}

/* A decorated form of W: _W, W@N, _W@N or @W@N. */
static int decorated(const char *name, const char *w)
{
    char base[512];
    undecorated(name, base, sizeof base);
    if (strcmp(base, w) || !strcmp(name, w))
        return 0;
    return name[0] != '@' || strrchr(name, '@') != name;
}

static int load(struct pe *p, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned char *b = malloc(256u << 20);
    p->n = b ? fread(b, 1, 256u << 20, f) : 0;
    p->b = b;
    fclose(f);
    if (p->n < 0x40 || b[0] != 'M' || b[1] != 'Z')
        return 0;
    size_t nt = le(p, 0x3c, 4);
    if (le(p, nt, 4) != 0x4550)
        return 0;
    unsigned magic = le(p, nt + 24, 2);
    p->plus = magic == 0x20b;
    p->nsect = le(p, nt + 6, 2);
    p->sections = nt + 24 + le(p, nt + 20, 2);
    p->dirs = nt + 24 + (p->plus ? 112 : 96);
    p->ndirs = le(p, p->dirs - 4, 4);
    return magic == 0x10b || magic == 0x20b;
}

static uint32_t dir_rva(const struct pe *p, unsigned i)
{
    return i < p->ndirs ? le(p, p->dirs + 8u * i, 4) : 0;
}

/* A section's name: 8 bytes, or "/N", an offset into the COFF string table. */
static void section_name(const struct pe *p, size_t s, char *buf, size_t size)
{
    char raw[9];
    memcpy(raw, p->b + s, 8);
    raw[8] = '\0';
    size_t nt = le(p, 0x3c, 4);
    size_t strtab = le(p, nt + 12, 4) + 18u * (size_t)le(p, nt + 16, 4);
    size_t off = raw[0] == '/' ? strtab + (size_t)strtoul(raw + 1, NULL, 10) : 0;
    if (off > strtab && off < p->n && memchr(p->b + off, '\0', p->n - off))
        snprintf(buf, size, "%s", (const char *)p->b + off);
    else
        snprintf(buf, size, "%s", raw);
}

int pe_shared_writable(const char *path, char *buf, size_t size)
{
    /* IMAGE_SCN_MEM_SHARED and IMAGE_SCN_MEM_WRITE [doc] */
    const uint32_t shared_write = 0x10000000u | 0x80000000u;
    struct pe p = {0};
    int n = 0;
    buf[0] = '\0';
    if (!load(&p, path)) {
        free((void *)p.b);
        return -1;
    }
    for (unsigned i = 0; i < p.nsect && p.sections + 40u * (i + 1) <= p.n; i++) {
        size_t s = p.sections + 40u * i;
        uint32_t ch = le(&p, s + 36, 4);
        if ((ch & shared_write) != shared_write)
            continue;
        char name[256];
        section_name(&p, s, name, sizeof name);
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s (%#lx)", n ? ", " : "", name, (unsigned long)ch);
        n++;
    }
    free((void *)p.b);
    return n;
}

int pe_main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: cn_report pe FILE HEAVY ARCH EXPORTS\n");
        return 2;
    }
    const char *path = argv[2];
    const char *arch = argv[4];
    const char *want = argv[5];
    struct pe p = {0};
    FILE *list = fopen(argv[3], "r");
    if (!list) {
        fprintf(stderr, "pe-check: error: no readable heavy list: %s\n", argv[3]);
        return 2;
    }
    if (!load(&p, path)) {
        fprintf(stderr, "pe-check: error: not a PE file (cannot read its headers): %s\n", path);
        return 2;
    }
    char buf[64];
    const char *machine = machine_name(le(&p, le(&p, 0x3c, 4) + 4, 2), buf, sizeof buf);
    printf("file: %s\nmachine: %s\n", path, machine);
    /* Exports: the name pointer table, each with its ordinal (base + index). */
    size_t ex = dir_rva(&p, 0) ? file_offset(&p, dir_rva(&p, 0)) : 0;
    uint32_t nnames = ex ? le(&p, ex + 24, 4) : 0;
    size_t names = ex ? file_offset(&p, le(&p, ex + 32, 4)) : 0;
    size_t ords = ex ? file_offset(&p, le(&p, ex + 36, 4)) : 0;
    const char **got = calloc((size_t)nnames + 1, sizeof *got);
    uint32_t ngot = 0;
    for (uint32_t i = 0; got && names && ords && i < nnames; i++) {
        const char *name = string_at(&p, le(&p, names + 4u * i, 4));
        if (!name)
            continue;
        got[ngot++] = name;
        printf("export: @%lu %s\n", (unsigned long)(le(&p, ex + 16, 4) + le(&p, ords + 2u * i, 2)),
               name);
    }
    /* Imports: one descriptor of 20 bytes per DLL, up to an empty one. */
    size_t im = dir_rva(&p, 1) ? file_offset(&p, dir_rva(&p, 1)) : 0;
    char heavy_found[4096] = "";
    for (size_t d = im; im && le(&p, d + 12, 4) && d + 20 <= p.n; d += 20) {
        const char *dll = string_at(&p, le(&p, d + 12, 4));
        if (!dll)
            continue;
        printf("import: %s\n", dll);
        size_t len = strlen(heavy_found);
        if (heavy(list, dll))
            snprintf(heavy_found + len, sizeof heavy_found - len, "heavy: %s\n", dll);
    }
    fputs(heavy_found, stdout);
    fclose(list);
    int fail = 0;
    if (arch[0] && strcmp(arch, machine)) {
        printf("pe-check: FAIL: machine %s, want %s\n", machine, arch);
        fail = 1;
    }
    char w[512];
    for (const char *q = want; *q;) {
        size_t len = strcspn(q, ",");
        snprintf(w, sizeof w, "%.*s", (int)len, q);
        q += len + (q[len] == ',');
        if (!w[0])
            continue;
        uint32_t i = 0;
        while (i < ngot && strcmp(got[i], w))
            i++;
        if (i < ngot)
            continue;
        for (i = 0; i < ngot && !decorated(got[i], w); i++)
            ;
        if (i < ngot)
            printf("pe-check: FAIL: decorated export %s (GetProcAddress looks up %s: link with a"
                   " .def file and -Wl,--kill-at)\n",
                   got[i], w);
        else
            printf("pe-check: FAIL: missing export %s\n", w);
        fail = 1;
    }
    for (uint32_t i = 0; want[0] && i < ngot; i++) {
        char base[512];
        undecorated(got[i], base, sizeof base);
        if (in_list(want, got[i]) || in_list(want, base))
            continue;
        printf("pe-check: FAIL: unexpected export %s\n", got[i]);
        fail = 1;
    }
    if (!fail)
        printf("pe-check: OK\n");
    free(got);
    free((void *)p.b);
    return fail;
}
