/* Registry state saved to a file and put back (regsave.h). The file is text:
 *   key VIEW PATH present|absent
 *   value VIEW PATH NAME TYPE DATA        (NAME and DATA in hex)
 * one item per line, tab-separated, written and flushed before any change. */
#include "regsave.h"

#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define NETPROV L"System\\CurrentControlSet\\Control\\NetworkProvider\\"
#define SERVICE L"System\\CurrentControlSet\\Services\\ConnotifyConformanceProvider"

/* The driver's case_mpr.c writes the first four (ProviderOrder, its
 * Notifyees value, the test provider's service); the reference notifier
 * reads LogPath from the last, which is per view [doc]. */
const WCHAR *const regsave_keys[] = {
    NETPROV L"Order",
    NETPROV L"Notifyees",
    SERVICE,
    SERVICE L"\\NetworkProvider",
    L"SOFTWARE\\connotify",
    NULL,
};

const WCHAR *regsave_file(void)
{
    static WCHAR path[MAX_PATH + 64];
    DWORD n = GetTempPathW(MAX_PATH, path);
    if (!n || n > MAX_PATH)
        wcscpy(path, L".\\");
    wcscat(path, L"connotify-conform-registry.txt");
    return path;
}

static void hex(FILE *f, const BYTE *b, DWORD n)
{
    if (!n)
        fputc('-', f);
    for (DWORD i = 0; i < n; i++)
        fprintf(f, "%02x", b[i]);
}

static DWORD unhex(const char *s, BYTE *b, DWORD cap)
{
    DWORD n = 0;
    unsigned v;
    if (!strcmp(s, "-"))
        return 0;
    while (n < cap && sscanf(s, "%2x", &v) == 1) {
        b[n] = (BYTE)v;
        n++;
        s += 2;
    }
    return n;
}

static const char *view_word(REGSAM view)
{
    return view == KEY_WOW64_32KEY ? "32" : "64";
}

static int save_key(FILE *f, const WCHAR *path, REGSAM view)
{
    HKEY k;
    LONG r = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_QUERY_VALUE | view, &k);
    if (r == ERROR_FILE_NOT_FOUND) {
        fprintf(f, "key\t%s\t%ls\tabsent\n", view_word(view), path);
        return 0;
    }
    if (r) {
        fprintf(stderr, "conformance: error: cannot read HKLM\\%ls (error %ld)\n", path, r);
        return -1;
    }
    fprintf(f, "key\t%s\t%ls\tpresent\n", view_word(view), path);
    static BYTE data[65536];
    WCHAR name[16384];
    for (DWORD i = 0;; i++) {
        DWORD nlen = sizeof name / sizeof name[0];
        DWORD size = sizeof data;
        DWORD type;
        r = RegEnumValueW(k, i, name, &nlen, NULL, &type, data, &size);
        if (r == ERROR_NO_MORE_ITEMS)
            break;
        if (r) {
            fprintf(stderr, "conformance: error: cannot read HKLM\\%ls (error %ld)\n", path, r);
            RegCloseKey(k);
            return -1;
        }
        fprintf(f, "value\t%s\t%ls\t", view_word(view), path);
        hex(f, (const BYTE *)name, nlen * sizeof(WCHAR));
        fprintf(f, "\t%lu\t", type);
        hex(f, data, size);
        fputc('\n', f);
    }
    RegCloseKey(k);
    return 0;
}

int regsave_save(const WCHAR *file, REGSAM view)
{
    FILE *f = _wfopen(file, L"w");
    if (!f) {
        fprintf(stderr, "conformance: error: cannot write %ls\n", file);
        return -1;
    }
    fprintf(f, "connotify-conform registry 1\n");
    int bad = 0;
    for (int i = 0; regsave_keys[i] && !bad; i++)
        bad = save_key(f, regsave_keys[i], view);
    /* Complete on disk before the first change: a crash right after it
     * still leaves what to restore. */
    if (fflush(f) || _commit(_fileno(f)) || bad) {
        fclose(f);
        _wremove(file);
        return -1;
    }
    fclose(f);
    return 0;
}

/* One saved key: its values, to compare with and write back. */
struct saved {
    REGSAM view;
    WCHAR path[512];
    int present;
    int nvalues;
    struct {
        WCHAR name[512];
        DWORD type;
        DWORD size;
        BYTE *data;
    } v[64];
};

static int same_value(HKEY k, const WCHAR *name, DWORD type, const BYTE *data, DWORD size)
{
    static BYTE now[65536];
    DWORD t;
    DWORD n = sizeof now;
    if (RegQueryValueExW(k, name, NULL, &t, now, &n))
        return 0;
    return t == type && n == size && !memcmp(now, data, size);
}

/* Values of the key that the saved state lacks are deleted. */
static int drop_new_values(HKEY k, const struct saved *s, int loud)
{
    WCHAR name[16384];
    int bad = 0;
    for (DWORD i = 0;;) {
        DWORD nlen = sizeof name / sizeof name[0];
        if (RegEnumValueW(k, i, name, &nlen, NULL, NULL, NULL, NULL))
            break;
        int keep = 0;
        for (int j = 0; j < s->nvalues && !keep; j++)
            keep = !_wcsicmp(s->v[j].name, name);
        if (keep) {
            i++;
            continue;
        }
        if (RegDeleteValueW(k, name)) {
            bad++;
            i++;
        } else if (loud) {
            printf("conformance: restored: deleted HKLM\\%ls value %ls\n", s->path, name);
        }
    }
    return bad;
}

static int put_back(const struct saved *s, int loud)
{
    HKEY k;
    int bad = 0;
    if (!s->present) {
        if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, s->path, 0, KEY_ALL_ACCESS | s->view, &k))
            return 0;
        /* Through a handle opened in the view: RegDeleteTreeW takes none. */
        LONG r = RegDeleteTreeW(k, NULL);
        RegCloseKey(k);
        if (!r || r == ERROR_FILE_NOT_FOUND)
            r = RegDeleteKeyExW(HKEY_LOCAL_MACHINE, s->path, s->view, 0);
        if (r && r != ERROR_FILE_NOT_FOUND) {
            fprintf(stderr, "conformance: error: cannot delete HKLM\\%ls (error %ld)\n", s->path,
                    r);
            return 1;
        }
        if (loud)
            printf("conformance: restored: deleted HKLM\\%ls\n", s->path);
        return 0;
    }
    LONG r = RegCreateKeyExW(HKEY_LOCAL_MACHINE, s->path, 0, NULL, 0,
                             KEY_READ | KEY_SET_VALUE | s->view, NULL, &k, NULL);
    if (r) {
        fprintf(stderr, "conformance: error: cannot open HKLM\\%ls (error %ld)\n", s->path, r);
        return 1;
    }
    bad += drop_new_values(k, s, loud);
    for (int j = 0; j < s->nvalues; j++) {
        if (same_value(k, s->v[j].name, s->v[j].type, s->v[j].data, s->v[j].size))
            continue;
        if (RegSetValueExW(k, s->v[j].name, 0, s->v[j].type, s->v[j].data, s->v[j].size)) {
            fprintf(stderr, "conformance: error: cannot write HKLM\\%ls value %ls\n", s->path,
                    s->v[j].name);
            bad++;
        } else if (loud) {
            printf("conformance: restored: HKLM\\%ls value %ls\n", s->path, s->v[j].name);
        }
    }
    RegCloseKey(k);
    return bad;
}

static int parse(FILE *f, struct saved *keys, int cap)
{
    static char line[300000];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *fld[6] = {0};
        int nf = 0;
        for (char *p = line; p && nf < 6; nf++) {
            fld[nf] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        REGSAM view = nf > 1 && !strcmp(fld[1], "32") ? KEY_WOW64_32KEY : KEY_WOW64_64KEY;
        if (nf == 4 && !strcmp(fld[0], "key") && n < cap) {
            struct saved *s = &keys[n];
            n++;
            s->view = view;
            MultiByteToWideChar(CP_ACP, 0, fld[2], -1, s->path, 512);
            s->present = !strcmp(fld[3], "present");
        } else if (nf == 6 && !strcmp(fld[0], "value") && n > 0 && keys[n - 1].nvalues < 64) {
            struct saved *s = &keys[n - 1];
            int j = s->nvalues;
            s->nvalues++;
            DWORD len = unhex(fld[3], (BYTE *)s->v[j].name, sizeof s->v[j].name - sizeof(WCHAR));
            s->v[j].name[len / sizeof(WCHAR)] = 0;
            s->v[j].type = strtoul(fld[4], NULL, 10);
            s->v[j].data = malloc(strlen(fld[5]) / 2 + 1);
            s->v[j].size =
                s->v[j].data ? unhex(fld[5], s->v[j].data, (DWORD)strlen(fld[5]) / 2) : 0;
        }
    }
    return n;
}

int regsave_restore(const WCHAR *file, int loud)
{
    FILE *f = _wfopen(file, L"r");
    if (!f)
        return GetFileAttributesW(file) == INVALID_FILE_ATTRIBUTES ? 0 : -1;
    static struct saved keys[16];
    memset(keys, 0, sizeof keys);
    int n = parse(f, keys, 16);
    fclose(f);
    int bad = 0;
    /* Children first: a key deleted with its tree takes them along. */
    for (int i = n - 1; i >= 0; i--)
        bad += put_back(&keys[i], loud);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < keys[i].nvalues; j++)
            free(keys[i].v[j].data);
    }
    if (!bad)
        _wremove(file);
    return bad;
}
