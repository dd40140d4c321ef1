/* Process-wide settings read where they live (see proc_settings.h). */
#include "proc_settings.h"

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
