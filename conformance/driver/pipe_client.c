/* Named pipe clients and their impersonation level (see pipe_client.h). */
#include "pipe_client.h"

#include "out.h"

#include <wchar.h>

static int local_pipe(const WCHAR *name)
{
    return name && (!_wcsnicmp(name, L"\\\\.\\pipe\\", 9) || !_wcsnicmp(name, L"\\\\?\\pipe\\", 9));
}

void pipe_client_judge(const char *fn, const WCHAR *name, DWORD flags)
{
    if (!local_pipe(name))
        return;
    DWORD level = flags & SECURITY_DELEGATION;
    if ((flags & SECURITY_SQOS_PRESENT) && level < SECURITY_IMPERSONATION)
        return;
    const char *asked = !(flags & SECURITY_SQOS_PRESENT)  ? "without SECURITY_SQOS_PRESENT"
                        : level == SECURITY_IMPERSONATION ? "with SECURITY_IMPERSONATION"
                                                          : "with SECURITY_DELEGATION";
    result_bad("files.squatted",
               "%s(\"%.100ls\") opened a pipe's client end %s (flags %#lx): the server "
               "impersonates the caller then, and any user can create that pipe name first; "
               "the notifier runs in services that map drives as SYSTEM (ask for "
               "SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION) [doc: Impersonating a Named "
               "Pipe Client]",
               fn, name, asked, (unsigned long)flags);
}
