/* Files the notifier keeps open, as another process sees them (see
 * file_sharing.h). */
#include "file_sharing.h"

#include "hooks_files.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

/* A per-process file: its name holds this process's id in decimal. */
static int named_for_this_process(const WCHAR *path)
{
    WCHAR pid[16];
    const WCHAR *name = wcsrchr(path, L'\\');
    _snwprintf(pid, 16, L"%lu", (unsigned long)GetCurrentProcessId());
    pid[15] = 0;
    return wcsstr(name ? name : path, pid) != NULL;
}

/* ERROR_SHARING_VIOLATION, or another error (0 when the open works). */
static DWORD open_to_append(const WCHAR *path)
{
    HANDLE h =
        CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError();
    CloseHandle(h);
    return 0;
}

unsigned files_refusing_writers(char *why, size_t cap, unsigned *probed)
{
    unsigned refused = 0;
    why[0] = 0;
    *probed = 0;
    for (unsigned i = 0; i < files_written(); i++) {
        const WCHAR *path = files_written_at(i);
        if (named_for_this_process(path))
            continue;
        DWORD err = open_to_append(path);
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND)
            continue;
        (*probed)++;
        /* A write in progress on a thread of the notifier ends soon. */
        for (int again = 0; again < 5 && err == ERROR_SHARING_VIOLATION; again++) {
            Sleep(100);
            err = open_to_append(path);
        }
        if (err != ERROR_SHARING_VIOLATION)
            continue;
        refused++;
        size_t at = strlen(why);
        snprintf(why + at, cap - at, "%s%.200ls", at ? ", " : "", path);
    }
    return refused;
}
