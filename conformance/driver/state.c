/* Process and thread state snapshots (see state.h). */
#include "state.h"

#include "hooks.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static CRITICAL_SECTION filter_lock;
static INIT_ONCE filter_once = INIT_ONCE_STATIC_INIT;

static BOOL WINAPI init_filter_lock(INIT_ONCE *o, void *p, void **c)
{
    InitializeCriticalSection(&filter_lock);
    return TRUE;
}

/* The filter can only be read by setting it: serialised, restored at once. */
static void *current_filter(void)
{
    InitOnceExecuteOnce(&filter_once, init_filter_lock, NULL, NULL);
    EnterCriticalSection(&filter_lock);
    LPTOP_LEVEL_EXCEPTION_FILTER f = SetUnhandledExceptionFilter(NULL);
    SetUnhandledExceptionFilter(f);
    LeaveCriticalSection(&filter_lock);
    return (void *)f;
}

static unsigned env_hash(void)
{
    WCHAR *env = GetEnvironmentStringsW();
    unsigned h = 2166136261u;
    if (!env)
        return 0;
    const WCHAR *p = env;
    while (*p) {
        while (*p) {
            h = (h ^ *p) * 16777619u;
            p++;
        }
        h = (h ^ 0xffffu) * 16777619u;
        p++;
    }
    FreeEnvironmentStringsW(env);
    return h;
}

typedef HRESULT (WINAPI *apt_fn)(int *, int *);

/* COM apartment of this thread. Asking whether ole32 is loaded costs
 * milliseconds under Wine [wine]: ask only once the notifier called a COM
 * initialisation (its imports and GetProcAddress results are hooked). */
static int apartment(void)
{
    if (!hooks_com_inits())
        return -1;
    HMODULE ole = GetModuleHandleW(L"ole32.dll");
    if (!ole)
        return -1;
    apt_fn f = (apt_fn)(void *)GetProcAddress(ole, "CoGetApartmentType");
    int type = -1;
    int qualifier = 0;
    if (!f || f(&type, &qualifier) != S_OK)
        return -1;
    return type;
}

void state_take(struct pstate *s)
{
    DWORD err = GetLastError();
    memset(s, 0, sizeof *s);
    GetCurrentDirectoryW(MAX_PATH, s->cwd);
    s->env_hash = env_hash();
    s->error_mode = GetErrorMode();
    GetDllDirectoryW(MAX_PATH, s->dll_dir);
    const char *loc = setlocale(LC_ALL, NULL);
    snprintf(s->crt_locale, sizeof s->crt_locale, "%s", loc ? loc : "");
    s->filter = current_filter();
#if defined(__i386__) || defined(__x86_64__)
    __asm__ volatile("fnstcw %0" : "=m"(s->fpu_cw));
    __asm__ volatile("stmxcsr %0" : "=m"(s->mxcsr));
    s->mxcsr &= 0xffc0u;  /* control bits; 0-5 are sticky exception flags */
#endif
    s->apartment = apartment();
    s->thread_locale = GetThreadLocale();
    SetLastError(err);
}

int state_process_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap)
{
    if (wcscmp(a->cwd, b->cwd)) {
        snprintf(buf, cap, "the current directory changed from \"%ls\" to \"%ls\"", a->cwd, b->cwd);
        return 1;
    }
    if (a->env_hash != b->env_hash) {
        snprintf(buf, cap, "the environment block changed");
        return 1;
    }
    if (a->error_mode != b->error_mode) {
        snprintf(buf, cap, "the error mode changed from %#x to %#x", a->error_mode,
                 b->error_mode);
        return 1;
    }
    if (wcscmp(a->dll_dir, b->dll_dir)) {
        snprintf(buf, cap, "the DLL directory changed from \"%ls\" to \"%ls\"", a->dll_dir,
                 b->dll_dir);
        return 1;
    }
    if (strcmp(a->crt_locale, b->crt_locale)) {
        snprintf(buf, cap, "the C runtime locale changed from \"%.60s\" to \"%.60s\"",
                 a->crt_locale, b->crt_locale);
        return 1;
    }
    if (a->filter != b->filter) {
        snprintf(buf, cap, "the unhandled-exception filter changed from %p to %p", a->filter,
                 b->filter);
        return 1;
    }
    return 0;
}

int state_thread_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap)
{
    if (a->fpu_cw != b->fpu_cw) {
        snprintf(buf, cap, "the x87 control word changed from %#x to %#x", a->fpu_cw,
                 b->fpu_cw);
        return 1;
    }
    if (a->mxcsr != b->mxcsr) {
        snprintf(buf, cap, "MXCSR changed from %#x to %#x", a->mxcsr, b->mxcsr);
        return 1;
    }
    if (a->apartment != b->apartment) {
        snprintf(buf, cap, "the thread's COM apartment changed from %d to %d (-1: none)",
                 a->apartment, b->apartment);
        return 1;
    }
    if (a->thread_locale != b->thread_locale) {
        snprintf(buf, cap, "the thread locale changed from %#lx to %#lx",
                 (unsigned long)a->thread_locale, (unsigned long)b->thread_locale);
        return 1;
    }
    return 0;
}
