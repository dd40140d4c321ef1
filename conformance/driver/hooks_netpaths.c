/* File-system calls on network paths (see hooks_netpaths.h). */
#include "hooks_netpaths.h"

#include "hooks_faults.h"

#include "hook_reals.h"
#include "hooks_network.h"
#include "out.h"

#include <stdio.h>
#include <wchar.h>

#define REAL(idx, type) ((type)hook_real_at(idx))

static int readable_units(const WCHAR *p, size_t units)
{
    MEMORY_BASIC_INFORMATION m;
    const DWORD ok = PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ |
                     PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY;
    if (!p || !VirtualQuery(p, &m, sizeof m) || m.State != MEM_COMMIT || !(m.Protect & ok) ||
        (m.Protect & PAGE_GUARD))
        return 0;
    return (const char *)(p + units) <= (const char *)m.BaseAddress + m.RegionSize;
}

static WCHAR upper(WCHAR c)
{
    return c >= L'a' && c <= L'z' ? (WCHAR)(c - 32) : c;
}

/* The drive letter of the running call's device name ("Y:"), or 0. */
static WCHAR call_drive(void)
{
    const WCHAR *l = call_device();
    if (!readable_units(l, 3))
        return 0;
    WCHAR c = upper(l[0]);
    return c >= L'A' && c <= L'Z' && l[1] == L':' && !l[2] ? c : 0;
}

/* What makes path a network path, or NULL. */
static const char *network_kind(const WCHAR *p)
{
    if (!p || !p[0])
        return NULL;
    int sep0 = p[0] == L'\\' || p[0] == L'/';
    int sep1 = p[1] == L'\\' || p[1] == L'/';
    if (sep0 && sep1) {
        if (!_wcsnicmp(p + 2, L"?\\UNC\\", 6))
            return "a UNC path";
        if (p[2] == L'?' || p[2] == L'.')
            return NULL;
        return "a UNC path";
    }
    WCHAR c = upper(p[0]);
    if (c < L'A' || c > L'Z' || p[1] != L':')
        return NULL;
    WCHAR root[4] = {c, L':', L'\\', 0};
    UINT type = GetDriveTypeW(root);
    if (type == DRIVE_REMOTE)
        return "on a network drive";
    /* Not a local disk here (under Wine Z: is the Unix root, a disk). */
    if (type == DRIVE_NO_ROOT_DIR && c == call_drive())
        return "on the drive this call maps or cancels";
    return NULL;
}

void netpaths_judge(const char *fn, const WCHAR *path)
{
    /* Only the caller's thread is judged: no drive query for the others. */
    if (!in_notifier_call())
        return;
    const char *kind = network_kind(path);
    if (!kind)
        return;
    char call[240];
    snprintf(call, sizeof call, "%s(\"%.100ls\"), %s (an SMB round trip)", fn, path, kind);
    network_judge(call);
}

void netpaths_judge_a(const char *fn, const char *path)
{
    WCHAR w[MAX_PATH];
    if (!path || !in_notifier_call() || !MultiByteToWideChar(CP_ACP, 0, path, -1, w, MAX_PATH))
        return;
    w[MAX_PATH - 1] = 0;
    netpaths_judge(fn, w);
}

/* Under FAULT_FOLDERS nothing exists on disk and no folder can be made (a
 * profile or log folder removed, its parent gone): 1, the error set. */
static int folder_missing(void)
{
    if (!fault_now(FAULT_FOLDERS))
        return 0;
    SetLastError(ERROR_PATH_NOT_FOUND);
    return 1;
}

typedef DWORD(WINAPI *attr_w_fn)(LPCWSTR);
DWORD WINAPI w_GetFileAttributesW(LPCWSTR path)
{
    netpaths_judge("GetFileAttributesW", path);
    if (folder_missing())
        return INVALID_FILE_ATTRIBUTES;
    return REAL(HK_GetFileAttributesW, attr_w_fn)(path);
}

typedef DWORD(WINAPI *attr_a_fn)(LPCSTR);
DWORD WINAPI w_GetFileAttributesA(LPCSTR path)
{
    netpaths_judge_a("GetFileAttributesA", path);
    if (folder_missing())
        return INVALID_FILE_ATTRIBUTES;
    return REAL(HK_GetFileAttributesA, attr_a_fn)(path);
}

typedef BOOL(WINAPI *attr_ex_w_fn)(LPCWSTR, GET_FILEEX_INFO_LEVELS, void *);
BOOL WINAPI w_GetFileAttributesExW(LPCWSTR path, GET_FILEEX_INFO_LEVELS level, void *info)
{
    netpaths_judge("GetFileAttributesExW", path);
    if (folder_missing())
        return FALSE;
    return REAL(HK_GetFileAttributesExW, attr_ex_w_fn)(path, level, info);
}

typedef BOOL(WINAPI *attr_ex_a_fn)(LPCSTR, GET_FILEEX_INFO_LEVELS, void *);
BOOL WINAPI w_GetFileAttributesExA(LPCSTR path, GET_FILEEX_INFO_LEVELS level, void *info)
{
    netpaths_judge_a("GetFileAttributesExA", path);
    if (folder_missing())
        return FALSE;
    return REAL(HK_GetFileAttributesExA, attr_ex_a_fn)(path, level, info);
}

typedef HANDLE(WINAPI *find_w_fn)(LPCWSTR, LPWIN32_FIND_DATAW);
HANDLE WINAPI w_FindFirstFileW(LPCWSTR pattern, LPWIN32_FIND_DATAW data)
{
    netpaths_judge("FindFirstFileW", pattern);
    if (folder_missing())
        return INVALID_HANDLE_VALUE;
    return REAL(HK_FindFirstFileW, find_w_fn)(pattern, data);
}

typedef HANDLE(WINAPI *find_a_fn)(LPCSTR, LPWIN32_FIND_DATAA);
HANDLE WINAPI w_FindFirstFileA(LPCSTR pattern, LPWIN32_FIND_DATAA data)
{
    netpaths_judge_a("FindFirstFileA", pattern);
    if (folder_missing())
        return INVALID_HANDLE_VALUE;
    return REAL(HK_FindFirstFileA, find_a_fn)(pattern, data);
}

typedef HANDLE(WINAPI *find_ex_fn)(LPCWSTR, FINDEX_INFO_LEVELS, void *, FINDEX_SEARCH_OPS, void *,
                                   DWORD);
HANDLE WINAPI w_FindFirstFileExW(LPCWSTR pattern, FINDEX_INFO_LEVELS level, void *data,
                                 FINDEX_SEARCH_OPS op, void *filter, DWORD flags)
{
    netpaths_judge("FindFirstFileExW", pattern);
    if (folder_missing())
        return INVALID_HANDLE_VALUE;
    return REAL(HK_FindFirstFileExW, find_ex_fn)(pattern, level, data, op, filter, flags);
}

typedef BOOL(WINAPI *free_w_fn)(LPCWSTR, PULARGE_INTEGER, PULARGE_INTEGER, PULARGE_INTEGER);
BOOL WINAPI w_GetDiskFreeSpaceExW(LPCWSTR path, PULARGE_INTEGER avail, PULARGE_INTEGER total,
                                  PULARGE_INTEGER free_bytes)
{
    netpaths_judge("GetDiskFreeSpaceExW", path);
    return REAL(HK_GetDiskFreeSpaceExW, free_w_fn)(path, avail, total, free_bytes);
}

typedef BOOL(WINAPI *free_a_fn)(LPCSTR, PULARGE_INTEGER, PULARGE_INTEGER, PULARGE_INTEGER);
BOOL WINAPI w_GetDiskFreeSpaceExA(LPCSTR path, PULARGE_INTEGER avail, PULARGE_INTEGER total,
                                  PULARGE_INTEGER free_bytes)
{
    netpaths_judge_a("GetDiskFreeSpaceExA", path);
    return REAL(HK_GetDiskFreeSpaceExA, free_a_fn)(path, avail, total, free_bytes);
}

typedef BOOL(WINAPI *volume_w_fn)(LPCWSTR, LPWSTR, DWORD, LPDWORD, LPDWORD, LPDWORD, LPWSTR, DWORD);
BOOL WINAPI w_GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD name_size, LPDWORD serial,
                                    LPDWORD max_component, LPDWORD flags, LPWSTR fs, DWORD fs_size)
{
    netpaths_judge("GetVolumeInformationW", root);
    return REAL(HK_GetVolumeInformationW, volume_w_fn)(root, name, name_size, serial, max_component,
                                                       flags, fs, fs_size);
}

typedef BOOL(WINAPI *volume_a_fn)(LPCSTR, LPSTR, DWORD, LPDWORD, LPDWORD, LPDWORD, LPSTR, DWORD);
BOOL WINAPI w_GetVolumeInformationA(LPCSTR root, LPSTR name, DWORD name_size, LPDWORD serial,
                                    LPDWORD max_component, LPDWORD flags, LPSTR fs, DWORD fs_size)
{
    netpaths_judge_a("GetVolumeInformationA", root);
    return REAL(HK_GetVolumeInformationA, volume_a_fn)(root, name, name_size, serial, max_component,
                                                       flags, fs, fs_size);
}

typedef BOOL(WINAPI *mkdir_w_fn)(LPCWSTR, LPSECURITY_ATTRIBUTES);
BOOL WINAPI w_CreateDirectoryW(LPCWSTR path, LPSECURITY_ATTRIBUTES sa)
{
    netpaths_judge("CreateDirectoryW", path);
    if (folder_missing())
        return FALSE;
    return REAL(HK_CreateDirectoryW, mkdir_w_fn)(path, sa);
}

typedef BOOL(WINAPI *mkdir_a_fn)(LPCSTR, LPSECURITY_ATTRIBUTES);
BOOL WINAPI w_CreateDirectoryA(LPCSTR path, LPSECURITY_ATTRIBUTES sa)
{
    netpaths_judge_a("CreateDirectoryA", path);
    if (folder_missing())
        return FALSE;
    return REAL(HK_CreateDirectoryA, mkdir_a_fn)(path, sa);
}

typedef BOOL(WINAPI *security_w_fn)(LPCWSTR, SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, DWORD,
                                    LPDWORD);
BOOL WINAPI w_GetFileSecurityW(LPCWSTR path, SECURITY_INFORMATION what, PSECURITY_DESCRIPTOR sd,
                               DWORD size, LPDWORD needed)
{
    netpaths_judge("GetFileSecurityW", path);
    return REAL(HK_GetFileSecurityW, security_w_fn)(path, what, sd, size, needed);
}

typedef BOOL(WINAPI *exists_w_fn)(LPCWSTR);
BOOL WINAPI w_PathFileExistsW(LPCWSTR path)
{
    netpaths_judge("PathFileExistsW", path);
    if (folder_missing())
        return FALSE;
    return REAL(HK_PathFileExistsW, exists_w_fn)(path);
}

typedef BOOL(WINAPI *exists_a_fn)(LPCSTR);
BOOL WINAPI w_PathFileExistsA(LPCSTR path)
{
    netpaths_judge_a("PathFileExistsA", path);
    if (folder_missing())
        return FALSE;
    return REAL(HK_PathFileExistsA, exists_a_fn)(path);
}
