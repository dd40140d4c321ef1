/* Resource faults: while a kind is armed, the notifier's imports of that
 * kind fail as they do when the resource is missing or exhausted, so that
 * its error paths run (faults.resources). [design] */
#ifndef HOOKS_FAULTS_H
#define HOOKS_FAULTS_H

#include <stddef.h>
#include <windows.h>

enum fault_kind {
    FAULT_NONE,
    FAULT_FILES,       /* opens: access denied; WriteFile: disk full */
    FAULT_DISK_FULL,   /* opens succeed; WriteFile: disk full */
    FAULT_REG_MISSING, /* keys and values: not found */
    FAULT_REG_LONG,    /* every string value is 32767 units long */
    FAULT_REG_EMPTY,   /* every string value is empty: 0 bytes, no terminator */
    FAULT_MEMORY,      /* allocations return NULL */
    FAULT_THREADS,     /* thread and work-item creation fails */

    /* Every value read, existing or not, answered with another type or an
     * unterminated string; keys that do not exist open as an empty key. */
    FAULT_REG_AS_SZ,        /* REG_SZ "A" */
    FAULT_REG_AS_DWORD,     /* REG_DWORD, the value of faults_dword */
    FAULT_REG_AS_DECIMAL,   /* REG_SZ, the decimal digits of faults_dword */
    FAULT_REG_UNTERMINATED, /* REG_SZ filling the buffer, no terminator */

    /* The clock at its edges (hooks_clock.h). */
    FAULT_CLOCK_WRAP, /* the tick count wraps between the first read and the next */
    FAULT_CLOCK_BACK, /* the system time goes back an hour at every read */
    FAULT_CLOCK_LEAP, /* the clock at 2028-12-31 23:59:58, day 366, 10 ms on per read */

    FAULT_FILE_EXISTS, /* exclusive creates (CREATE_NEW): the file exists */
    FAULT_FOLDERS,     /* nothing exists on disk and no folder can be made: path not found */
};

/* Arms `kind`: nth 0 fails every call of the kind, nth N only the Nth from
 * now (the others pass and are counted). FAULT_NONE disarms. The typed
 * registry kinds make a volatile scratch key under HKEY_CURRENT_USER, the
 * key that keys that do not exist open as; arming another kind deletes it. */
void faults_arm(enum fault_kind kind, unsigned nth);
/* The value FAULT_REG_AS_DWORD and FAULT_REG_AS_DECIMAL answer (0x41414141 until set). */
void faults_dword(DWORD value);
/* Calls of the armed kind since faults_arm. */
unsigned faults_seen(void);
/* 1 while a kind is armed. */
int faults_armed(void);
/* For the wrappers elsewhere: should this call of `kind` fail? Counts it. */
int fault_now(enum fault_kind kind);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
LPVOID WINAPI w_HeapAlloc(HANDLE heap, DWORD flags, SIZE_T n);
HLOCAL WINAPI w_LocalAlloc(UINT flags, SIZE_T n);
HGLOBAL WINAPI w_GlobalAlloc(UINT flags, SIZE_T n);
void *__cdecl w_malloc(size_t n);
void *__cdecl w_calloc(size_t count, size_t n);
char *__cdecl w__strdup(const char *s);
wchar_t *__cdecl w__wcsdup(const wchar_t *s);
LSTATUS WINAPI w_RegOpenKeyExW(HKEY key, LPCWSTR sub, DWORD opts, REGSAM sam, PHKEY out);
LSTATUS WINAPI w_RegOpenKeyExA(HKEY key, LPCSTR sub, DWORD opts, REGSAM sam, PHKEY out);
LSTATUS WINAPI w_RegOpenKeyW(HKEY key, LPCWSTR sub, PHKEY out);
LSTATUS WINAPI w_RegOpenKeyA(HKEY key, LPCSTR sub, PHKEY out);
LSTATUS WINAPI w_RegCreateKeyExW(HKEY key, LPCWSTR sub, DWORD reserved, LPWSTR cls, DWORD opts,
                                 REGSAM sam, const SECURITY_ATTRIBUTES *sa, PHKEY out,
                                 LPDWORD disp);
LSTATUS WINAPI w_RegCreateKeyExA(HKEY key, LPCSTR sub, DWORD reserved, LPSTR cls, DWORD opts,
                                 REGSAM sam, const SECURITY_ATTRIBUTES *sa, PHKEY out,
                                 LPDWORD disp);
LSTATUS WINAPI w_RegQueryValueExW(HKEY key, LPCWSTR name, LPDWORD reserved, LPDWORD type,
                                  LPBYTE data, LPDWORD cb);
LSTATUS WINAPI w_RegQueryValueExA(HKEY key, LPCSTR name, LPDWORD reserved, LPDWORD type,
                                  LPBYTE data, LPDWORD cb);
LSTATUS WINAPI w_RegGetValueW(HKEY key, LPCWSTR sub, LPCWSTR name, DWORD flags, LPDWORD type,
                              PVOID data, LPDWORD cb);
LSTATUS WINAPI w_SHRegGetValueW(HKEY key, LPCWSTR sub, LPCWSTR name, int flags, LPDWORD type,
                                void *data, LPDWORD cb);
LSTATUS WINAPI w_RegGetValueA(HKEY key, LPCSTR sub, LPCSTR name, DWORD flags, LPDWORD type,
                              PVOID data, LPDWORD cb);
HANDLE WINAPI w_CreateThread(LPSECURITY_ATTRIBUTES sa, SIZE_T stack, LPTHREAD_START_ROUTINE start,
                             LPVOID arg, DWORD flags, LPDWORD tid);
uintptr_t __cdecl w__beginthreadex(void *sa, unsigned stack, unsigned(__stdcall *start)(void *),
                                   void *arg, unsigned flags, unsigned *tid);
uintptr_t __cdecl w__beginthread(void(__cdecl *start)(void *), unsigned stack, void *arg);
BOOL WINAPI w_QueueUserWorkItem(LPTHREAD_START_ROUTINE start, PVOID arg, ULONG flags);
BOOL WINAPI w_TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK cb, PVOID arg,
                                          PTP_CALLBACK_ENVIRON env);
PTP_WORK WINAPI w_CreateThreadpoolWork(PTP_WORK_CALLBACK cb, PVOID arg, PTP_CALLBACK_ENVIRON env);

#endif
