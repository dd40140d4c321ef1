/* Handles to this process given away (see hooks_gift.h). */
#include "hooks_gift.h"

#include "hook_reals.h"
#include "out.h"

#include <stdio.h>
#include <winternl.h>

#define REAL(id, type) ((type)hook_real_at(HK_##id))

/* What a receiver may hold without power over the host. */
#define HARMLESS \
    (SYNCHRONIZE | READ_CONTROL | PROCESS_QUERY_INFORMATION | PROCESS_QUERY_LIMITED_INFORMATION)

static char first_gift[700];
static volatile LONG claimed; /* the first gift is being written */
static volatile LONG gifted;  /* and is written */

const char *hooks_gift_first(void)
{
    return gifted ? first_gift : "";
}

typedef NTSTATUS(NTAPI *query_object_fn)(HANDLE, OBJECT_INFORMATION_CLASS, void *, ULONG, ULONG *);

/* The rights a handle of this process grants (0 if unknown). */
static DWORD granted_access(HANDLE h)
{
    if (h == GetCurrentProcess())
        return PROCESS_ALL_ACCESS;
    static query_object_fn query;
    if (!query)
        query = (query_object_fn)(void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"),
                                                        "NtQueryObject");
    PUBLIC_OBJECT_BASIC_INFORMATION info;
    if (!query || query(h, ObjectBasicInformation, &info, sizeof info, NULL) != 0)
        return 0;
    return info.GrantedAccess;
}

static int is_this_process(HANDLE process)
{
    return process == GetCurrentProcess() || GetProcessId(process) == GetCurrentProcessId();
}

static void note_gift(HANDLE source_process, HANDLE source, HANDLE target_process, DWORD access,
                      DWORD options)
{
    /* A handle opened with PROCESS_DUP_HANDLE alone has no id to read. */
    DWORD to = GetProcessId(target_process);
    if (is_this_process(target_process) || !is_this_process(source_process))
        return;
    if (!is_this_process(source))
        return;
    DWORD rights = options & DUPLICATE_SAME_ACCESS ? granted_access(source) : access;
    if (!(rights & ~(DWORD)HARMLESS) || InterlockedExchange(&claimed, 1))
        return;
    const char *during = hook_context();
    char whom[48];
    if (to)
        snprintf(whom, sizeof whom, "process %lu", (unsigned long)to);
    else
        snprintf(whom, sizeof whom, "another process");
    snprintf(first_gift, sizeof first_gift,
             "DuplicateHandle gave %s a handle to this process with access %#lx%s: "
             "more than SYNCHRONIZE and query rights, so that process can read and write the "
             "host's memory, start threads in it or end it%s%s",
             whom, (unsigned long)rights,
             options & DUPLICATE_SAME_ACCESS ? " (DUPLICATE_SAME_ACCESS)" : "",
             during[0] ? ", during " : "", during);
    InterlockedExchange(&gifted, 1);
}

typedef BOOL(WINAPI *DuplicateHandle_fn)(HANDLE, HANDLE, HANDLE, LPHANDLE, DWORD, BOOL, DWORD);

BOOL WINAPI w_DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process,
                              LPHANDLE target, DWORD access, BOOL inherit, DWORD options)
{
    BOOL ok = REAL(DuplicateHandle, DuplicateHandle_fn)(source_process, source, target_process,
                                                        target, access, inherit, options);
    DWORD err = GetLastError();
    if (ok)
        note_gift(source_process, source, target_process, access, options);
    SetLastError(err);
    return ok;
}
