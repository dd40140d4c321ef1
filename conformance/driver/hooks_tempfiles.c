/* GetTempFileName of the notifier (see hooks_tempfiles.h). */
#include "hooks_tempfiles.h"

#include "folders.h"
#include "hook_reals.h"

#include <string.h>
#include <wchar.h>

#define MAX_KINDS 8

typedef UINT(WINAPI *gtfw_fn)(LPCWSTR, LPCWSTR, UINT, LPWSTR);
typedef UINT(WINAPI *gtfa_fn)(LPCSTR, LPCSTR, UINT, LPSTR);

/* A folder with its trailing '\' and the prefix's first three characters. */
static struct {
    WCHAR folder[MAX_PATH];
    WCHAR prefix[4];
} kinds[MAX_KINDS];
static unsigned n_kinds;
static SRWLOCK lock = SRWLOCK_INIT;

/* Keeps the folder and prefix of a name GetTempFileName made. */
static void keep(const WCHAR *made, const WCHAR *prefix)
{
    size_t len = folder_len(made);
    if (!len || len >= MAX_PATH)
        return;
    AcquireSRWLockExclusive(&lock);
    for (unsigned i = 0; i < n_kinds; i++) {
        if (!_wcsnicmp(kinds[i].folder, made, len) && !kinds[i].folder[len] &&
            !_wcsicmp(kinds[i].prefix, prefix)) {
            ReleaseSRWLockExclusive(&lock);
            return;
        }
    }
    if (n_kinds < MAX_KINDS) {
        memcpy(kinds[n_kinds].folder, made, len * sizeof(WCHAR));
        kinds[n_kinds].folder[len] = 0;
        wcsncpy(kinds[n_kinds].prefix, prefix, 3);
        kinds[n_kinds].prefix[3] = 0;
        n_kinds++;
    }
    ReleaseSRWLockExclusive(&lock);
}

UINT WINAPI w_GetTempFileNameW(LPCWSTR path, LPCWSTR prefix, UINT unique, LPWSTR out)
{
    gtfw_fn real = (gtfw_fn)hook_real_at(HK_GetTempFileNameW);
    UINT r = real(path, prefix, unique, out);
    DWORD err = GetLastError();
    if (r && !unique && out)
        keep(out, prefix ? prefix : L"");
    SetLastError(err);
    return r;
}

UINT WINAPI w_GetTempFileNameA(LPCSTR path, LPCSTR prefix, UINT unique, LPSTR out)
{
    gtfa_fn real = (gtfa_fn)hook_real_at(HK_GetTempFileNameA);
    UINT r = real(path, prefix, unique, out);
    DWORD err = GetLastError();
    WCHAR made[MAX_PATH];
    WCHAR wprefix[4] = {0};
    if (r && !unique && out && MultiByteToWideChar(CP_ACP, 0, out, -1, made, MAX_PATH)) {
        if (prefix)
            MultiByteToWideChar(CP_ACP, 0, prefix, (int)strnlen(prefix, 3), wprefix, 3);
        keep(made, wprefix);
    }
    SetLastError(err);
    return r;
}

unsigned tempfiles_remove_since(const FILETIME *since)
{
    unsigned removed = 0;
    AcquireSRWLockShared(&lock);
    for (unsigned i = 0; i < n_kinds; i++) {
        WCHAR pattern[MAX_PATH + 16];
        WIN32_FIND_DATAW fd;
        swprintf(pattern, MAX_PATH + 16, L"%ls%ls*.tmp", kinds[i].folder, kinds[i].prefix);
        HANDLE h = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL,
                                    FIND_FIRST_EX_LARGE_FETCH);
        if (h == INVALID_HANDLE_VALUE)
            continue;
        do {
            WCHAR path[MAX_PATH + 16];
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                continue;
            if (CompareFileTime(&fd.ftCreationTime, since) < 0)
                continue;
            swprintf(path, MAX_PATH + 16, L"%ls%ls", kinds[i].folder, fd.cFileName);
            removed += DeleteFileW(path) != 0;
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    ReleaseSRWLockShared(&lock);
    return removed;
}
