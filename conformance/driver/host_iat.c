/* The host's import table (see host_iat.h). */
#include "host_iat.h"

#include "pe_imports.h"

#include <stdio.h>
#include <windows.h>

enum { MAX_SLOTS = 1024 };

static void *taken[MAX_SLOTS];
static unsigned n_taken;

static void *record(const char *name, void *current, void *arg)
{
    (void)name;
    (void)arg;
    if (n_taken < MAX_SLOTS)
        taken[n_taken++] = current;
    return NULL;
}

void host_iat_take(void)
{
    n_taken = 0;
    pe_repoint_imports(GetModuleHandleW(NULL), record, NULL);
}

struct compare {
    unsigned i;
    char *buf;
    size_t cap;
    int found;
};

/* Where an address is: a module's name, or unmapped memory. */
static void place(void *addr, char *buf, size_t cap)
{
    HMODULE m = NULL;
    WCHAR path[MAX_PATH];
    MEMORY_BASIC_INFORMATION mbi;
    DWORD flags =
        GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    if (GetModuleHandleExW(flags, (LPCWSTR)addr, &m) && GetModuleFileNameW(m, path, MAX_PATH)) {
        const WCHAR *base = wcsrchr(path, L'\\');
        snprintf(buf, cap, "in %ls", base ? base + 1 : path);
    } else if (!VirtualQuery(addr, &mbi, sizeof mbi) || mbi.State != MEM_COMMIT) {
        snprintf(buf, cap, "in unmapped memory (code of an unloaded DLL)");
    } else {
        snprintf(buf, cap, "in memory of no module");
    }
}

/* The first difference is described; every one is put back (returned). */
static void *compare(const char *name, void *current, void *arg)
{
    struct compare *c = arg;
    unsigned i = c->i++;
    if (i >= n_taken || taken[i] == current)
        return NULL;
    if (!c->found) {
        char where[MAX_PATH + 64];
        place(current, where, sizeof where);
        snprintf(c->buf, c->cap,
                 "the host's import of %s was repointed from %p to %p (%s) and left so: every "
                 "later %s call of the host jumps there",
                 name, taken[i], current, where, name);
        c->found = 1;
    }
    return taken[i];
}

int host_iat_repair(char *buf, size_t cap)
{
    struct compare c = {0, buf, cap, 0};
    if (!n_taken)
        return 0;
    pe_repoint_imports(GetModuleHandleW(NULL), compare, &c);
    return c.found;
}
