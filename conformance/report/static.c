/* cn_report static DIR ARCH NAME
 * The static checks from the lines of `cn_report pe` (DIR/pe.txt, the format
 * of ci/pe-check.sh): static.arch, static.exports, static.imports (the
 * "heavy:" lines, from the one list of heavy imports, ci/heavy-imports.txt),
 * static.sections (the section table of the file named on the "file:" line).
 * Appends to DIR/verdicts.tsv; prints why the runtime cases cannot run (wrong
 * machine, no exports at all), or nothing. */
#include "report.h"
#include "verdicts.h"

#include <string.h>

/* Appends the value of each "key: value" line to buf, space-separated;
 * for exports, the name after the ordinal. */
static void values(FILE *pe, const char *key, char *buf, size_t size)
{
    char line[1024];
    size_t klen = strlen(key);
    buf[0] = '\0';
    rewind(pe);
    while (fgets(line, sizeof line, pe)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, key, klen))
            continue;
        const char *v = line + klen;
        if (*v == '@')
            v += strcspn(v, " ") + 1;
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", len ? " " : "", v);
    }
}

/* pe-check's decorated and missing exports, "; "-separated (an extra export
 * is no problem for MPR). */
static void export_problems(FILE *pe, char *buf, size_t size)
{
    static const char key[] = "pe-check: FAIL: ";
    char line[1024];
    buf[0] = '\0';
    rewind(pe);
    while (fgets(line, sizeof line, pe)) {
        line[strcspn(line, "\n")] = '\0';
        const char *v = line + sizeof key - 1;
        if (strncmp(line, key, sizeof key - 1) ||
            (strncmp(v, "decorated", 9) && strncmp(v, "missing", 7)))
            continue;
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", len ? "; " : "", v);
    }
}

static void put(FILE *out, const char *id, const char *verdict, const char *detail)
{
    fprintf(out, "%s\t%s\t%s\tstatic\t0\t-\n", id, verdict, detail);
}

/* static.sections [design]: a section both SHARED and WRITE is one copy of
 * its bytes in every process that maps the DLL, whatever its user or
 * session: any of them rewrites what the others, services too, read. */
static void shared_sections(FILE *pe, FILE *out)
{
    char file[4096];
    char found[2048];
    char detail[4096];
    values(pe, "file: ", file, sizeof file);
    int n = pe_shared_writable(file, found, sizeof found);
    if (n < 0) {
        put(out, "static.sections", "incomplete", "the PE file could not be read again");
    } else if (n) {
        snprintf(detail, sizeof detail,
                 "section %s is SHARED and WRITE (IMAGE_SCN_MEM_SHARED | "
                 "IMAGE_SCN_MEM_WRITE): one copy in every process that loads the DLL, across "
                 "users and sessions; a lower-privileged process rewrites what a service's copy "
                 "reads (handles, pointers, paths) [from #pragma data_seg with /SECTION:name,RWS "
                 "or __attribute__((shared))]",
                 found);
        put(out, "static.sections", "fail", detail);
    } else {
        put(out, "static.sections", "pass", "no section both shared and writable");
    }
}

int static_main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: cn_report static DIR ARCH NAME\n");
        return 2;
    }
    const char *arch = argv[3];
    const char *name = argv[4];
    char path[4096];
    char machine[256];
    char exports[4096];
    char imports[4096];
    char problems[4096];
    char detail[16384];
    snprintf(path, sizeof path, "%s/pe.txt", argv[2]);
    FILE *pe = fopen(path, "r");
    snprintf(path, sizeof path, "%s/verdicts.tsv", argv[2]);
    FILE *out = fopen(path, "a");
    if (!pe || !out)
        return 2;
    values(pe, "machine: ", machine, sizeof machine);
    values(pe, "export: ", exports, sizeof exports);
    values(pe, "import: ", imports, sizeof imports);
    export_problems(pe, problems, sizeof problems);
    if (!strcmp(machine, arch)) {
        put(out, "static.arch", "pass", machine);
    } else {
        snprintf(detail, sizeof detail, "the DLL is %s, not %s (use --arch %s)", machine, arch,
                 machine);
        put(out, "static.arch", "fail", detail);
    }
    if (problems[0]) {
        snprintf(detail, sizeof detail, "%s [MPR calls GetProcAddress with the plain names]",
                 problems);
        put(out, "static.exports", "fail", detail);
    } else if (!exports[0]) {
        put(out, "static.exports", "fail", "no exports at all");
    } else {
        snprintf(detail, sizeof detail, "exports: %s", exports);
        put(out, "static.exports", "pass", detail);
    }
    char found[4096];
    values(pe, "heavy: ", found, sizeof found);
    if (found[0]) {
        snprintf(detail, sizeof detail,
                 "imports %s at load time: loaded into every process that"
                 " maps a drive (imports: %s)",
                 found, imports);
        put(out, "static.imports", "warn", detail);
    } else {
        snprintf(detail, sizeof detail, "imports: %s", imports);
        put(out, "static.imports", "pass", detail);
    }
    shared_sections(pe, out);
    if (strcmp(machine, arch))
        printf("%s is %s, not %s: use --arch %s\n", name, machine, arch, machine);
    else if (!exports[0])
        printf("%s has no exports: not a notifier DLL\n", name);
    fclose(pe);
    return fclose(out) ? 2 : 0;
}
