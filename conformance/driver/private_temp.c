/* This process's own temporary folder (see private_temp.h). */
#include "private_temp.h"

#include <stdlib.h>
#include <wchar.h>
#include <windows.h>

static WCHAR folder[MAX_PATH];

int private_temp_begin(void)
{
    WCHAR base[MAX_PATH];
    LARGE_INTEGER now;
    DWORD n = GetTempPathW(MAX_PATH, base);
    if (!n || n >= MAX_PATH - 40)
        return 0;
    QueryPerformanceCounter(&now);
    swprintf(folder, MAX_PATH, L"%lsconnotify-%lu-%llx", base, GetCurrentProcessId(),
             (unsigned long long)now.QuadPart);
    if (!CreateDirectoryW(folder, NULL)) {
        folder[0] = 0;
        return 0;
    }
    SetEnvironmentVariableW(L"TEMP", folder);
    SetEnvironmentVariableW(L"TMP", folder);
    _wputenv_s(L"TEMP", folder);
    _wputenv_s(L"TMP", folder);
    return 1;
}

/* Removes what is below dir (no trailing '\'), depth levels down, then dir. */
static void remove_tree(const WCHAR *dir, int depth)
{
    WCHAR pattern[MAX_PATH];
    WIN32_FIND_DATAW fd;
    if (swprintf(pattern, MAX_PATH, L"%ls\\*", dir) < 0)
        return;
    HANDLE h = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL,
                                FIND_FIRST_EX_LARGE_FETCH);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            WCHAR path[MAX_PATH];
            if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
                continue;
            if (swprintf(path, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName) < 0)
                continue;
            if (!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
                DeleteFileW(path);
            else if (depth > 1)
                remove_tree(path, depth - 1);
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    RemoveDirectoryW(dir);
}

void private_temp_end(void)
{
    if (folder[0])
        remove_tree(folder, 2);
    folder[0] = 0;
}
