/* Threads and processes ended from outside (see hooks_kill.h). */
#include "hooks_kill.h"

#include "bystander.h"
#include "conform.h"
#include "crash.h"
#include "hook_reals.h"
#include "out.h"
#include "started_processes.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef BOOL(WINAPI *TerminateThread_fn)(HANDLE, DWORD);
typedef BOOL(WINAPI *TerminateProcess_fn)(HANDLE, UINT);

BOOL WINAPI w_TerminateThread(HANDLE thread, DWORD code)
{
    DWORD id = GetThreadId(thread);
    int ours = GetProcessIdOfThread(thread) == GetCurrentProcessId();
    if (ours) {
        const char *during = hook_context();
        result_bad("state.process",
                   "TerminateThread(thread %lu)%s%s: the thread ends wherever it was, and a "
                   "critical section or the heap's lock it held stays held; the next caller "
                   "that needs it waits for ever [doc: TerminateThread]",
                   (unsigned long)id, during[0] ? " during " : "", during);
    }
    return REAL(TerminateThread, TerminateThread_fn)(thread, code);
}

/* The program of process pid, as "name.exe", or "" when it cannot be read. */
static void image_of(DWORD pid, WCHAR *name, DWORD cap)
{
    WCHAR path[MAX_PATH];
    DWORD units = MAX_PATH;
    name[0] = 0;
    HANDLE p = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    if (!p)
        return;
    if (QueryFullProcessImageNameW(p, 0, path, &units)) {
        const WCHAR *base = wcsrchr(path, '\\');
        wcsncpy(name, base ? base + 1 : path, cap - 1);
        name[cap - 1] = 0;
    }
    CloseHandle(p);
}

/* The check a foreign TerminateProcess fails: in the faults case, where the id came from a
 * registry value the case answered, that case's own (so that --only reruns it). */
static const char *foreign_check(void)
{
    int faults = cf.casename && !strcmp(cf.casename, "faults");
    return faults ? "faults.resources" : "state.process";
}

static void report_foreign(DWORD pid, UINT code)
{
    WCHAR image[64];
    char frame[300];
    const char *during = hook_context();
    image_of(pid, image, sizeof image / sizeof image[0]);
    notifier_frame(NULL, frame, sizeof frame);
    result_bad(foreign_check(),
               "TerminateProcess(process %lu%s%ls%s, %u)%s%s%s%s: the notifier ended a process "
               "it did not start (refused here); a process id it stored or was given names "
               "whatever process has that id now, as ids are reused [doc: GetProcessId]; "
               "end only a handle of a process you started",
               (unsigned long)pid, image[0] ? ", " : "", image,
               pid == bystander_pid() ? ", a bystander the gate started" : "", code,
               during[0] ? " during " : "", during, frame[0] ? "; notifier frame " : "", frame);
}

/* The id of the process of `process`, which may hold PROCESS_TERMINATE alone (GetProcessId
 * needs a query right): through a duplicate with PROCESS_QUERY_LIMITED_INFORMATION. 0 when
 * unknown. */
static DWORD id_of(HANDLE process)
{
    DWORD pid = GetProcessId(process);
    HANDLE query = NULL;
    if (pid || !DuplicateHandle(GetCurrentProcess(), process, GetCurrentProcess(), &query,
                                PROCESS_QUERY_LIMITED_INFORMATION, FALSE, 0))
        return pid;
    pid = GetProcessId(query);
    CloseHandle(query);
    return pid;
}

BOOL WINAPI w_TerminateProcess(HANDLE process, UINT code)
{
    DWORD pid = id_of(process);
    if (process == GetCurrentProcess() || pid == GetCurrentProcessId()) {
        char c[16];
        snprintf(c, sizeof c, "%u", code);
        exit_line("TerminateProcess", c);
    } else if (pid && !started_processes_has(pid)) {
        report_foreign(pid, code);
        SetLastError(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    return REAL(TerminateProcess, TerminateProcess_fn)(process, code);
}
