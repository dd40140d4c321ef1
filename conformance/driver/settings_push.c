/* A change pushed to the notifier's lists (see settings_push.h). */
#include "settings_push.h"

#include "conform.h"
#include "reg_file_keys.h"
#include "settings_values.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum { PATH_UNITS = 300, DATA_BYTES = 1 << 16, MAX_SAVED = 8 };
enum { ENTRY_UNITS = 300 };

/* A value as it was before the push. */
struct saved {
    WCHAR below_software[PATH_UNITS];
    WCHAR *name;
    DWORD type;
    BYTE *data;
    DWORD size;
};

static struct saved saved[MAX_SAVED];
static unsigned n_saved;

struct push {
    enum setting_list kind;
    const WCHAR *remote;
    unsigned pad_units; /* made-up entries up to this many units, instead of remote's */
    BYTE *grown;        /* DATA_BYTES */
    unsigned first; /* the first saved value of the key walked now */
    unsigned changed;
};

/* Whether the units of a list hold a UNC name (two backslashes in a row). */
static int holds_unc(const WCHAR *units, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (units[i] == '\\' && units[i + 1] == '\\')
            return 1;
    return 0;
}

/* The entry for remote in a list of UNC names (unc) or of servers: remote, or its server. */
static void entry_for(const WCHAR *remote, int unc, WCHAR *entry)
{
    if (unc) {
        swprintf(entry, ENTRY_UNITS, L"%ls", remote);
        return;
    }
    const WCHAR *server = remote + 2;
    const WCHAR *end = wcschr(server, '\\');
    size_t len = end ? (size_t)(end - server) : wcslen(server);
    swprintf(entry, ENTRY_UNITS, L"%.*ls", (int)len, server);
}

/* The separator of a REG_SZ list: the first of ';' ',' '|' and blanks in it, else ';'. */
static WCHAR separator_of(const WCHAR *units, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (wcschr(L";,| \t", units[i]) && units[i])
            return units[i];
    return ';';
}

/* entry after the *n units of out (DATA_BYTES), behind type's separator; 0 when no room. */
static int append_entry(DWORD type, WCHAR *out, size_t *n, WCHAR separator, const WCHAR *entry)
{
    size_t add = wcslen(entry);
    /* n units, a separator, the entry, two NULs. */
    if ((*n + 1 + add + 2) * sizeof(WCHAR) > DATA_BYTES)
        return 0;
    if (*n)
        out[(*n)++] = type == REG_MULTI_SZ ? 0 : separator;
    wmemcpy(out + *n, entry, add);
    *n += add;
    return 1;
}

/* The list's units without the NULs at its end, copied into out; their number. */
static size_t list_copy(const BYTE *data, DWORD size, WCHAR *out)
{
    const WCHAR *units = (const WCHAR *)data;
    size_t n = size / sizeof(WCHAR);
    while (n && !units[n - 1])
        n--;
    wmemcpy(out, units, n);
    return n;
}

/* The list of n units in out ended as type ends it; its size in bytes. */
static DWORD list_end(DWORD type, WCHAR *out, size_t n)
{
    out[n++] = 0;
    if (type == REG_MULTI_SZ)
        out[n++] = 0;
    return (DWORD)(n * sizeof(WCHAR));
}

/* data (size bytes of type) with remote's entry added, into grown (DATA_BYTES); its size, or 0.
 * pad_units: made-up servers' entries instead, until the list holds that many units. */
static DWORD grown_list(DWORD type, const BYTE *data, DWORD size, const WCHAR *remote,
                        unsigned pad_units, BYTE *grown)
{
    WCHAR *out = (WCHAR *)grown;
    size_t n = list_copy(data, size, out);
    WCHAR separator = separator_of(out, n);
    int unc = holds_unc(out, n);
    WCHAR entry[ENTRY_UNITS];
    if (!pad_units) {
        entry_for(remote, unc, entry);
        return append_entry(type, out, &n, separator, entry) ? list_end(type, out, n) : 0;
    }
    for (unsigned k = 0; n < pad_units; k++) {
        WCHAR pad[ENTRY_UNITS];
        swprintf(pad, ENTRY_UNITS, L"\\\\cn-list-pad-%04u.invalid\\share", k);
        entry_for(pad, unc, entry);
        if (!append_entry(type, out, &n, separator, entry))
            return 0;
    }
    return list_end(type, out, n);
}

/* Keeps a copy of a value before it changes; 0 when there is no room. */
static int save(const WCHAR *below_software, const WCHAR *name, DWORD type, const BYTE *data,
                DWORD size)
{
    if (n_saved >= MAX_SAVED)
        return 0;
    struct saved *s = &saved[n_saved];
    s->name = _wcsdup(name);
    s->data = malloc(size ? size : 1);
    if (!s->name || !s->data) {
        free(s->name);
        free(s->data);
        return 0;
    }
    swprintf(s->below_software, PATH_UNITS, L"%ls", below_software);
    memcpy(s->data, data, size);
    s->type = type;
    s->size = size;
    n_saved++;
    return 1;
}

/* A list value of push->kind: saved, grown at the key's end. */
static void push_value(const struct settings_value *v, void *arg)
{
    struct push *push = arg;
    int text = v->type == REG_SZ || v->type == REG_EXPAND_SZ || v->type == REG_MULTI_SZ;
    if (text && setting_list_of_value(v->name) == push->kind)
        save(v->below_software, v->name, v->type, v->data, v->size);
}

/* The key's saved values written grown, once its enumeration is over (a value set during it
 * may move), and the key touched. */
static void push_key_end(HKEY key, void *arg)
{
    struct push *push = arg;
    for (unsigned s = push->first; s < n_saved; s++) {
        DWORD size = grown_list(saved[s].type, saved[s].data, saved[s].size, push->remote,
                                push->pad_units, push->grown);
        if (size && !RegSetValueExW(key, saved[s].name, 0, saved[s].type, push->grown, size))
            push->changed++;
    }
    if (n_saved > push->first)
        settings_key_touch(key);
    push->first = n_saved;
}

static unsigned push_walk(struct push *push)
{
    if (!cf.settings_file)
        return 0;
    push->grown = malloc(DATA_BYTES);
    if (push->grown)
        settings_values_walk(push_value, push_key_end, push);
    free(push->grown);
    return push->changed;
}

unsigned settings_push_add(enum setting_list kind, const WCHAR *remote)
{
    struct push push = {kind, remote, 0, NULL, n_saved, 0};
    if (wcsncmp(remote, L"\\\\", 2))
        return 0;
    return push_walk(&push);
}

unsigned settings_push_grow(enum setting_list kind, unsigned units)
{
    struct push push = {kind, NULL, units, NULL, n_saved, 0};
    return push_walk(&push);
}

void settings_push_undo(void)
{
    for (unsigned s = 0; s < n_saved; s++) {
        WCHAR path[PATH_UNITS];
        HKEY key;
        if (!reg_file_key_open(saved[s].below_software, KEY_SET_VALUE, &key, path, PATH_UNITS)) {
            RegSetValueExW(key, saved[s].name, 0, saved[s].type, saved[s].data, saved[s].size);
            settings_key_touch(key);
            RegCloseKey(key);
        }
        free(saved[s].name);
        free(saved[s].data);
    }
    n_saved = 0;
}
