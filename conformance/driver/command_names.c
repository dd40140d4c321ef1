/* Names that run as commands (see command_names.h). */
#include "command_names.h"

#include "call.h"
#include "fence.h"
#include "out.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

enum { PATH_UNITS = 32768, DIR_UNITS = 200, WAIT_MS = 1500 };

/* Where the name calls the probe: cmd's '&' and '|', PowerShell's ';' and $(...). */
static const WCHAR *const templates[] = {
    L"\\\\fileserver\\share&%ls",
    L"\\\\fileserver\\share|%ls",
    L"\\\\fileserver\\share;%ls",
    L"\\\\fileserver\\share$(%ls)",
};

static WCHAR saved_path[PATH_UNITS];

/* Makes dir\probe.cmd, which writes dir\probe.ran when it runs; 0 on failure. */
static int make_probe(const WCHAR *dir, const WCHAR *probe, WCHAR *ran)
{
    WCHAR script[DIR_UNITS + 40];
    char body[2 * DIR_UNITS + 80];
    swprintf(script, DIR_UNITS + 40, L"%ls\\%ls.cmd", dir, probe);
    swprintf(ran, DIR_UNITS + 40, L"%ls\\%ls.ran", dir, probe);
    int n = snprintf(body, sizeof body, "@echo %%*>\"%ls\"\r\n", ran);
    if (n <= 0 || n >= (int)sizeof body)
        return 0;
    HANDLE h = CreateFileW(script, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return 0;
    DWORD wrote = 0;
    BOOL ok = WriteFile(h, body, (DWORD)n, &wrote, NULL) && wrote == (DWORD)n;
    CloseHandle(h);
    return ok;
}

/* dir first on PATH; the old PATH in saved_path. */
static int path_prepend(const WCHAR *dir)
{
    static WCHAR path[PATH_UNITS];
    DWORD n = GetEnvironmentVariableW(L"PATH", saved_path, PATH_UNITS);
    if (n >= PATH_UNITS)
        return 0;
    if (swprintf(path, PATH_UNITS, L"%ls;%ls", dir, saved_path) < 0)
        return 0;
    return SetEnvironmentVariableW(L"PATH", path);
}

static void remove_probe(const WCHAR *dir, const WCHAR *probe)
{
    WCHAR file[DIR_UNITS + 40];
    swprintf(file, DIR_UNITS + 40, L"%ls\\%ls.cmd", dir, probe);
    DeleteFileW(file);
    swprintf(file, DIR_UNITS + 40, L"%ls\\%ls.ran", dir, probe);
    DeleteFileW(file);
    RemoveDirectoryW(dir);
}

void command_names_judge(void)
{
    WCHAR dir[DIR_UNITS];
    WCHAR probe[32];
    WCHAR ran[DIR_UNITS + 40];
    DWORD n = GetTempPathW(DIR_UNITS - 40, dir);
    swprintf(probe, 32, L"cnprobe%08lx", (unsigned long)(GetCurrentProcessId() ^ GetTickCount()));
    if (!n || n >= DIR_UNITS - 40 || wcschr(dir, ' ') ||
        swprintf(dir + n, DIR_UNITS - n, L"%ls", probe) < 0 || !CreateDirectoryW(dir, NULL)) {
        result("drive.command", "notjudged", "no folder for the probe under TEMP without spaces");
        return;
    }
    if (!make_probe(dir, probe, ran) || !path_prepend(dir)) {
        remove_probe(dir, probe);
        result("drive.command", "notjudged", "the probe program could not be made");
        return;
    }
    announce_step("names that call a probe program after '&', '|', ';' and in $(...)");
    WCHAR name[DIR_UNITS];
    char shown[4][80];
    for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++) {
        swprintf(name, DIR_UNITS, templates[i], probe);
        snprintf(shown[i], sizeof shown[i], "%ls", name);
        WCHAR *fenced = fence_wstr(name, "lpRemoteName (a name that calls a program)");
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, fenced, s_provider, 0), WN_SUCCESS,
                 "a name that calls a program");
        pair_cancel(mk_cancel(s_local, s_pre_provider, 0, FALSE),
                    mk_cancel(s_local, s_provider, 0, FALSE), WN_SUCCESS,
                    "a cancel after a name that calls a program");
    }
    /* A program the notifier starts may run after the call returned. */
    DWORD attr = INVALID_FILE_ATTRIBUTES;
    for (int waited = 0; waited <= WAIT_MS && attr == INVALID_FILE_ATTRIBUTES; waited += 250) {
        attr = GetFileAttributesW(ran);
        if (attr == INVALID_FILE_ATTRIBUTES)
            Sleep(250);
    }
    SetEnvironmentVariableW(L"PATH", saved_path);
    remove_probe(dir, probe);
    if (attr != INVALID_FILE_ATTRIBUTES) {
        result_bad("drive.command",
                   "a program named in lpRemoteName ran: after adds of %s, %s, %s and %s, %ls "
                   "(first on PATH) was started: the notifier passes a caller's name to a "
                   "command interpreter unquoted, and '&' and ';' are legal in share names",
                   shown[0], shown[1], shown[2], shown[3], probe);
        return;
    }
    result("drive.command", "pass",
           "4 names that call a program on PATH after '&', '|', ';' and in $(...): it never ran");
}
