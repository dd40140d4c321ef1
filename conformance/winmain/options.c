/* Options and input checks (options.h). */
#include "options.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void conform_die(int status, const char *fmt, ...)
{
    va_list ap;
    fputs(status == CONFORM_ENVIRONMENT ? "conformance: environment error: "
                                        : "conformance: error: ",
          stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(status);
}

static unsigned number(const WCHAR *opt, const WCHAR *v)
{
    WCHAR *end;
    unsigned long n = wcstoul(v, &end, 10);
    if (!*v || *end || n == 0 || n > 100000000 || v[0] == L'-' || v[0] == L'+')
        conform_die(CONFORM_INPUT, "%ls needs a positive number, not '%ls'", opt, v);
    return (unsigned)n;
}

static int is(const WCHAR *a, const WCHAR *b)
{
    return !wcscmp(a, b);
}

void options_parse(struct options *o, int argc, WCHAR **argv)
{
    memset(o, 0, sizeof *o);
    o->arch = sizeof(void *) == 8 ? "x86_64" : "i686";
    /* Windows' own mpr.dll calls notifiers [doc]; Wine's does not [wine]. */
    o->mpr =
        GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") ? "stock" : "patched";
    o->timeout_s = 120;
    o->budget_ms = 50;
    for (int i = 1; i < argc; i++) {
        const WCHAR *a = argv[i];
        if (is(a, L"-h") || is(a, L"--help")) {
            o->help = 1;
            continue;
        }
        if (wcsncmp(a, L"--", 2))
            conform_die(CONFORM_INPUT, "unknown argument '%ls' (see --help)", a);
        if (i + 1 >= argc || !argv[i + 1][0])
            conform_die(CONFORM_INPUT, "%ls needs a value", a);
        const WCHAR *v = argv[++i];
        if (is(a, L"--notifier")) {
            o->notifier_arg = v;
            DWORD n = GetFullPathNameW(v, MAX_PATH * 2, o->notifier, NULL);
            if (!n || n >= MAX_PATH * 2)
                conform_die(CONFORM_INPUT, "no such file: %ls", v);
        } else if (is(a, L"--arch")) {
            if (!is(v, L"x86_64") && !is(v, L"i686"))
                conform_die(CONFORM_INPUT, "--arch must be x86_64 or i686, not '%ls'", v);
            if (strcmp(o->arch, is(v, L"i686") ? "i686" : "x86_64"))
                conform_die(CONFORM_INPUT,
                            "--arch %ls needs the %ls build of"
                            " connotify-conform.exe (this one is %s)",
                            v, v, o->arch);
        } else if (is(a, L"--mpr")) {
            if (!is(v, L"stock") && !is(v, L"patched"))
                conform_die(CONFORM_INPUT, "--mpr must be stock or patched: '%ls'", v);
            o->mpr = is(v, L"stock") ? "stock" : "patched";
        } else if (is(a, L"--only")) {
            WideCharToMultiByte(CP_ACP, 0, v, -1, o->only, sizeof o->only, NULL, NULL);
        } else if (is(a, L"--junit")) {
            o->junit = v;
        } else if (is(a, L"--html")) {
            o->html = v;
        } else if (is(a, L"--results")) {
            o->results = v;
        } else if (is(a, L"--keep-logs")) {
            o->keep = v;
        } else if (is(a, L"--timeout")) {
            o->timeout_s = number(a, v);
        } else if (is(a, L"--budget-ms") || is(a, L"--load-budget-ms") || is(a, L"--cycles") ||
                   is(a, L"--stack-budget")) {
            unsigned n = number(a, v);
            if (is(a, L"--budget-ms"))
                o->budget_ms = n;
            o->extra[o->nextra++] = a;
            o->extra[o->nextra++] = v;
        } else {
            conform_die(CONFORM_INPUT, "unknown argument '%ls' (see --help)", a);
        }
    }
}

/* The directory part of PATH exists ("" and "x" name the current one). */
static int dir_exists(const WCHAR *path)
{
    WCHAR d[MAX_PATH * 2];
    wcsncpy(d, path, MAX_PATH * 2 - 1);
    d[MAX_PATH * 2 - 1] = 0;
    WCHAR *s = wcsrchr(d, L'\\');
    WCHAR *f = wcsrchr(d, L'/');
    if (f > s)
        s = f;
    if (!s)
        return 1;
    s[s == d || s[-1] == L':' ? 1 : 0] = 0;
    DWORD at = GetFileAttributesW(d);
    return at != INVALID_FILE_ATTRIBUTES && (at & FILE_ATTRIBUTE_DIRECTORY);
}

void options_check_input(const struct options *o)
{
    const WCHAR *outs[] = {o->junit, o->html, o->results};
    if (o->notifier[0]) {
        const WCHAR *n = o->notifier_arg;
        DWORD at = GetFileAttributesW(o->notifier);
        if (at == INVALID_FILE_ATTRIBUTES)
            conform_die(CONFORM_INPUT, "no such file: %ls", n);
        FILE *f = _wfopen(o->notifier, L"rb");
        if ((at & FILE_ATTRIBUTE_DIRECTORY) || !f)
            conform_die(CONFORM_INPUT, "not a readable file: %ls", n);
        unsigned char h[4096] = {0};
        size_t got = fread(h, 1, sizeof h, f);
        fclose(f);
        if (got < 2 || h[0] != 'M' || h[1] != 'Z')
            conform_die(CONFORM_INPUT, "not a PE file (no MZ header): %ls", n);
        unsigned long pe = 0;
        if (got >= 64)
            pe = h[60] | (unsigned long)h[61] << 8 | (unsigned long)h[62] << 16 |
                 (unsigned long)h[63] << 24;
        if (pe + 24 > got || memcmp(h + pe, "PE\0\0", 4))
            conform_die(CONFORM_INPUT, "not a PE file (no PE signature): %ls", n);
        if (!(h[pe + 23] & 0x20)) /* IMAGE_FILE_DLL, 0x2000 of Characteristics */
            conform_die(CONFORM_INPUT, "not a DLL (no IMAGE_FILE_DLL flag: an .exe?): %ls", n);
    }
    for (int i = 0; i < 3; i++) {
        if (outs[i] && !dir_exists(outs[i]))
            conform_die(CONFORM_INPUT, "no such directory for output: %ls", outs[i]);
    }
}
