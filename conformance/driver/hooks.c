/* Import hooks (see hooks.h). Every wrapper has the exact signature of
 * the function it stands for: on i686 stdcall callees pop their own
 * arguments, CRT functions are cdecl. */
#include "hooks.h"

#include "conform.h"
#include "crash.h"
#include "folders.h"
#include "hook_reals.h"
#include "hooks_clock.h"
#include "hooks_faults.h"
#include "hooks_files.h"
#include "hooks_apcs.h"
#include "hooks_cancel_io.h"
#include "hooked_image.h"
#include "hooks_critsec.h"
#include "lock_order.h"
#include "hooks_gift.h"
#include "hooks_kill.h"
#include "hooks_once.h"
#include "hooks_timer_period.h"
#include "hooks_winhooks.h"
#include "hooks_heap.h"
#include "hooks_heaplock.h"
#include "hooks_sleeps.h"
#include "hooks_locks.h"
#include "hooks_modules.h"
#include "hooks_netpaths.h"
#include "hooks_objects.h"
#include "hooks_network.h"
#include "hooks_process.h"
#include "hooks_procwide.h"
#include "hooks_protect.h"
#include "hooks_regwrites.h"
#include "hooks_srw.h"
#include "shown_name.h"
#include "hooks_clipboard.h"
#include "hooks_com.h"
#include "hooks_timers.h"
#include "hooks_waits.h"
#include "hooks_tempfiles.h"
#include "hooks_tls.h"
#include "out.h"
#include "pe_imports.h"
#include "state_calls.h"
#include "wnet_cancels.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static volatile LONG console_handlers;

LONG hooks_console_handlers(void)
{
    return console_handlers;
}

/* ---- the table: each hooked import's wrapper (real functions: hook_reals.c) ---- */

#define REAL(idx, type) ((type)hook_real_at(idx))

static void *wrappers[HK_COUNT];

/* ---- exit (TerminateProcess: hooks_kill.c) ---- */

static void WINAPI w_ExitProcess(UINT code)
{
    char c[16];
    snprintf(c, sizeof c, "%u", code);
    exit_line("ExitProcess", c);
    ExitProcess(code);
}

/* ---- loader ---- */

/* KnownDLLs are always loaded from the system directory [doc]. */
static const char *const known_dlls[] = {
    "advapi32", "combase", "comdlg32", "gdi32", "gdiplus", "imagehlp", "imm32", "kernel32",
    "kernelbase", "msctf", "msvcrt", "normaliz", "nsi", "ntdll", "ole32", "oleaut32", "psapi",
    "rpcrt4", "sechost", "setupapi", "shcore", "shell32", "shlwapi", "user32", "wldap32",
    "ws2_32",
};

static int is_known_dll(const WCHAR *name)
{
    char base[64];
    size_t n = 0;
    while (name[n] && name[n] != '.' && n < sizeof base - 1) {
        WCHAR c = name[n];
        base[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        n++;
    }
    base[n] = 0;
    for (size_t i = 0; i < sizeof known_dlls / sizeof known_dlls[0]; i++) {
        if (!strcmp(base, known_dlls[i]))
            return 1;
    }
    return 0;
}

static int is_absolute(const WCHAR *p)
{
    if (p[0] == '\\' && p[1] == '\\')
        return 1;
    return ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':' &&
           (p[2] == '\\' || p[2] == '/');
}

/* A full path: planting by replacement when its folder is one ordinary
 * users can write (ProgramData, Public, %TEMP%, the profile, a share). */
static void check_full_load(const char *fn, const WCHAR *name)
{
    WCHAR full[MAX_PATH];
    char frame[300];
    const WCHAR *p = name;
    if (!wcsncmp(p, L"\\\\?\\", 4) && p[4] && p[5] == ':')
        p += 4;
    DWORD len = GetFullPathNameW(p, MAX_PATH, full, NULL);
    if (!len || len >= MAX_PATH || folder_admin_only(full))
        return;
    notifier_frame(NULL, frame, sizeof frame);
    result_bad("loader.planting",
               "%s(\"%.160ls\") during %s%s%s: a full path outside "
               "%%SystemRoot%%, %%ProgramFiles%% and the notifier's own directory; whoever can "
               "write that folder replaces the DLL and runs code in every process that maps a "
               "drive (planting by replacement)",
               fn, full, hook_context(), frame[0] ? "; notifier frame " : "", frame);
}

static void check_load(const char *fn, const WCHAR *name, DWORD flags)
{
    if (!name)
        return;
    if (flags & (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE |
                 LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE))
        return;
    if (is_absolute(name)) {
        check_full_load(fn, name);
        return;
    }
    if (flags & LOAD_LIBRARY_SEARCH_SYSTEM32)
        return;
    if (!wcschr(name, '\\') && !wcschr(name, '/') && is_known_dll(name))
        return;
    result_bad("loader.planting",
               "%s(\"%ls\") during %s: a bare or relative name is searched in "
               "the caller's directories (DLL planting); load by full path from the system "
               "directory or with LOAD_LIBRARY_SEARCH_SYSTEM32",
               fn, name, hook_context());
}

static void check_load_a(const char *fn, const char *name, DWORD flags)
{
    WCHAR w[MAX_PATH];
    if (!name)
        return;
    MultiByteToWideChar(CP_ACP, 0, name, -1, w, MAX_PATH);
    w[MAX_PATH - 1] = 0;
    check_load(fn, w, flags);
}

/* [doc: LoadLibraryEx] DONT_RESOLVE_DLL_REFERENCES maps a DLL without its DllMain and imports;
 * while it stays loaded, a LoadLibrary of the same DLL by anyone in the process gets that
 * module as it is, and its first call crashes. */
static void check_unresolved(const char *fn, const WCHAR *name, DWORD flags, HMODULE got)
{
    if (!got || !(flags & DONT_RESOLVE_DLL_REFERENCES))
        return;
    result_bad("state.modules",
               "%s(\"%.160ls\", DONT_RESOLVE_DLL_REFERENCES) during %s: the DLL is mapped "
               "without its DllMain and imports, and while it stays loaded the host's own "
               "LoadLibrary of it gets that module uninitialised [doc]",
               fn, name ? name : L"", hook_context());
}

typedef HMODULE (WINAPI *loadw_fn)(LPCWSTR);
typedef HMODULE (WINAPI *loada_fn)(LPCSTR);
typedef HMODULE (WINAPI *loadexw_fn)(LPCWSTR, HANDLE, DWORD);
typedef HMODULE (WINAPI *loadexa_fn)(LPCSTR, HANDLE, DWORD);

static HMODULE WINAPI w_LoadLibraryW(LPCWSTR name)
{
    check_load("LoadLibraryW", name, 0);
    HMODULE got = REAL(HK_LoadLibraryW, loadw_fn)(name);
    modules_note_load(name, NULL, 0, got);
    return got;
}

static HMODULE WINAPI w_LoadLibraryA(LPCSTR name)
{
    check_load_a("LoadLibraryA", name, 0);
    HMODULE got = REAL(HK_LoadLibraryA, loada_fn)(name);
    modules_note_load(NULL, name, 0, got);
    return got;
}

static HMODULE WINAPI w_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
    check_load("LoadLibraryExW", name, flags);
    HMODULE got = REAL(HK_LoadLibraryExW, loadexw_fn)(name, file, flags);
    modules_note_load(name, NULL, flags, got);
    check_unresolved("LoadLibraryExW", name, flags, got);
    return got;
}

static HMODULE WINAPI w_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
    check_load_a("LoadLibraryExA", name, flags);
    HMODULE got = REAL(HK_LoadLibraryExA, loadexa_fn)(name, file, flags);
    modules_note_load(NULL, name, flags, got);
    if (got && (flags & DONT_RESOLVE_DLL_REFERENCES)) {
        WCHAR w[MAX_PATH] = L"";
        if (name)
            MultiByteToWideChar(CP_ACP, 0, name, -1, w, MAX_PATH);
        w[MAX_PATH - 1] = 0;
        check_unresolved("LoadLibraryExA", w, flags, got);
    }
    return got;
}

typedef struct {
    USHORT Length;
    USHORT MaximumLength;
    PWSTR Buffer;
} ustring;
typedef LONG (NTAPI *ldrload_fn)(PWSTR, PULONG, ustring *, PVOID *);

static LONG NTAPI w_LdrLoadDll(PWSTR path, PULONG flags, ustring *name, PVOID *mod)
{
    WCHAR w[MAX_PATH];
    if (name && name->Buffer) {
        size_t n = name->Length / sizeof(WCHAR);
        if (n >= MAX_PATH)
            n = MAX_PATH - 1;
        memcpy(w, name->Buffer, n * sizeof(WCHAR));
        w[n] = 0;
        if (!path || is_absolute(w))
            check_load("LdrLoadDll", w, 0);
    }
    LONG status = REAL(HK_LdrLoadDll, ldrload_fn)(path, flags, name, mod);
    if (status >= 0 && mod && name && name->Buffer)
        modules_note_load(w, NULL, 0, *mod);
    return status;
}

/* ---- UI: never shown, answered at once ---- */

static void note_ui(const char *fn)
{
    result_bad("loader.ui",
               "%s during %s: a notifier runs in services and other processes "
               "without a desktop (not shown; answered IDOK)",
               fn, hook_context());
    if (in_notifier_call() && !call_interactive())
        result_bad("loader.interactive",
                   "%s during %s, a call whose caller did not allow UI (no add with "
                   "CONNECT_INTERACTIVE in dwAddFlags): hwndOwner is valid and a dialog "
                   "allowed only with that flag [doc: NPAddConnection3]; a script, service or "
                   "logon restore that clears it waits for a dialog no one answers (not shown; "
                   "answered IDOK)",
                   fn, hook_context());
}

static int WINAPI w_MessageBoxW(HWND h, LPCWSTR t, LPCWSTR c, UINT f)
{
    note_ui("MessageBoxW");
    return IDOK;
}

static int WINAPI w_MessageBoxA(HWND h, LPCSTR t, LPCSTR c, UINT f)
{
    note_ui("MessageBoxA");
    return IDOK;
}

static int WINAPI w_MessageBoxExW(HWND h, LPCWSTR t, LPCWSTR c, UINT f, WORD l)
{
    note_ui("MessageBoxExW");
    return IDOK;
}

static int WINAPI w_MessageBoxExA(HWND h, LPCSTR t, LPCSTR c, UINT f, WORD l)
{
    note_ui("MessageBoxExA");
    return IDOK;
}

static INT_PTR WINAPI w_DialogBoxParamW(HINSTANCE i, LPCWSTR t, HWND h, DLGPROC p, LPARAM l)
{
    note_ui("DialogBoxParamW");
    return IDOK;
}

static INT_PTR WINAPI w_DialogBoxParamA(HINSTANCE i, LPCSTR t, HWND h, DLGPROC p, LPARAM l)
{
    note_ui("DialogBoxParamA");
    return IDOK;
}

/* ---- process and thread state: forwarded, and remembered by name ---- */

typedef BOOL (WINAPI *str1w_fn)(LPCWSTR);
typedef BOOL (WINAPI *str1a_fn)(LPCSTR);
typedef BOOL (WINAPI *str2w_fn)(LPCWSTR, LPCWSTR);
typedef BOOL (WINAPI *str2a_fn)(LPCSTR, LPCSTR);

static BOOL WINAPI w_SetCurrentDirectoryW(LPCWSTR d)
{
    hooks_note_state_call("SetCurrentDirectoryW(\"%.80ls\")", d ? d : L"(null)");
    return REAL(HK_SetCurrentDirectoryW, str1w_fn)(d);
}

static BOOL WINAPI w_SetCurrentDirectoryA(LPCSTR d)
{
    hooks_note_state_call("SetCurrentDirectoryA(\"%.80s\")", d ? d : "(null)");
    return REAL(HK_SetCurrentDirectoryA, str1a_fn)(d);
}

static BOOL WINAPI w_SetEnvironmentVariableW(LPCWSTR n, LPCWSTR v)
{
    hooks_note_state_call("SetEnvironmentVariableW(\"%.60ls\")", n ? n : L"(null)");
    return REAL(HK_SetEnvironmentVariableW, str2w_fn)(n, v);
}

static BOOL WINAPI w_SetEnvironmentVariableA(LPCSTR n, LPCSTR v)
{
    hooks_note_state_call("SetEnvironmentVariableA(\"%.60s\")", n ? n : "(null)");
    return REAL(HK_SetEnvironmentVariableA, str2a_fn)(n, v);
}

static BOOL WINAPI w_SetDllDirectoryW(LPCWSTR d)
{
    hooks_note_state_call("SetDllDirectoryW(\"%.80ls\")", d ? d : L"(null)");
    return REAL(HK_SetDllDirectoryW, str1w_fn)(d);
}

static BOOL WINAPI w_SetDllDirectoryA(LPCSTR d)
{
    hooks_note_state_call("SetDllDirectoryA(\"%.80s\")", d ? d : "(null)");
    return REAL(HK_SetDllDirectoryA, str1a_fn)(d);
}

typedef void *(WINAPI *adddir_fn)(PCWSTR);
static void *WINAPI w_AddDllDirectory(PCWSTR d)
{
    result_bad("state.process",
               "AddDllDirectory(\"%.80ls\") during %s: changes the DLL search "
               "path of the whole process",
               d ? d : L"(null)", hook_context());
    return REAL(HK_AddDllDirectory, adddir_fn)(d);
}

typedef BOOL (WINAPI *setdefdirs_fn)(DWORD);
static BOOL WINAPI w_SetDefaultDllDirectories(DWORD f)
{
    result_bad("state.process",
               "SetDefaultDllDirectories(%#lx) during %s: changes the DLL "
               "search path of the whole process",
               (unsigned long)f, hook_context());
    return REAL(HK_SetDefaultDllDirectories, setdefdirs_fn)(f);
}

typedef UINT (WINAPI *seterrmode_fn)(UINT);
static UINT WINAPI w_SetErrorMode(UINT m)
{
    hooks_note_state_call("SetErrorMode(%#x)", m);
    hooks_note_error_mode_set();
    return REAL(HK_SetErrorMode, seterrmode_fn)(m);
}

typedef LPTOP_LEVEL_EXCEPTION_FILTER (WINAPI *setfilter_fn)(LPTOP_LEVEL_EXCEPTION_FILTER);
static LPTOP_LEVEL_EXCEPTION_FILTER WINAPI w_SetUnhandledExceptionFilter(
    LPTOP_LEVEL_EXCEPTION_FILTER f)
{
    hooks_note_state_call("SetUnhandledExceptionFilter(%p)", (void *)f);
    return REAL(HK_SetUnhandledExceptionFilter, setfilter_fn)(f);
}

typedef BOOL (WINAPI *ctrlhandler_fn)(PHANDLER_ROUTINE, BOOL);
static BOOL WINAPI w_SetConsoleCtrlHandler(PHANDLER_ROUTINE h, BOOL add)
{
    BOOL r = REAL(HK_SetConsoleCtrlHandler, ctrlhandler_fn)(h, add);
    if (r && h) {
        if (add)
            InterlockedIncrement(&console_handlers);
        else
            InterlockedDecrement(&console_handlers);
    }
    hooks_note_state_call("SetConsoleCtrlHandler(%p, %s)", (void *)h, add ? "TRUE" : "FALSE");
    return r;
}

typedef BOOL (WINAPI *setlocale_w_fn)(LCID);
static BOOL WINAPI w_SetThreadLocale(LCID l)
{
    hooks_note_state_call("SetThreadLocale(%#lx)", (unsigned long)l);
    return REAL(HK_SetThreadLocale, setlocale_w_fn)(l);
}

typedef unsigned (__cdecl *controlfp_fn)(unsigned, unsigned);
static unsigned __cdecl w__controlfp(unsigned v, unsigned mask)
{
    if (mask)
        hooks_note_state_call("_controlfp(%#x, %#x)", v, mask);
    return REAL(HK__controlfp, controlfp_fn)(v, mask);
}

static unsigned __cdecl w__control87(unsigned v, unsigned mask)
{
    if (mask)
        hooks_note_state_call("_control87(%#x, %#x)", v, mask);
    return REAL(HK__control87, controlfp_fn)(v, mask);
}

typedef char *(__cdecl *setlocale_fn)(int, const char *);
typedef wchar_t *(__cdecl *wsetlocale_fn)(int, const wchar_t *);
static char *__cdecl w_setlocale(int cat, const char *l)
{
    char shown[200];
    if (l)
        hooks_note_state_call("setlocale(%d, \"%.60s\")", cat, shown_bytes(l, shown, sizeof shown));
    return REAL(HK_setlocale, setlocale_fn)(cat, l);
}

static wchar_t *__cdecl w__wsetlocale(int cat, const wchar_t *l)
{
    char shown[SHOWN_NAME_UNITS * 9];
    if (l)
        hooks_note_state_call("_wsetlocale(%d, \"%.60s\")", cat,
                              shown_name(l, shown, sizeof shown));
    return REAL(HK__wsetlocale, wsetlocale_fn)(cat, l);
}

typedef int (__cdecl *puta_fn)(const char *);
typedef int (__cdecl *putw_fn)(const wchar_t *);
static int __cdecl w__putenv(const char *s)
{
    hooks_note_state_call("_putenv(\"%.60s\")", s ? s : "(null)");
    return REAL(HK__putenv, puta_fn)(s);
}

static int __cdecl w__wputenv(const wchar_t *s)
{
    hooks_note_state_call("_wputenv(\"%.60ls\")", s ? s : L"(null)");
    return REAL(HK__wputenv, putw_fn)(s);
}

static int __cdecl w__chdir(const char *s)
{
    hooks_note_state_call("_chdir(\"%.60s\")", s ? s : "(null)");
    return REAL(HK__chdir, puta_fn)(s);
}

static int __cdecl w__wchdir(const wchar_t *s)
{
    hooks_note_state_call("_wchdir(\"%.60ls\")", s ? s : L"(null)");
    return REAL(HK__wchdir, putw_fn)(s);
}

/* The translation mode of the standard streams belongs to the host: a
 * notifier that sets _O_U16TEXT on stdout silences the host's printf. */
static int stdio_first[3] = {-1, -1, -1};
static int stdio_now[3] = {-1, -1, -1};

static const char *mode_name(int mode, char *buf, size_t cap)
{
    static const struct {
        int mode;
        const char *name;
    } names[] = {
        {0x4000, "_O_TEXT"},     {0x8000, "_O_BINARY"},  {0x10000, "_O_WTEXT"},
        {0x20000, "_O_U16TEXT"}, {0x40000, "_O_U8TEXT"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].mode == mode)
            return names[i].name;
    }
    snprintf(buf, cap, "%#x", mode);
    return buf;
}

unsigned hooks_stdio_signature(void)
{
    unsigned sig = 0;
    for (int fd = 0; fd < 3; fd++)
        sig = sig * 31u + (unsigned)stdio_now[fd];
    return sig;
}

int hooks_stdio_mode_changed(char *buf, size_t cap)
{
    for (int fd = 0; fd < 3; fd++) {
        if (stdio_now[fd] == stdio_first[fd])
            continue;
        char from[16];
        char to[16];
        snprintf(buf, cap, "the C runtime's %s mode changed from %s to %s",
                 fd == 0   ? "stdin"
                 : fd == 1 ? "stdout"
                           : "stderr",
                 mode_name(stdio_first[fd], from, sizeof from),
                 mode_name(stdio_now[fd], to, sizeof to));
        return 1;
    }
    return 0;
}

typedef int(__cdecl *setmode_fn)(int, int);
static int __cdecl w__setmode(int fd, int mode)
{
    int old = REAL(HK__setmode, setmode_fn)(fd, mode);
    if (fd >= 0 && fd < 3 && old != -1) {
        hooks_note_state_call("_setmode(%d, %#x)", fd, mode);
        if (stdio_first[fd] == -1)
            stdio_first[fd] = old;
        stdio_now[fd] = mode;
    }
    return old;
}

/* ---- WNet calls back into MPR ---- */

/* Inside a callback: reported and answered WN_NO_NETWORK without entering
 * MPR (Wine's MPR would recurse into the notifier); outside one: passed on. */
static int reentry(const char *fn)
{
    if (!in_notifier_call())
        return 0;
    result_bad("reentry.mpr",
               "%s called from inside %s: MPR is not re-entrant from its "
               "notifiers (recursion, deadlock); do the work after the callback returns "
               "(not passed to MPR; answered WN_NO_NETWORK)",
               fn, hook_context());
    return 1;
}

#define ARGS1 ULONG_PTR a1
#define ARGS2 ARGS1, ULONG_PTR a2
#define ARGS3 ARGS2, ULONG_PTR a3
#define ARGS4 ARGS3, ULONG_PTR a4
#define ARGS5 ARGS4, ULONG_PTR a5
#define ARGS8 ARGS5, ULONG_PTR a6, ULONG_PTR a7, ULONG_PTR a8
#define PASS1 a1
#define PASS2 PASS1, a2
#define PASS3 PASS2, a3
#define PASS4 PASS3, a4
#define PASS5 PASS4, a5
#define PASS8 PASS5, a6, a7, a8

#define WNET_HOOK(name, n)                          \
    typedef DWORD(WINAPI *name##_fn)(ARGS##n);      \
    static DWORD WINAPI w_##name(ARGS##n)           \
    {                                               \
        ULONG_PTR args[] = {PASS##n};               \
        wnet_cancels_note(#name, args);             \
        if (reentry(#name))                         \
            return WN_NO_NETWORK;                   \
        return REAL(HK_##name, name##_fn)(PASS##n); \
    }
#define W(name, n) WNET_HOOK(name, n)
#include "hooks_wnet.h"
#undef W

/* ---- GetProcAddress: what the notifier resolves at run time ---- */

typedef FARPROC (WINAPI *getproc_fn)(HMODULE, LPCSTR);
static FARPROC WINAPI w_GetProcAddress(HMODULE m, LPCSTR name)
{
    FARPROC r = REAL(HK_GetProcAddress, getproc_fn)(m, name);
    if (!r || (ULONG_PTR)name < 0x10000)
        return r;
    for (int i = 0; i < HK_COUNT; i++) {
        if (strcmp(hook_name(i), name) || i == HK_GetProcAddress)
            continue;
        hook_real_keep(i, (void *)r);
        return (FARPROC)wrappers[i];
    }
    return r;
}

static void table_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
#define H(fn) wrappers[HK_##fn] = (void *)w_##fn;
#include "hooks_list.h"
#undef H
}

/* The wrapper for an import named in the table (its real function kept). */
static void *wrapper_for(const char *name, void *current, void *arg)
{
    (void)arg;
    for (int i = 0; i < HK_COUNT; i++) {
        if (strcmp(hook_name(i), name))
            continue;
        hook_real_keep(i, current);
        return wrappers[i];
    }
    return NULL;
}

/* Points the import slots of module m named in the table at the wrappers. */
void hooks_install(HMODULE m)
{
    table_init();
    hooked_image_set(m);
    critsec_forget();
    lock_order_forget();
    pe_repoint_imports(m, wrapper_for, NULL);
}
