/* Process-wide settings read where they live (see proc_settings.h). */
#include "proc_settings.h"

#include <stdio.h>
#include <winternl.h>

/* The process parameters up to ConsoleFlags, as Windows and Wine lay them
 * out; bit 0 of ConsoleFlags is the ignore-Ctrl+C flag. */
struct params_head {
    ULONG maximum_length;
    ULONG length;
    ULONG flags;
    ULONG debug_flags;
    HANDLE console_handle;
    ULONG console_flags;
};

int ctrl_c_ignored(void)
{
    /* The PEB stays where it is for the life of the process: asked once. */
    static PEB *peb;
    if (!peb) {
        PROCESS_BASIC_INFORMATION info;
        if (NtQueryInformationProcess(GetCurrentProcess(), ProcessBasicInformation, &info,
                                      sizeof info, NULL) != 0)
            return 0;
        peb = info.PebBaseAddress;
    }
    const struct params_head *p = peb ? (const struct params_head *)peb->ProcessParameters : NULL;
    return p && (p->console_flags & 1);
}

static const WCHAR *const crt_dlls[SHARED_CRTS] = {L"msvcrt.dll", L"ucrtbase.dll"};
static const char *const crt_names[SHARED_CRTS] = {"msvcrt.dll", "ucrtbase.dll"};

const char *shared_crt_name(int i)
{
    return crt_names[i];
}

typedef int *(__cdecl *p_fmode_fn)(void);

/* Where the CRT keeps _fmode: its accessor, else its data export (Wine's
 * x86_64 msvcrt.dll has only the latter). */
static int *fmode_of(HMODULE crt)
{
    p_fmode_fn p_fmode = (p_fmode_fn)(void *)GetProcAddress(crt, "__p__fmode");
    if (p_fmode)
        return p_fmode();
    return (int *)(void *)GetProcAddress(crt, "_fmode");
}

int shared_crt_fmode(int i)
{
    HMODULE crt = GetModuleHandleW(crt_dlls[i]);
    int *mode = crt ? fmode_of(crt) : NULL;
    return mode ? *mode : -1;
}

typedef int(__cdecl *umask_fn)(int);

int shared_crt_umask(int i)
{
    HMODULE crt = GetModuleHandleW(crt_dlls[i]);
    umask_fn set_umask = crt ? (umask_fn)(void *)GetProcAddress(crt, "_umask") : NULL;
    if (!set_umask)
        return -1;
    int mask = set_umask(0);
    set_umask(mask);
    return mask;
}

typedef long *(__cdecl *p_long_fn)(void);
typedef int *(__cdecl *p_int_fn)(void);

/* Where the CRT keeps a zone variable: msvcrt's accessor (__p__timezone), ucrtbase's
 * (__timezone), else the data export (_timezone). */
static void *zone_variable(HMODULE crt, const char *accessor, const char *ucrt, const char *data)
{
    FARPROC f = GetProcAddress(crt, accessor);
    if (!f)
        f = GetProcAddress(crt, ucrt);
    if (f)
        return ((p_long_fn)(void *)f)();
    return (void *)GetProcAddress(crt, data);
}

int shared_crt_zone(int i, long *zone, int *daylight)
{
    HMODULE crt = GetModuleHandleW(crt_dlls[i]);
    if (!crt)
        return 0;
    long *z = zone_variable(crt, "__p__timezone", "__timezone", "_timezone");
    int *d = zone_variable(crt, "__p__daylight", "__daylight", "_daylight");
    if (!z || !d)
        return 0;
    *zone = *z;
    *daylight = *d;
    return 1;
}

typedef int(__cdecl *putenv_fn)(const char *);
typedef void(__cdecl *tzset_fn)(void);

int shared_crt_set_zone(const char *tz)
{
    HMODULE crt = GetModuleHandleW(L"msvcrt.dll");
    putenv_fn put = crt ? (putenv_fn)(void *)GetProcAddress(crt, "_putenv") : NULL;
    tzset_fn set = crt ? (tzset_fn)(void *)GetProcAddress(crt, "_tzset") : NULL;
    char entry[64];
    if (!put || !set || snprintf(entry, sizeof entry, "TZ=%s", tz) >= (int)sizeof entry)
        return 0;
    if (put(entry) != 0)
        return 0;
    set();
    return 1;
}

unsigned command_line_digest(void)
{
    const WCHAR *w = GetCommandLineW();
    const char *a = GetCommandLineA();
    unsigned h = 2166136261u;
    for (size_t k = 0; w && w[k] && k < 32768; k++)
        h = (h ^ w[k]) * 16777619u;
    for (size_t k = 0; a && a[k] && k < 65536; k++)
        h = (h ^ (unsigned char)a[k]) * 16777619u;
    return h;
}
