/* Integrity hooks: the notifier's heap releases (HeapFree, free, LocalFree,
 * ...) are checked against the heap they name before the real call, and its
 * handle calls that fail with ERROR_INVALID_HANDLE are recorded. Both report
 * the notifier frame and the call in progress. [design] */
#ifndef HOOKS_HEAP_H
#define HOOKS_HEAP_H

#include <stddef.h>
#include <windows.h>

/* While on, blocks the notifier frees are held back (not reused), filled
 * with a pattern and checked when released: a second free or a write after
 * the free shows. Off: the held blocks are checked and freed. */
void heap_quarantine(int on);
/* Heap releases and size queries checked; of them invalid (not passed on). */
long heap_checked(void);
long heap_invalid(void);
/* Handle calls of the notifier seen; of them failed with ERROR_INVALID_HANDLE. */
long handle_calls(void);
long handle_invalid(void);
/* Of them made on a file a host thread held open (host_files.h): refused, not passed on. */
long handle_host_uses(void);
/* The check these handle verdicts go to (NULL: heap.handles, the default). */
void handles_report_to(const char *id);
/* While on, every other handle call of the notifier sleeps 1 ms before it is made. */
void handles_delay_uses(int on);

/* A return address as crash frames print it, "their.dll+0xRVA
 * (Export+0xOFF)", or the bare address outside the notifier. */
void caller_frame(void *pc, char *buf, size_t cap);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
BOOL WINAPI w_HeapFree(HANDLE heap, DWORD flags, LPVOID p);
LPVOID WINAPI w_HeapReAlloc(HANDLE heap, DWORD flags, LPVOID p, SIZE_T n);
SIZE_T WINAPI w_HeapSize(HANDLE heap, DWORD flags, LPCVOID p);
BOOL WINAPI w_HeapDestroy(HANDLE heap);
HLOCAL WINAPI w_LocalFree(HLOCAL h);
HLOCAL WINAPI w_LocalReAlloc(HLOCAL h, SIZE_T n, UINT flags);
HGLOBAL WINAPI w_GlobalFree(HGLOBAL h);
HGLOBAL WINAPI w_GlobalReAlloc(HGLOBAL h, SIZE_T n, UINT flags);
void __cdecl w_free(void *p);
void *__cdecl w_realloc(void *p, size_t n);
size_t __cdecl w__msize(void *p);

/* While on, each WriteFile of the notifier's yields the processor once it returns: threads
 * that write a record in pieces at once interleave on a loaded machine too (files.whole). */
void hooks_yield_after_writes(int on);
/* From now on (text NULL: no longer), counts the notifier's WriteFile calls to disk files
 * whose bytes hold text, in ASCII or UTF-16LE (files.kept: records written, then lost). */
void hooks_watch_disk_writes(const char *text);
LONG hooks_watched_disk_writes(void);
BOOL WINAPI w_WriteFile(HANDLE h, LPCVOID buf, DWORD n, LPDWORD done, LPOVERLAPPED ov);
BOOL WINAPI w_ReadFile(HANDLE h, LPVOID buf, DWORD n, LPDWORD done, LPOVERLAPPED ov);
BOOL WINAPI w_CloseHandle(HANDLE h);
DWORD WINAPI w_SetFilePointer(HANDLE h, LONG lo, PLONG hi, DWORD how);
BOOL WINAPI w_SetFilePointerEx(HANDLE h, LARGE_INTEGER to, PLARGE_INTEGER now, DWORD how);
BOOL WINAPI w_FlushFileBuffers(HANDLE h);
BOOL WINAPI w_SetEndOfFile(HANDLE h);
DWORD WINAPI w_GetFileSize(HANDLE h, LPDWORD hi);
BOOL WINAPI w_GetFileSizeEx(HANDLE h, PLARGE_INTEGER size);
BOOL WINAPI w_LockFileEx(HANDLE h, DWORD flags, DWORD res, DWORD lo, DWORD hi, LPOVERLAPPED ov);
BOOL WINAPI w_UnlockFileEx(HANDLE h, DWORD res, DWORD lo, DWORD hi, LPOVERLAPPED ov);
DWORD WINAPI w_WaitForSingleObject(HANDLE h, DWORD ms);
DWORD WINAPI w_WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable);
DWORD WINAPI w_WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all, DWORD ms);
BOOL WINAPI w_ReleaseMutex(HANDLE h);
BOOL WINAPI w_ReleaseSemaphore(HANDLE h, LONG n, LPLONG prev);
BOOL WINAPI w_SetEvent(HANDLE h);
BOOL WINAPI w_ResetEvent(HANDLE h);

#endif
