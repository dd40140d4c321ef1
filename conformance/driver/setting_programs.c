/* Programs the notifier's settings name (see setting_programs.h). */
#include "setting_programs.h"

#include <wchar.h>

static WCHAR programs[SETTING_PROGRAMS_MAX][MAX_PATH];
static unsigned n_programs;
enum { FILE_NAME_UNITS = 64 };
static WCHAR file_names[SETTING_PROGRAM_NAMES_MAX][FILE_NAME_UNITS];
static unsigned n_file_names;

/* A program's file name: printable, no separator, ".exe" after at least one unit. */
static int program_file_name(const WCHAR *p, size_t n)
{
    if (n < 5 || n >= FILE_NAME_UNITS || _wcsnicmp(p + n - 4, L".exe", 4))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] <= ' ' || p[i] >= 0x7f || wcschr(L"\\/:*?\"<>|;,", p[i]))
            return 0;
    }
    return 1;
}

void setting_program_name_keep(const WCHAR *name, size_t len)
{
    if (!program_file_name(name, len) || n_file_names == SETTING_PROGRAM_NAMES_MAX)
        return;
    for (unsigned i = 0; i < n_file_names; i++) {
        if (wcslen(file_names[i]) == len && !_wcsnicmp(file_names[i], name, len))
            return;
    }
    wmemcpy(file_names[n_file_names], name, len);
    file_names[n_file_names][len] = 0;
    n_file_names++;
}

/* A full path of a program: X:\ then at least one more unit, no ".." part, ends ".exe". */
static int program_path(const WCHAR *p, size_t n)
{
    if (n < 8 || n >= MAX_PATH || !iswalpha(p[0]) || p[1] != ':' || p[2] != '\\')
        return 0;
    for (size_t i = 2; i + 2 < n; i++) {
        if (p[i] == '\\' && p[i + 1] == '.' && p[i + 2] == '.')
            return 0;
    }
    return !_wcsnicmp(p + n - 4, L".exe", 4);
}

static void keep_one(const WCHAR *p, size_t n)
{
    WCHAR raw[MAX_PATH];
    WCHAR path[MAX_PATH];
    while (n && (*p == ' ' || *p == '"')) {
        p++;
        n--;
    }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '"'))
        n--;
    if (!n || n >= MAX_PATH)
        return;
    wmemcpy(raw, p, n);
    raw[n] = 0;
    DWORD got = ExpandEnvironmentStringsW(raw, path, MAX_PATH);
    if (!got || got > MAX_PATH)
        return;
    const WCHAR *last = wcsrchr(path, '\\');
    last = last ? last + 1 : path;
    setting_program_name_keep(last, wcslen(last));
    if (!program_path(path, wcslen(path)))
        return;
    for (unsigned i = 0; i < n_programs; i++) {
        if (!_wcsicmp(programs[i], path))
            return;
    }
    if (n_programs < SETTING_PROGRAMS_MAX)
        wcscpy(programs[n_programs++], path);
}

void setting_programs_keep(const WCHAR *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] && text[i] != ';')
            i++;
        keep_one(text + start, i - start);
        i++;
    }
}

unsigned setting_programs(const WCHAR **out, unsigned cap)
{
    unsigned n = n_programs < cap ? n_programs : cap;
    for (unsigned i = 0; i < n; i++)
        out[i] = programs[i];
    return n;
}

unsigned setting_program_names(const WCHAR **out, unsigned cap)
{
    unsigned n = n_file_names < cap ? n_file_names : cap;
    for (unsigned i = 0; i < n; i++)
        out[i] = file_names[i];
    return n;
}
