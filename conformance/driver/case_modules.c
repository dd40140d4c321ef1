/* Case modules: a module the host loaded stays loaded. GetModuleHandle
 * returns a module without taking a reference, FreeLibrary drops one, and
 * a handle from GetModuleHandle must not be passed to FreeLibrary [doc:
 * GetModuleHandle, FreeLibrary]. A notifier that does "GetModuleHandle(x),
 * else LoadLibrary(x)" and then always FreeLibrary(x) is balanced while
 * the host has not loaded x, and unloads the host's own x when it has: the
 * host crashes later calling into x. A learn phase calls every input shape
 * and lists the modules the notifier asks for by name (hooks_modules.h);
 * the host then loads each one not loaded yet (from the system directory,
 * as a host that uses that DLL itself), and every input shape runs again,
 * each module checked after every call. Over both phases, per module, the
 * references it drops must not exceed those it takes. ntdll, kernel32,
 * kernelbase (pinned), the notifier itself and the modules mapped with it
 * (its imports, what its DllMain loaded before the hooks) are not judged. */
#include "cases.h"

#include "call.h"
#include "hooks_modules.h"
#include "out.h"
#include "shapes.h"

#include <psapi.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

enum { MAX_HOST = 32, MAX_MAPPED = 512, LIST_CHARS = 400 };

/* A module the host loaded itself before the second pass. */
struct host_module {
    WCHAR name[MODULE_NAME_UNITS];
    HMODULE module;
};
static struct host_module host[MAX_HOST];
static unsigned n_host;

/* Modules mapped while the notifier loaded: their references predate the hooks. */
static HMODULE mapped_with_notifier[MAX_MAPPED];
static unsigned n_mapped_with_notifier;

static unsigned loaded_modules(HMODULE *out, unsigned cap)
{
    DWORD bytes = 0;
    if (!EnumProcessModules(GetCurrentProcess(), out, cap * sizeof *out, &bytes))
        return 0;
    unsigned n = bytes / sizeof *out;
    return n < cap ? n : cap;
}

static int in_list(HMODULE m, const HMODULE *list, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (list[i] == m)
            return 1;
    }
    return 0;
}

/* The file name of path without its folder and extension, lower case. */
static void base_name(const WCHAR *path, WCHAR *out, size_t cap)
{
    const WCHAR *base = path;
    for (const WCHAR *p = path; *p; p++) {
        if (*p == '\\' || *p == '/')
            base = p + 1;
    }
    size_t n = 0;
    while (base[n] && base[n] != '.' && n < cap - 1) {
        out[n] = towlower(base[n]);
        n++;
    }
    out[n] = 0;
}

static int pinned(const WCHAR *name)
{
    static const WCHAR *const names[] = {L"ntdll", L"kernel32", L"kernelbase"};
    WCHAR base[MODULE_NAME_UNITS];
    base_name(name, base, MODULE_NAME_UNITS);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!wcscmp(base, names[i]))
            return 1;
    }
    return 0;
}

static int judged_module(const struct module_refs *r)
{
    if (r->module == cf.mod || pinned(r->name))
        return 0;
    return !in_list(r->module, mapped_with_notifier, n_mapped_with_notifier);
}

/* Whether module m is still mapped where the host loaded it. */
static int still_loaded(HMODULE m)
{
    HMODULE at = NULL;
    DWORD flags =
        GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    return GetModuleHandleExW(flags, (LPCWSTR)m, &at) && at == m;
}

/* After `call`: a module of the host's unloaded, or references dropped
 * beyond those taken. Reports the first; 0 then. */
static int judge(const char *call)
{
    for (unsigned i = 0; i < n_host; i++) {
        if (still_loaded(host[i].module))
            continue;
        result_bad("state.modules",
                   "%s: unloaded %ls, which the host had loaded itself: FreeLibrary without a "
                   "matching LoadLibrary (GetModuleHandle takes no reference)",
                   call, host[i].name);
        host[i].module = NULL;
        return 0;
    }
    unsigned n_refs;
    const struct module_refs *refs = module_refs_seen(&n_refs);
    for (unsigned i = 0; i < n_refs; i++) {
        const struct module_refs *r = &refs[i];
        if (r->drops <= r->takes || !judged_module(r))
            continue;
        result_bad("state.modules",
                   "%s: dropped %ld references to %ls (FreeLibrary) and took %ld (LoadLibrary, "
                   "GetModuleHandleEx): it freed a reference the host holds (GetModuleHandle "
                   "takes none)",
                   call, (long)r->drops, r->name, (long)r->takes);
        return 0;
    }
    return 1;
}

static int step(enum op_kind kind, DWORD phase, DWORD status, void **ctx, void *arg,
                const struct shape *s, const char *pass)
{
    char call[400];
    call_op(kind, NULL, phase, status, ctx, arg, s->label);
    snprintf(call, sizeof call, "%s %s (%s) %s",
             kind == OP_ADD ? "AddConnectNotify" : "CancelConnectNotify",
             phase == NOTIFY_PRE ? "PRE" : "POST", s->label, pass);
    return judge(call);
}

/* shape_cycle's add and cancel, PRE and POST, judged after each call. */
static int cycle(const struct shape *s, const char *pass)
{
    void *ctx = NULL;
    if (!step(OP_ADD, NOTIFY_PRE, WN_SUCCESS, &ctx, s->add, s, pass))
        return 0;
    if (ctx && !step(OP_ADD, NOTIFY_POST, s->add_status, &ctx, s->add, s, pass))
        return 0;
    ctx = NULL;
    if (!step(OP_CANCEL, NOTIFY_PRE, WN_SUCCESS, &ctx, s->cancel_pre, s, pass))
        return 0;
    if (ctx && !step(OP_CANCEL, NOTIFY_POST, s->cancel_status, &ctx, s->cancel_post, s, pass))
        return 0;
    return 1;
}

static int every_shape(unsigned n_shapes, const char *pass)
{
    for (unsigned i = 0; i < n_shapes; i++) {
        if (!cycle(shape_at(i), pass))
            return 0;
    }
    return 1;
}

/* Loads name as a host would: a bare name from the system directory, a
 * full path as given; NULL for anything else. */
static HMODULE host_load(const WCHAR *name)
{
    int has_folder = wcschr(name, '\\') || wcschr(name, '/');
    int full = has_folder && (name[1] == ':' || (name[0] == '\\' && name[1] == '\\'));
    if (!has_folder)
        return LoadLibraryExW(name, NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    return full ? LoadLibraryW(name) : NULL;
}

struct tally {
    unsigned asked;
    unsigned loaded_already;
    unsigned not_judged;
    unsigned not_loadable;
};

/* Loads each module asked for and not loaded yet. */
static void load_first(struct tally *t)
{
    unsigned n;
    const struct module_request *req = module_requests(&n);
    for (unsigned i = 0; i < n && n_host < MAX_HOST; i++) {
        if (req[i].as_data)
            continue;
        t->asked++;
        if (pinned(req[i].name)) {
            t->not_judged++;
            continue;
        }
        if (GetModuleHandleW(req[i].name)) {
            t->loaded_already++;
            continue;
        }
        HMODULE m = host_load(req[i].name);
        if (!m) {
            t->not_loadable++;
            continue;
        }
        if (m == cf.mod) {
            FreeLibrary(m);
            t->not_judged++;
            continue;
        }
        wcscpy(host[n_host].name, req[i].name);
        host[n_host].module = m;
        n_host++;
    }
}

static void host_list(char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = 0;
    for (unsigned i = 0; i < n_host && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%ls", i ? ", " : "", host[i].name);
}

static void refs_total(long *takes, long *drops)
{
    unsigned n;
    const struct module_refs *refs = module_refs_seen(&n);
    *takes = 0;
    *drops = 0;
    for (unsigned i = 0; i < n; i++) {
        if (!judged_module(&refs[i]))
            continue;
        *takes += refs[i].takes;
        *drops += refs[i].drops;
    }
}

static void host_release(void)
{
    for (unsigned i = 0; i < n_host; i++) {
        if (host[i].module && still_loaded(host[i].module))
            FreeLibrary(host[i].module);
    }
}

/* [design] A notifier's worker that holds a reference to the DLL while it runs
 * (GetModuleHandleEx, then FreeLibraryAndExitThread) must take one each time it starts: one
 * dropped more than taken is the host's, and MPR's next call runs unmapped memory. Two
 * mappings, each followed by IDLE_MS with no call (a worker idles out), then the notifier's
 * image must still be mapped. 0 after a verdict. */
static int own_module_kept(void)
{
    enum { MAPPINGS = 2, IDLE_MS = 2500 };
    announce_step("%d times: one add and cancel, then %d ms with no call; the notifier's own DLL "
                  "must stay loaded",
                  MAPPINGS, IDLE_MS);
    for (unsigned i = 1; i <= MAPPINGS; i++) {
        shape_cycle(shape_at(0), NULL);
        Sleep(IDLE_MS);
        if (still_loaded(cf.mod))
            continue;
        result_bad("state.modules",
                   "after %u add(s) and cancel(s), each followed by %d ms with no call, the "
                   "notifier's own DLL was unloaded, though the host loaded it once and never "
                   "freed it: its FreeLibrary or FreeLibraryAndExitThread dropped a reference it "
                   "did not take, and MPR's next call runs unmapped memory",
                   i, IDLE_MS);
        cf.mod = NULL;
        return 0;
    }
    return 1;
}

void case_modules(void)
{
    static HMODULE before[MAX_MAPPED];
    static HMODULE after[MAX_MAPPED];
    unsigned n_before = loaded_modules(before, MAX_MAPPED);
    if (!load_notifier())
        return;
    unsigned n_after = loaded_modules(after, MAX_MAPPED);
    for (unsigned i = 0; i < n_after; i++) {
        if (!in_list(after[i], before, n_before))
            mapped_with_notifier[n_mapped_with_notifier++] = after[i];
    }
    /* load_notifier's blocking probe made calls already. */
    if (!judge("the ordinary adds and cancels made right after LoadLibrary"))
        return;
    unsigned n_shapes = shapes_init();
    announce_step("every input shape once: the modules the notifier asks for by name "
                  "(GetModuleHandle, LoadLibrary)");
    if (!every_shape(n_shapes, "in the first pass"))
        return;
    struct tally t = {0};
    load_first(&t);
    char names[LIST_CHARS];
    host_list(names, sizeof names);
    announce_step("the host loads %u of them first (%s); every input shape again, each module "
                  "checked after every call",
                  n_host, n_host ? names : "none");
    char pass[LIST_CHARS + 80];
    snprintf(pass, sizeof pass, "after the host loaded %s itself", names);
    int kept = every_shape(n_shapes, pass);
    host_release();
    if (!kept)
        return;
    if (!own_module_kept())
        return;
    long takes;
    long drops;
    refs_total(&takes, &drops);
    if (n_host) {
        result("state.modules", "pass",
               "%u modules it asks for, loaded by the host first (%s): all still loaded after "
               "every input shape; no module lost a reference it did not take (%ld taken, %ld "
               "dropped)",
               n_host, names, takes, drops);
        return;
    }
    if (!t.asked) {
        result("state.modules", "pass",
               "it asks for no module by name (GetModuleHandle, LoadLibrary); no module lost a "
               "reference it did not take (%ld taken, %ld dropped)",
               takes, drops);
        return;
    }
    result("state.modules", "pass",
           "%u modules asked for by name, none for the host to load first (%u loaded already, "
           "%u pinned or its own, %u not in the system directory); no module lost a reference "
           "it did not take (%ld taken, %ld dropped)",
           t.asked, t.loaded_already, t.not_judged, t.not_loadable, takes, drops);
}
