/* Walking a folder (see folder_walk.h). */
#include "folder_walk.h"

#include <wchar.h>

long folder_walk(const WCHAR *dir, int depth, long cap, folder_walk_fn on_file,
                 folder_walk_fn on_folder, void *arg)
{
    size_t len = wcslen(dir);
    const WCHAR *sep = len && dir[len - 1] == L'\\' ? L"" : L"\\";
    WCHAR pattern[MAX_PATH];
    WIN32_FIND_DATAW fd;
    long n = 0;
    if (swprintf(pattern, MAX_PATH, L"%ls%ls*", dir, sep) < 0)
        return 0;
    HANDLE h = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL,
                                FIND_FIRST_EX_LARGE_FETCH);
    if (h == INVALID_HANDLE_VALUE)
        return 0;
    do {
        WCHAR path[MAX_PATH];
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        if (swprintf(path, MAX_PATH, L"%ls%ls%ls", dir, sep, fd.cFileName) < 0)
            continue;
        if (!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
            n++;
            if (on_file)
                on_file(path, arg);
            continue;
        }
        if (depth > 1) {
            n += folder_walk(path, depth - 1, cap - n, on_file, on_folder, arg);
            if (on_folder)
                on_folder(path, arg);
        }
    } while (n < cap && FindNextFileW(h, &fd));
    FindClose(h);
    return n;
}
