/* This process's own temporary folder (see private_temp.h). */
#include "private_temp.h"

#include "folder_walk.h"

#include <limits.h>
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

static void remove_file(const WCHAR *path, void *arg)
{
    (void)arg;
    DeleteFileW(path);
}

static void remove_folder(const WCHAR *path, void *arg)
{
    (void)arg;
    RemoveDirectoryW(path);
}

void private_temp_end(void)
{
    if (folder[0]) {
        folder_walk(folder, 2, LONG_MAX, remove_file, remove_folder, NULL);
        RemoveDirectoryW(folder);
    }
    folder[0] = 0;
}
