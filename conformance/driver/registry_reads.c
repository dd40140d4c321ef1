/* The machine settings the notifier reads (see registry_reads.h). */
#include "registry_reads.h"

#include "reg_key_name.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* RegGetValue's view flags [doc], not in every SDK's winreg.h. */
#ifndef RRF_SUBKEY_WOW6464KEY
#define RRF_SUBKEY_WOW6464KEY 0x00010000
#endif
#ifndef RRF_SUBKEY_WOW6432KEY
#define RRF_SUBKEY_WOW6432KEY 0x00020000
#endif

static volatile LONG recording;
static SRWLOCK lock = SRWLOCK_INIT;
static struct registry_read reads[REGISTRY_READS_MAX];
static unsigned n_reads;

void registry_reads_record(int on)
{
    InterlockedExchange(&recording, on);
}

unsigned registry_reads_count(void)
{
    return n_reads;
}

const struct registry_read *registry_read_at(unsigned i)
{
    return i < n_reads ? &reads[i] : NULL;
}

REGSAM registry_reads_view_of(DWORD rrf_flags)
{
    if (rrf_flags & RRF_SUBKEY_WOW6432KEY)
        return KEY_WOW64_32KEY;
    if (rrf_flags & RRF_SUBKEY_WOW6464KEY)
        return KEY_WOW64_64KEY;
    return 0;
}

static int is_predefined(HKEY key)
{
    ULONG_PTR k = (ULONG_PTR)key;
    return (k & 0xFFFFFFF0u) == 0x80000000u;
}

/* The part of a full key name below \REGISTRY\MACHINE\SOFTWARE (and its
 * 32-bit view, Wow6432Node), or NULL. */
static const WCHAR *below_software(const WCHAR *full)
{
    static const WCHAR machine_software[] = L"\\REGISTRY\\MACHINE\\SOFTWARE\\";
    static const WCHAR wow[] = L"Wow6432Node\\";
    size_t n = wcslen(machine_software);
    if (_wcsnicmp(full, machine_software, n))
        return NULL;
    const WCHAR *rest = full + n;
    if (!_wcsnicmp(rest, wow, wcslen(wow)))
        rest += wcslen(wow);
    return rest[0] ? rest : NULL;
}

static void add_read(const WCHAR *below, const WCHAR *value, DWORD type)
{
    if (wcslen(below) >= REGISTRY_READS_UNITS || wcslen(value) >= REGISTRY_READS_UNITS)
        return;
    AcquireSRWLockExclusive(&lock);
    int seen = 0;
    for (unsigned i = 0; i < n_reads && !seen; i++)
        seen = !_wcsicmp(reads[i].below_software, below) && !_wcsicmp(reads[i].value, value);
    if (!seen && n_reads < REGISTRY_READS_MAX) {
        wcscpy(reads[n_reads].below_software, below);
        wcscpy(reads[n_reads].value, value);
        reads[n_reads].type = type;
        n_reads++;
    }
    ReleaseSRWLockExclusive(&lock);
}

/* Notes value `value` of the open key `key` if it is a machine setting. */
static void note_open_key(HKEY key, const WCHAR *value)
{
    enum { NAME_UNITS = 1024 };
    WCHAR *name = malloc(NAME_UNITS * sizeof(WCHAR));
    if (name && reg_key_full_name(key, name, NAME_UNITS)) {
        const WCHAR *below = below_software(name);
        DWORD type = REG_NONE;
        if (below && !RegQueryValueExW(key, value, NULL, &type, NULL, NULL))
            add_read(below, value, type);
    }
    free(name);
}

void registry_reads_noteW(HKEY key, const WCHAR *sub, REGSAM view, const WCHAR *value,
                          LSTATUS status)
{
    if (!recording || (status != ERROR_SUCCESS && status != ERROR_MORE_DATA))
        return;
    const WCHAR *name = value ? value : L"";
    if (!sub || !sub[0]) {
        if (!is_predefined(key))
            note_open_key(key, name);
        return;
    }
    HKEY opened;
    if (RegOpenKeyExW(key, sub, 0, KEY_QUERY_VALUE | view, &opened))
        return;
    note_open_key(opened, name);
    RegCloseKey(opened);
}

/* An ANSI name in UTF-16 (the notifier's code page); NULL stays NULL. */
static WCHAR *wide_of(const char *s)
{
    if (!s)
        return NULL;
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w = n > 0 ? calloc((size_t)n, sizeof(WCHAR)) : NULL;
    if (w)
        MultiByteToWideChar(CP_ACP, 0, s, -1, w, n);
    return w;
}

void registry_reads_noteA(HKEY key, const char *sub, REGSAM view, const char *value, LSTATUS status)
{
    if (!recording || (status != ERROR_SUCCESS && status != ERROR_MORE_DATA))
        return;
    WCHAR *wsub = wide_of(sub);
    WCHAR *wvalue = wide_of(value);
    registry_reads_noteW(key, wsub, view, wvalue, status);
    free(wsub);
    free(wvalue);
}

void registry_reads_add_key(const WCHAR *below)
{
    WCHAR path[REGISTRY_READS_UNITS + 16];
    HKEY key;
    if (wcslen(below) >= REGISTRY_READS_UNITS)
        return;
    wcscpy(path, L"SOFTWARE\\");
    wcscat(path, below);
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key))
        return;
    for (DWORD i = 0;; i++) {
        WCHAR name[REGISTRY_READS_UNITS];
        DWORD units = REGISTRY_READS_UNITS;
        DWORD type = REG_NONE;
        LSTATUS r = RegEnumValueW(key, i, name, &units, NULL, &type, NULL, NULL);
        if (r == ERROR_NO_MORE_ITEMS)
            break;
        if (r == ERROR_SUCCESS)
            add_read(below, name, type);
    }
    RegCloseKey(key);
}
