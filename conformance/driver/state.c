/* Process and thread state snapshots (see state.h). */
#include "state.h"

#include "hooks_com.h"
#include "hooks_locks.h"

#include "hooks.h"
#include "loaded_proc.h"
#include "state_calls.h"

#include <winternl.h>

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

static apt_fn watched_apt;
static __thread int watching;

void state_watch_apartment(int on)
{
    static FARPROC found;
    if (on)
        watched_apt = (apt_fn)(void *)loaded_proc(L"ole32.dll", "CoGetApartmentType", &found);
    watching = on;
}

/* COM apartment of this thread. Asking whether ole32 is loaded costs
 * milliseconds under Wine [wine]: ask only on a watched thread or once the
 * notifier called a COM initialisation (its imports and GetProcAddress
 * results are hooked). */
static int apartment(int *qualifier)
{
    apt_fn f = watching ? watched_apt : NULL;
    *qualifier = 0;
    if (!f) {
        if (!hooks_com_inits())
            return -1;
        f = (apt_fn)(void *)loaded_proc(L"ole32.dll", "CoGetApartmentType", NULL);
    }
    int type = -1;
    if (!f || f(&type, qualifier) != S_OK) {
        *qualifier = 0;
        return -1;
    }
    return type;
}

/* THREAD_BASIC_INFORMATION of ntdll (winternl.h does not declare it). */
struct thread_basic {
    LONG exit_status;
    void *teb;
    void *client[2]; /* process and thread ids */
    ULONG_PTR affinity;
    LONG priority;
    LONG base_priority;
};

typedef LONG(WINAPI *query_thread_fn)(HANDLE, int, void *, ULONG, ULONG *);
typedef HRESULT(WINAPI *thread_desc_fn)(HANDLE, WCHAR **);

static query_thread_fn query_thread;
static thread_desc_fn thread_desc;
static INIT_ONCE thread_fns_once = INIT_ONCE_STATIC_INIT;

static BOOL WINAPI init_thread_fns(INIT_ONCE *o, void *p, void **c)
{
    HMODULE nt = GetModuleHandleW(L"ntdll.dll");
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    query_thread =
        nt ? (query_thread_fn)(void *)GetProcAddress(nt, "NtQueryInformationThread") : NULL;
    /* Windows 10 1607 and later; Wine 6 and later. */
    thread_desc = k32 ? (thread_desc_fn)(void *)GetProcAddress(k32, "GetThreadDescription") : NULL;
    return TRUE;
}

static ULONG_PTR thread_affinity(void)
{
    struct thread_basic b;
    if (!query_thread)
        return 0;
    if (query_thread(GetCurrentThread(), 0, &b, sizeof b, NULL) != 0)
        return 0;
    return b.affinity;
}

static unsigned hash_units(const WCHAR *p, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n && p[i]; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* The thread's description: one NtQueryInformationThread into a buffer on the stack (one
 * server call under Wine; GetThreadDescription makes two and a heap block), else that. */
static unsigned description_hash(void)
{
    enum { THREAD_NAME_INFORMATION = 38 };
    union {
        UNICODE_STRING name;
        char bytes[sizeof(UNICODE_STRING) + 512];
    } u;
    if (query_thread &&
        query_thread(GetCurrentThread(), THREAD_NAME_INFORMATION, &u, sizeof u, NULL) == 0) {
        if (!u.name.Buffer || !u.name.Length)
            return 0;
        return hash_units(u.name.Buffer, u.name.Length / sizeof(WCHAR));
    }
    WCHAR *d = NULL;
    if (!thread_desc || FAILED(thread_desc(GetCurrentThread(), &d)) || !d)
        return 0;
    unsigned h = d[0] ? hash_units(d, wcslen(d)) : 0;
    LocalFree(d);
    return h;
}

/* An impersonation token on the thread (OpenThreadToken finds one), and
 * which: a caller that impersonates a client must keep that client. */
static int impersonating(LUID *id)
{
    HANDLE t = NULL;
    TOKEN_STATISTICS st;
    DWORD len = 0;
    id->LowPart = 0;
    id->HighPart = 0;
    if (!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &t))
        return 0;
    if (GetTokenInformation(t, TokenStatistics, &st, sizeof st, &len))
        *id = st.TokenId;
    CloseHandle(t);
    return 1;
}

typedef HDESK(WINAPI *thread_desktop_fn)(DWORD);

/* The thread's desktop (GetThreadDesktop, looked up once user32 is in the
 * process: the driver imports no UI DLL); NULL before. */
static HDESK thread_desktop(void)
{
    static FARPROC found;
    thread_desktop_fn get_desktop =
        (thread_desktop_fn)(void *)loaded_proc(L"user32.dll", "GetThreadDesktop", &found);
    return get_desktop ? get_desktop(GetCurrentThreadId()) : NULL;
}

typedef BOOL(WINAPI *default_layout_fn)(DWORD *);

/* The process's default layout for new windows (GetProcessDefaultLayout,
 * looked up once user32 is in the process); 0 before. */
static DWORD default_layout(void)
{
    static FARPROC found;
    default_layout_fn get_layout =
        (default_layout_fn)(void *)loaded_proc(L"user32.dll", "GetProcessDefaultLayout", &found);
    DWORD layout = 0;
    return get_layout && get_layout(&layout) ? layout : 0;
}

/* WOW64 file-system redirection on the calling thread: 1 on, 0 off, -1 not a WOW64 process.
 * There is no query: disabling it hands back the value before (TRUE when it was off), and
 * reverting with that value puts it back [doc: Wow64DisableWow64FsRedirection]. */
static int fs_redirection(void)
{
#if defined(__i386__)
    static int wow64 = -1;
    if (wow64 < 0) {
        BOOL is = FALSE;
        wow64 = IsWow64Process(GetCurrentProcess(), &is) && is;
    }
    void *before = NULL;
    if (!wow64 || !Wow64DisableWow64FsRedirection(&before))
        return -1;
    Wow64RevertWow64FsRedirection(before);
    return before == NULL;
#else
    return -1;
#endif
}

static void take_thread(struct pstate *s)
{
    InitOnceExecuteOnce(&thread_fns_once, init_thread_fns, NULL, NULL);
    s->impersonating = impersonating(&s->token_id);
    s->priority = GetThreadPriority(GetCurrentThread());
    GetThreadPriorityBoost(GetCurrentThread(), &s->boost_off);
    s->affinity = thread_affinity();
    s->thread_error_mode = GetThreadErrorMode();
    /* 0 asks for the value and changes nothing [doc: SetThreadStackGuarantee]. */
    s->stack_guarantee = 0;
    SetThreadStackGuarantee(&s->stack_guarantee);
    s->ui_language = GetThreadUILanguage();
    s->desc_hash = description_hash();
    s->desktop = thread_desktop();
    s->fs_redirection = fs_redirection();
    state_take_locks(s);
}

/* The head of the thread's chain of exception registrations: i686 only (x64 unwinds by
 * tables). */
static void *seh_head(void)
{
#if defined(__i386__)
    return (void *)__readfsdword(0);
#else
    return NULL;
#endif
}

void state_take_locks(struct pstate *s)
{
    s->locks = locks_held(s->lock_desc, sizeof s->lock_desc);
    s->exec_state = locks_exec_state();
    s->thread_locale = GetThreadLocale();
    s->seh_head = seh_head();
}

/* GCC 12 takes MinGW's inline TEB read (__readgsqword) for an access past
 * an array of size 0: a false -Warray-bounds, silenced here only. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
void *state_current_fiber(void)
{
    return IsThreadAFiber() ? GetCurrentFiber() : NULL;
}
#pragma GCC diagnostic pop

/* Thread-owned parts only; the caller has zeroed *s. */
static void take_thread_parts(struct pstate *s)
{
#if defined(__i386__) || defined(__x86_64__)
    __asm__ volatile("fnstcw %0" : "=m"(s->fpu_cw));
    __asm__ volatile("stmxcsr %0" : "=m"(s->mxcsr));
    s->mxcsr &= 0xffc0u; /* control bits; 0-5 are sticky exception flags */
#endif
    s->fiber = state_current_fiber();
    s->apartment = apartment(&s->apt_qualifier);
    take_thread(s);
}

void state_take_thread(struct pstate *s)
{
    DWORD err = GetLastError();
    memset(s, 0, sizeof *s);
    take_thread_parts(s);
    SetLastError(err);
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
    s->priority_class = GetPriorityClass(GetCurrentProcess());
    s->stdio_sig = hooks_stdio_signature();
    procwide_take(&s->procwide);
    s->default_layout = default_layout();
    take_thread_parts(s);
    SetLastError(err);
}

int state_process_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap)
{
    if (wcscmp(a->cwd, b->cwd)) {
        snprintf(buf, cap, "the current directory changed from \"%ls\" to \"%ls\"", a->cwd, b->cwd);
        return 1;
    }
    if (a->stdio_sig != b->stdio_sig && hooks_stdio_mode_changed(buf, cap))
        return 1;
    if (a->env_hash != b->env_hash) {
        snprintf(buf, cap, "the environment block changed");
        return 1;
    }
    if (a->default_layout != b->default_layout) {
        snprintf(buf, cap,
                 "the process default layout changed from %#lx to %#lx (SetProcessDefaultLayout): "
                 "every window the host makes next is laid out %s",
                 (unsigned long)a->default_layout, (unsigned long)b->default_layout,
                 b->default_layout & LAYOUT_RTL ? "right to left, mirrored" : "otherwise");
        return 1;
    }
    /* Wine's PathFileExists, shlwapi and shell32 set the process's error mode around a file
     * probe and restore it [wine]: threads in them at once see, and can leave, each other's
     * value. A change is the notifier's only when it called SetErrorMode itself. */
    if (a->error_mode != b->error_mode && hooks_error_mode_sets()) {
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
    if (a->priority_class != b->priority_class) {
        snprintf(buf, cap, "the process priority class changed from %#lx to %#lx",
                 (unsigned long)a->priority_class, (unsigned long)b->priority_class);
        return 1;
    }
    return procwide_diff(&a->procwide, &b->procwide, buf, cap);
}

static const char *apartment_name(int t)
{
    static const char *const names[] = {"none", "STA", "MTA", "neutral", "main STA"};
    return t >= -1 && t <= 3 ? names[t + 1] : "other";
}

static const char *priority_name(int p)
{
    switch (p) {
    case THREAD_PRIORITY_IDLE:
        return "IDLE";
    case THREAD_PRIORITY_LOWEST:
        return "LOWEST";
    case THREAD_PRIORITY_BELOW_NORMAL:
        return "BELOW_NORMAL";
    case THREAD_PRIORITY_NORMAL:
        return "NORMAL";
    case THREAD_PRIORITY_ABOVE_NORMAL:
        return "ABOVE_NORMAL";
    case THREAD_PRIORITY_HIGHEST:
        return "HIGHEST";
    case THREAD_PRIORITY_TIME_CRITICAL:
        return "TIME_CRITICAL";
    default:
        return "other";
    }
}

/* FPU, SSE, COM and locale: what the caller's code computes with. */
static int compute_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap)
{
    if (a->fiber && !b->fiber) {
        snprintf(buf, cap,
                 "the caller's thread was a fiber (%p) and is none after the call: "
                 "ConvertFiberToThread freed the host's fiber (ERROR_ALREADY_FIBER means the "
                 "fiber is the caller's, not the notifier's to undo)",
                 a->fiber);
        return 1;
    }
    if (!a->fiber && b->fiber) {
        snprintf(buf, cap,
                 "the caller's thread was made a fiber (%p) and left one (ConvertThreadToFiber "
                 "without ConvertFiberToThread)",
                 b->fiber);
        return 1;
    }
    if (a->fiber != b->fiber) {
        snprintf(buf, cap, "the call returned on another fiber (%p, the caller's was %p)", b->fiber,
                 a->fiber);
        return 1;
    }
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
        snprintf(buf, cap, "the thread's COM apartment changed from %s to %s (%d to %d)%s",
                 apartment_name(a->apartment), apartment_name(b->apartment), a->apartment,
                 b->apartment,
                 b->apartment == -1
                     ? ": the caller's COM was uninitialised, "
                       "e.g. CoUninitialize after a failed CoInitializeEx (RPC_E_CHANGED_MODE)"
                     : "");
        return 1;
    }
    /* Windows: a thread whose COM was torn down while another thread keeps
     * the MTA is in the implicit MTA (qualifier 1), still of type MTA. */
    if (a->apt_qualifier != b->apt_qualifier) {
        snprintf(buf, cap,
                 "the thread's COM apartment qualifier changed from %d to %d (1: the "
                 "implicit MTA: the caller's own COM initialisation is gone)",
                 a->apt_qualifier, b->apt_qualifier);
        return 1;
    }
    if (a->thread_locale != b->thread_locale) {
        snprintf(buf, cap, "the thread locale changed from %#lx to %#lx",
                 (unsigned long)a->thread_locale, (unsigned long)b->thread_locale);
        return 1;
    }
    return 0;
}

/* Token, scheduling, error mode and name: who the thread is and how it runs. */
static int identity_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap)
{
    if (a->impersonating != b->impersonating) {
        snprintf(buf, cap,
                 b->impersonating
                     ? "the thread was left impersonating: it has an impersonation token after the "
                       "call and had none before (ImpersonateSelf or ImpersonateLoggedOnUser "
                       "without RevertToSelf on this path)"
                     : "the caller's impersonation token was removed (RevertToSelf on a thread the "
                       "notifier did not make impersonate)");
        return 1;
    }
    if (a->token_id.LowPart != b->token_id.LowPart ||
        a->token_id.HighPart != b->token_id.HighPart) {
        snprintf(buf, cap,
                 "the thread has another impersonation token after the call: the "
                 "caller's was replaced (the notifier impersonated and did not put the "
                 "caller's token back, e.g. with SetThreadToken)");
        return 1;
    }
    if (a->priority != b->priority) {
        snprintf(buf, cap, "the thread priority changed from %d (%s) to %d (%s)", a->priority,
                 priority_name(a->priority), b->priority, priority_name(b->priority));
        return 1;
    }
    if (a->boost_off != b->boost_off) {
        snprintf(buf, cap, "the thread's priority boost was %s and is %s after the call",
                 a->boost_off ? "off" : "on", b->boost_off ? "off" : "on");
        return 1;
    }
    if (a->affinity != b->affinity) {
        snprintf(buf, cap, "the thread affinity mask changed from %#llx to %#llx",
                 (unsigned long long)a->affinity, (unsigned long long)b->affinity);
        return 1;
    }
    if (a->thread_error_mode != b->thread_error_mode) {
        snprintf(buf, cap, "the thread error mode changed from %#lx to %#lx",
                 (unsigned long)a->thread_error_mode, (unsigned long)b->thread_error_mode);
        return 1;
    }
    if (a->stack_guarantee != b->stack_guarantee) {
        snprintf(buf, cap,
                 "the thread's stack guarantee changed from %lu to %lu bytes "
                 "(SetThreadStackGuarantee): the caller's thread keeps it for its life (it can "
                 "only grow), and its stack overflows that much earlier",
                 (unsigned long)a->stack_guarantee, (unsigned long)b->stack_guarantee);
        return 1;
    }
    if (a->fs_redirection != b->fs_redirection) {
        snprintf(buf, cap,
                 "the thread's WOW64 file-system redirection was %s and is %s after the call%s",
                 a->fs_redirection ? "on" : "off", b->fs_redirection ? "on" : "off",
                 b->fs_redirection ? ""
                                   : " (Wow64DisableWow64FsRedirection without "
                                     "Wow64RevertWow64FsRedirection on this path): the caller's "
                                     "opens of System32 reach the 64-bit files");
        return 1;
    }
    if (a->ui_language != b->ui_language) {
        snprintf(buf, cap, "the thread UI language changed from %#x to %#x", a->ui_language,
                 b->ui_language);
        return 1;
    }
    if (a->desktop && b->desktop && a->desktop != b->desktop) {
        snprintf(buf, cap,
                 "the thread's desktop changed (SetThreadDesktop without switching back): the "
                 "windows the caller makes next are on a desktop the user never sees");
        return 1;
    }
    if (a->desc_hash != b->desc_hash) {
        snprintf(buf, cap, "the thread description (SetThreadDescription) changed");
        return 1;
    }
    return 0;
}

/* [design] A lock held at return blocks the next caller on another thread,
 * and for ever when no POST follows. */
int state_locks_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap)
{
    if (a->seh_head != b->seh_head) {
        snprintf(buf, cap,
                 "the thread's SEH chain head (fs:[0]) was %p before the call and %p after: an "
                 "exception registration of the notifier's left on the caller's thread (its "
                 "frame gone on return), and the caller's next exception is dispatched through "
                 "it",
                 a->seh_head, b->seh_head);
        return 1;
    }
    if (a->thread_locale != b->thread_locale) {
        snprintf(buf, cap, "the thread locale changed from %#lx to %#lx",
                 (unsigned long)a->thread_locale, (unsigned long)b->thread_locale);
        return 1;
    }
    if (b->locks <= a->locks)
        return 0;
    snprintf(buf, cap,
             "the thread returned holding %d more lock(s) the notifier took: %s (the next "
             "caller on another thread blocks)",
             b->locks - a->locks, b->lock_desc);
    return 1;
}

/* [design] A request may stand from PRE to POST (the connection is being
 * made); after the POST, or a PRE that asks for none, it keeps the machine
 * awake. */
int state_power_left(const struct pstate *s, char *buf, size_t cap)
{
    if (!s->exec_state)
        return 0;
    snprintf(buf, cap,
             "the thread execution state was left at %#lx (ES_CONTINUOUS with a system, "
             "display or away-mode request: the machine is kept awake)",
             (unsigned long)s->exec_state);
    return 1;
}

int state_thread_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap)
{
    return compute_diff(a, b, buf, cap) || identity_diff(a, b, buf, cap) ||
           state_locks_diff(a, b, buf, cap);
}
