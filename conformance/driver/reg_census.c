/* The keys below HKCU\Software and HKLM\Software (see reg_census.h). */
#include "reg_census.h"

#include <stdlib.h>
#include <wchar.h>

enum { PATH_UNITS = 1024, KEYS_MAX = 200000 };

struct root {
    HKEY key;
    const WCHAR *path;
    const WCHAR *shown;
};

static const struct root roots[] = {
    {HKEY_CURRENT_USER, L"Software", L"HKCU\\Software"},
    {HKEY_LOCAL_MACHINE, L"Software", L"HKLM\\Software"},
};

/* Subtrees not walked: COM classes (large, and no notifier's per-process state) and Wine's
 * own settings. */
static int skipped(const WCHAR *name)
{
    return !_wcsicmp(name, L"Classes") || !_wcsicmp(name, L"Wine") ||
           !_wcsicmp(name, L"Wow6432Node");
}

static unsigned long long path_hash(const WCHAR *path)
{
    unsigned long long h = 1469598103934665603ULL;
    for (; *path; path++) {
        h ^= (unsigned long long)towlower(*path);
        h *= 1099511628211ULL;
    }
    return h;
}

/* What a walk does with each key's path. */
struct walk {
    struct reg_census *into;         /* taking: hashes appended */
    const struct reg_census *before; /* comparing: keys not in it counted */
    WCHAR pid[16];                   /* ... and named after this process id */
    ULARGE_INTEGER since;            /* ... or written since then */
    size_t found;
    WCHAR *first;
    size_t first_cap;
};

static int cmp_hash(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a;
    unsigned long long y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

/* 1 when path holds number as a whole decimal number (no digit either side). */
static int names_number(const WCHAR *path, const WCHAR *number)
{
    size_t n = wcslen(number);
    for (const WCHAR *at = wcsstr(path, number); at; at = wcsstr(at + 1, number)) {
        int digit_before = at > path && iswdigit(at[-1]);
        if (!digit_before && !iswdigit(at[n]))
            return 1;
    }
    return 0;
}

static int written_since(HKEY k, ULARGE_INTEGER since)
{
    FILETIME t;
    if (RegQueryInfoKeyW(k, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &t))
        return 0;
    ULARGE_INTEGER at = {.LowPart = t.dwLowDateTime, .HighPart = t.dwHighDateTime};
    return at.QuadPart >= since.QuadPart;
}

static void visit(struct walk *w, const WCHAR *path, HKEY k)
{
    unsigned long long h = path_hash(path);
    if (w->into) {
        if (w->into->n < KEYS_MAX)
            w->into->hashes[w->into->n++] = h;
        return;
    }
    if (!names_number(path, w->pid))
        return;
    if (bsearch(&h, w->before->hashes, w->before->n, sizeof h, cmp_hash) &&
        !written_since(k, w->since))
        return;
    if (!w->found && w->first_cap)
        swprintf(w->first, w->first_cap, L"%ls", path);
    w->found++;
}

static void walk_key(struct walk *w, HKEY parent, const WCHAR *sub, WCHAR *path, size_t len,
                     int depth)
{
    HKEY k;
    DWORD access = KEY_ENUMERATE_SUB_KEYS | KEY_QUERY_VALUE | KEY_WOW64_64KEY;
    if (depth > 32 || RegOpenKeyExW(parent, sub, 0, access, &k) != ERROR_SUCCESS)
        return;
    visit(w, path, k);
    WCHAR name[256];
    for (DWORD i = 0;; i++) {
        DWORD units = sizeof name / sizeof name[0];
        if (RegEnumKeyExW(k, i, name, &units, NULL, NULL, NULL, NULL) != ERROR_SUCCESS)
            break;
        if (depth == 0 && skipped(name))
            continue;
        if (len + 1 + units + 1 > PATH_UNITS)
            continue;
        path[len] = '\\';
        wmemcpy(path + len + 1, name, units + 1);
        walk_key(w, k, name, path, len + 1 + units, depth + 1);
        path[len] = 0;
    }
    RegCloseKey(k);
}

static void walk_all(struct walk *w)
{
    static WCHAR path[PATH_UNITS];
    for (size_t r = 0; r < sizeof roots / sizeof roots[0]; r++) {
        size_t len = wcslen(roots[r].shown);
        wmemcpy(path, roots[r].shown, len + 1);
        walk_key(w, roots[r].key, roots[r].path, path, len, 0);
    }
}

int reg_census_take(struct reg_census *c)
{
    c->n = 0;
    c->hashes = malloc(KEYS_MAX * sizeof *c->hashes);
    if (!c->hashes)
        return 0;
    struct walk w = {.into = c};
    walk_all(&w);
    qsort(c->hashes, c->n, sizeof *c->hashes, cmp_hash);
    return c->n > 0;
}

size_t reg_census_new_keys(const struct reg_census *before, DWORD pid, FILETIME since, WCHAR *first,
                           size_t cap)
{
    struct walk w = {.before = before, .first = first, .first_cap = cap};
    w.since.LowPart = since.dwLowDateTime;
    w.since.HighPart = since.dwHighDateTime;
    swprintf(w.pid, sizeof w.pid / sizeof w.pid[0], L"%lu", (unsigned long)pid);
    if (cap)
        first[0] = 0;
    walk_all(&w);
    return w.found;
}

void reg_census_free(struct reg_census *c)
{
    free(c->hashes);
    c->hashes = NULL;
    c->n = 0;
}
