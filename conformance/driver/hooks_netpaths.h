/* File-system calls the notifier makes on a path over the network (a UNC
 * path, a network drive, or the drive the running call maps or cancels) on
 * the thread MPR called it on: each is an SMB round trip, and a cancel is
 * often made because the server no longer answers, so the caller waits for
 * the redirector's timeout. latency.network [design] */
#ifndef HOOKS_NETPATHS_H
#define HOOKS_NETPATHS_H

#include <windows.h>

/* Judges fn(path): called by the file hooks for every open. */
void netpaths_judge(const char *fn, const WCHAR *path);
void netpaths_judge_a(const char *fn, const char *path);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
DWORD WINAPI w_GetFileAttributesW(LPCWSTR path);
DWORD WINAPI w_GetFileAttributesA(LPCSTR path);
BOOL WINAPI w_GetFileAttributesExW(LPCWSTR path, GET_FILEEX_INFO_LEVELS level, void *info);
BOOL WINAPI w_GetFileAttributesExA(LPCSTR path, GET_FILEEX_INFO_LEVELS level, void *info);
HANDLE WINAPI w_FindFirstFileW(LPCWSTR pattern, LPWIN32_FIND_DATAW data);
HANDLE WINAPI w_FindFirstFileA(LPCSTR pattern, LPWIN32_FIND_DATAA data);
HANDLE WINAPI w_FindFirstFileExW(LPCWSTR pattern, FINDEX_INFO_LEVELS level, void *data,
                                 FINDEX_SEARCH_OPS op, void *filter, DWORD flags);
BOOL WINAPI w_GetDiskFreeSpaceExW(LPCWSTR path, PULARGE_INTEGER avail, PULARGE_INTEGER total,
                                  PULARGE_INTEGER free_bytes);
BOOL WINAPI w_GetDiskFreeSpaceExA(LPCSTR path, PULARGE_INTEGER avail, PULARGE_INTEGER total,
                                  PULARGE_INTEGER free_bytes);
BOOL WINAPI w_GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD name_size, LPDWORD serial,
                                    LPDWORD max_component, LPDWORD flags, LPWSTR fs, DWORD fs_size);
BOOL WINAPI w_GetVolumeInformationA(LPCSTR root, LPSTR name, DWORD name_size, LPDWORD serial,
                                    LPDWORD max_component, LPDWORD flags, LPSTR fs, DWORD fs_size);
BOOL WINAPI w_CreateDirectoryW(LPCWSTR path, LPSECURITY_ATTRIBUTES sa);
BOOL WINAPI w_CreateDirectoryA(LPCSTR path, LPSECURITY_ATTRIBUTES sa);
BOOL WINAPI w_GetFileSecurityW(LPCWSTR path, SECURITY_INFORMATION what, PSECURITY_DESCRIPTOR sd,
                               DWORD size, LPDWORD needed);
BOOL WINAPI w_PathFileExistsW(LPCWSTR path);
BOOL WINAPI w_PathFileExistsA(LPCSTR path);

#endif
