/* Modules the notifier asks for, references it takes and drops (see
 * hooks_modules.h). */
#include "hooks_modules.h"

#include "hook_reals.h"

#include <wchar.h>

enum { MAX_REQUESTS = 32, MAX_MODULES = 64 };

static struct module_request requests[MAX_REQUESTS];
static volatile LONG n_requests;
static struct module_refs refs[MAX_MODULES];
static volatile LONG n_refs;
static CRITICAL_SECTION lock;
static INIT_ONCE lock_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK lock_init(INIT_ONCE *once, void *param, void **ctx)
{
    (void)once;
    (void)param;
    (void)ctx;
    InitializeCriticalSection(&lock);
    return TRUE;
}

static void lock_enter(void)
{
    InitOnceExecuteOnce(&lock_once, lock_init, NULL, NULL);
    EnterCriticalSection(&lock);
}

const struct module_request *module_requests(unsigned *n)
{
    *n = (unsigned)n_requests;
    return requests;
}

const struct module_refs *module_refs_seen(unsigned *n)
{
    *n = (unsigned)n_refs;
    return refs;
}

static void note_name(const WCHAR *name, int as_data)
{
    if (!name || !name[0] || wcslen(name) >= MODULE_NAME_UNITS)
        return;
    lock_enter();
    LONG found = -1;
    for (LONG i = 0; i < n_requests && found < 0; i++) {
        if (!_wcsicmp(requests[i].name, name))
            found = i;
    }
    if (found >= 0 && !as_data)
        requests[found].as_data = 0;
    if (found < 0 && n_requests < MAX_REQUESTS) {
        wcscpy(requests[n_requests].name, name);
        requests[n_requests].as_data = as_data;
        n_requests++;
    }
    LeaveCriticalSection(&lock);
}

static void note_name_ansi(const char *name, int as_data)
{
    WCHAR wide[MODULE_NAME_UNITS];
    if (name && MultiByteToWideChar(CP_ACP, 0, name, -1, wide, MODULE_NAME_UNITS))
        note_name(wide, as_data);
}

/* A handle with its low bits set is a data-file or image-resource mapping,
 * not a loaded module. */
static int is_module(HMODULE m)
{
    return m && !((ULONG_PTR)m & 3);
}

/* The file name of module m without its folder (asked outside the lock:
 * GetModuleFileName takes the loader lock, which a DllMain holds). */
static void module_name(HMODULE m, WCHAR *out)
{
    WCHAR path[MAX_PATH];
    DWORD len = GetModuleFileNameW(m, path, MAX_PATH);
    const WCHAR *base = path;
    if (!len || len >= MAX_PATH)
        wcscpy(path, L"(unnamed module)");
    for (const WCHAR *p = path; *p; p++) {
        if (*p == '\\' || *p == '/')
            base = p + 1;
    }
    wcscpy(out, base);
}

/* The record of module m, made on first sight (lock held); NULL when full. */
static struct module_refs *refs_of(HMODULE m, const WCHAR *name)
{
    for (LONG i = 0; i < n_refs; i++) {
        if (refs[i].module == m)
            return &refs[i];
    }
    if (n_refs >= MAX_MODULES)
        return NULL;
    struct module_refs *r = &refs[n_refs];
    r->module = m;
    wcscpy(r->name, name);
    r->takes = 0;
    r->drops = 0;
    n_refs++;
    return r;
}

/* Counts a reference to m (named `name`) taken or dropped. */
static void count(HMODULE m, const WCHAR *name, int take)
{
    lock_enter();
    struct module_refs *r = refs_of(m, name);
    if (r && take)
        r->takes++;
    if (r && !take)
        r->drops++;
    LeaveCriticalSection(&lock);
}

/* A reference taken to m, if m is a module; the caller's last error is kept. */
static void count_take(HMODULE m)
{
    WCHAR name[MODULE_NAME_UNITS];
    if (!is_module(m))
        return;
    DWORD err = GetLastError();
    module_name(m, name);
    count(m, name, 1);
    SetLastError(err);
}

void modules_note_load(const WCHAR *wide, const char *ansi, DWORD flags, HMODULE got)
{
    DWORD err = GetLastError();
    int as_data = (flags & (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE |
                            LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE)) != 0;
    if (wide)
        note_name(wide, as_data);
    else
        note_name_ansi(ansi, as_data);
    SetLastError(err);
    count_take(got);
}

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef HMODULE(WINAPI *GetModuleHandleW_fn)(LPCWSTR);
typedef HMODULE(WINAPI *GetModuleHandleA_fn)(LPCSTR);
typedef BOOL(WINAPI *GetModuleHandleExW_fn)(DWORD, LPCWSTR, HMODULE *);
typedef BOOL(WINAPI *GetModuleHandleExA_fn)(DWORD, LPCSTR, HMODULE *);
typedef BOOL(WINAPI *FreeLibrary_fn)(HMODULE);
typedef void(WINAPI *FreeLibraryAndExitThread_fn)(HMODULE, DWORD);

HMODULE WINAPI w_GetModuleHandleW(LPCWSTR name)
{
    note_name(name, 0);
    return REAL(GetModuleHandleW, GetModuleHandleW_fn)(name);
}

HMODULE WINAPI w_GetModuleHandleA(LPCSTR name)
{
    note_name_ansi(name, 0);
    return REAL(GetModuleHandleA, GetModuleHandleA_fn)(name);
}

static int takes_reference(DWORD flags)
{
    return !(flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT);
}

BOOL WINAPI w_GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *module)
{
    if (!(flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS))
        note_name(name, 0);
    BOOL ok = REAL(GetModuleHandleExW, GetModuleHandleExW_fn)(flags, name, module);
    if (ok && module && takes_reference(flags))
        count_take(*module);
    return ok;
}

BOOL WINAPI w_GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *module)
{
    if (!(flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS))
        note_name_ansi(name, 0);
    BOOL ok = REAL(GetModuleHandleExA, GetModuleHandleExA_fn)(flags, name, module);
    if (ok && module && takes_reference(flags))
        count_take(*module);
    return ok;
}

BOOL WINAPI w_FreeLibrary(HMODULE module)
{
    WCHAR name[MODULE_NAME_UNITS];
    int counted = is_module(module);
    /* Named before the call: the last reference unmaps it. */
    if (counted) {
        DWORD err = GetLastError();
        module_name(module, name);
        SetLastError(err);
    }
    BOOL ok = REAL(FreeLibrary, FreeLibrary_fn)(module);
    if (ok && counted) {
        DWORD err = GetLastError();
        count(module, name, 0);
        SetLastError(err);
    }
    return ok;
}

void WINAPI w_FreeLibraryAndExitThread(HMODULE module, DWORD code)
{
    WCHAR name[MODULE_NAME_UNITS];
    if (is_module(module)) {
        module_name(module, name);
        count(module, name, 0);
    }
    REAL(FreeLibraryAndExitThread, FreeLibraryAndExitThread_fn)(module, code);
}
