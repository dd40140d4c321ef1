/* Resource faults (see hooks_faults.h). */
#include "hooks_faults.h"

#include "hook_reals.h"

#include <errno.h>
#include <string.h>

static volatile LONG armed_kind;
static volatile LONG armed_nth;
static volatile LONG seen;

void faults_arm(enum fault_kind kind, unsigned nth)
{
    InterlockedExchange(&armed_kind, FAULT_NONE);
    InterlockedExchange(&seen, 0);
    InterlockedExchange(&armed_nth, (LONG)nth);
    InterlockedExchange(&armed_kind, kind);
}

unsigned faults_seen(void)
{
    return (unsigned)seen;
}

int fault_now(enum fault_kind kind)
{
    if (armed_kind != (LONG)kind)
        return 0;
    LONG n = InterlockedIncrement(&seen);
    return armed_nth == 0 || n == armed_nth;
}

#define REAL(id, type) ((type)hook_real_at(HK_##id))

/* ---- memory ---- */

typedef LPVOID(WINAPI *HeapAlloc_fn)(HANDLE, DWORD, SIZE_T);
typedef HLOCAL(WINAPI *LocalAlloc_fn)(UINT, SIZE_T);
typedef HGLOBAL(WINAPI *GlobalAlloc_fn)(UINT, SIZE_T);
typedef void *(__cdecl *malloc_fn)(size_t);
typedef void *(__cdecl *calloc_fn)(size_t, size_t);
typedef char *(__cdecl *strdup_fn)(const char *);
typedef wchar_t *(__cdecl *wcsdup_fn)(const wchar_t *);

LPVOID WINAPI w_HeapAlloc(HANDLE heap, DWORD flags, SIZE_T n)
{
    if (!fault_now(FAULT_MEMORY))
        return REAL(HeapAlloc, HeapAlloc_fn)(heap, flags, n);
    if (flags & HEAP_GENERATE_EXCEPTIONS)
        RaiseException(STATUS_NO_MEMORY, 0, 0, NULL);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}

HLOCAL WINAPI w_LocalAlloc(UINT flags, SIZE_T n)
{
    if (!fault_now(FAULT_MEMORY))
        return REAL(LocalAlloc, LocalAlloc_fn)(flags, n);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}

HGLOBAL WINAPI w_GlobalAlloc(UINT flags, SIZE_T n)
{
    if (!fault_now(FAULT_MEMORY))
        return REAL(GlobalAlloc, GlobalAlloc_fn)(flags, n);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}

void *__cdecl w_malloc(size_t n)
{
    if (!fault_now(FAULT_MEMORY))
        return REAL(malloc, malloc_fn)(n);
    errno = ENOMEM;
    return NULL;
}

void *__cdecl w_calloc(size_t count, size_t n)
{
    if (!fault_now(FAULT_MEMORY))
        return REAL(calloc, calloc_fn)(count, n);
    errno = ENOMEM;
    return NULL;
}

char *__cdecl w__strdup(const char *s)
{
    if (!fault_now(FAULT_MEMORY))
        return REAL(_strdup, strdup_fn)(s);
    errno = ENOMEM;
    return NULL;
}

wchar_t *__cdecl w__wcsdup(const wchar_t *s)
{
    if (!fault_now(FAULT_MEMORY))
        return REAL(_wcsdup, wcsdup_fn)(s);
    errno = ENOMEM;
    return NULL;
}

/* ---- registry ---- */

typedef LSTATUS(WINAPI *RegOpenKeyExW_fn)(HKEY, LPCWSTR, DWORD, REGSAM, PHKEY);
typedef LSTATUS(WINAPI *RegOpenKeyExA_fn)(HKEY, LPCSTR, DWORD, REGSAM, PHKEY);
typedef LSTATUS(WINAPI *RegOpenKeyW_fn)(HKEY, LPCWSTR, PHKEY);
typedef LSTATUS(WINAPI *RegOpenKeyA_fn)(HKEY, LPCSTR, PHKEY);
typedef LSTATUS(WINAPI *RegCreateKeyExW_fn)(HKEY, LPCWSTR, DWORD, LPWSTR, DWORD, REGSAM,
                                            const SECURITY_ATTRIBUTES *, PHKEY, LPDWORD);
typedef LSTATUS(WINAPI *RegCreateKeyExA_fn)(HKEY, LPCSTR, DWORD, LPSTR, DWORD, REGSAM,
                                            const SECURITY_ATTRIBUTES *, PHKEY, LPDWORD);
typedef LSTATUS(WINAPI *RegQueryValueExW_fn)(HKEY, LPCWSTR, LPDWORD, LPDWORD, LPBYTE, LPDWORD);
typedef LSTATUS(WINAPI *RegQueryValueExA_fn)(HKEY, LPCSTR, LPDWORD, LPDWORD, LPBYTE, LPDWORD);
typedef LSTATUS(WINAPI *RegGetValueW_fn)(HKEY, LPCWSTR, LPCWSTR, DWORD, LPDWORD, PVOID, LPDWORD);
typedef LSTATUS(WINAPI *RegGetValueA_fn)(HKEY, LPCSTR, LPCSTR, DWORD, LPDWORD, PVOID, LPDWORD);

/* A missing key: what the opens answer when the notifier's key was never
 * written (an installer that failed, a policy removed). */
static int reg_missing(PHKEY out)
{
    if (!fault_now(FAULT_REG_MISSING))
        return 0;
    if (out)
        *out = NULL;
    return 1;
}

LSTATUS WINAPI w_RegOpenKeyExW(HKEY key, LPCWSTR sub, DWORD opts, REGSAM sam, PHKEY out)
{
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    return REAL(RegOpenKeyExW, RegOpenKeyExW_fn)(key, sub, opts, sam, out);
}

LSTATUS WINAPI w_RegOpenKeyExA(HKEY key, LPCSTR sub, DWORD opts, REGSAM sam, PHKEY out)
{
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    return REAL(RegOpenKeyExA, RegOpenKeyExA_fn)(key, sub, opts, sam, out);
}

LSTATUS WINAPI w_RegOpenKeyW(HKEY key, LPCWSTR sub, PHKEY out)
{
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    return REAL(RegOpenKeyW, RegOpenKeyW_fn)(key, sub, out);
}

LSTATUS WINAPI w_RegOpenKeyA(HKEY key, LPCSTR sub, PHKEY out)
{
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    return REAL(RegOpenKeyA, RegOpenKeyA_fn)(key, sub, out);
}

/* A key that cannot be created is one the caller may not write. */
LSTATUS WINAPI w_RegCreateKeyExW(HKEY key, LPCWSTR sub, DWORD reserved, LPWSTR cls, DWORD opts,
                                 REGSAM sam, const SECURITY_ATTRIBUTES *sa, PHKEY out, LPDWORD disp)
{
    if (reg_missing(out))
        return ERROR_ACCESS_DENIED;
    return REAL(RegCreateKeyExW, RegCreateKeyExW_fn)(key, sub, reserved, cls, opts, sam, sa, out,
                                                     disp);
}

LSTATUS WINAPI w_RegCreateKeyExA(HKEY key, LPCSTR sub, DWORD reserved, LPSTR cls, DWORD opts,
                                 REGSAM sam, const SECURITY_ATTRIBUTES *sa, PHKEY out, LPDWORD disp)
{
    if (reg_missing(out))
        return ERROR_ACCESS_DENIED;
    return REAL(RegCreateKeyExA, RegCreateKeyExA_fn)(key, sub, reserved, cls, opts, sam, sa, out,
                                                     disp);
}

static int is_string_type(DWORD type)
{
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

enum { LONG_UNITS = 32767 };

/* The value as a string of LONG_UNITS 'A's and its terminator(s), units of
 * `unit` bytes, answered as RegQueryValueEx does: the size when data is
 * NULL, ERROR_MORE_DATA (the buffer's contents undefined [doc]: filled)
 * when the buffer is smaller. */
static LSTATUS long_string(DWORD real_type, LPDWORD type, BYTE *data, LPDWORD cb, size_t unit)
{
    size_t nuls = real_type == REG_MULTI_SZ ? 2 : 1;
    DWORD total = (DWORD)((LONG_UNITS + nuls) * unit);
    if (type)
        *type = real_type;
    if (!cb)
        return data ? ERROR_INVALID_PARAMETER : ERROR_SUCCESS;
    if (!data) {
        *cb = total;
        return ERROR_SUCCESS;
    }
    DWORD room = *cb;
    *cb = total;
    if (room < total) {
        memset(data, 'A', room);
        return ERROR_MORE_DATA;
    }
    memset(data, 'A', LONG_UNITS * unit);
    memset(data + LONG_UNITS * unit, 0, nuls * unit);
    return ERROR_SUCCESS;
}

/* An empty value as stored: 0 bytes, not even a terminator. */
static LSTATUS empty_string(DWORD real_type, LPDWORD type, LPDWORD cb)
{
    if (type)
        *type = real_type;
    if (cb)
        *cb = 0;
    return ERROR_SUCCESS;
}

/* The fault for an existing string value, or -1 for the real answer. */
static LSTATUS odd_string(DWORD real_type, LPDWORD type, BYTE *data, LPDWORD cb, size_t unit)
{
    if (!is_string_type(real_type))
        return -1;
    if (armed_kind == (LONG)FAULT_REG_LONG && fault_now(FAULT_REG_LONG))
        return long_string(real_type, type, data, cb, unit);
    if (armed_kind == (LONG)FAULT_REG_EMPTY && fault_now(FAULT_REG_EMPTY))
        return empty_string(real_type, type, cb);
    return -1;
}

static int odd_armed(void)
{
    return armed_kind == (LONG)FAULT_REG_LONG || armed_kind == (LONG)FAULT_REG_EMPTY;
}

LSTATUS WINAPI w_RegQueryValueExW(HKEY key, LPCWSTR name, LPDWORD reserved, LPDWORD type,
                                  LPBYTE data, LPDWORD cb)
{
    RegQueryValueExW_fn real = REAL(RegQueryValueExW, RegQueryValueExW_fn);
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    DWORD real_type = REG_NONE;
    if (odd_armed() && real(key, name, NULL, &real_type, NULL, NULL) == 0) {
        LSTATUS r = odd_string(real_type, type, data, cb, sizeof(WCHAR));
        if (r != -1)
            return r;
    }
    return real(key, name, reserved, type, data, cb);
}

LSTATUS WINAPI w_RegQueryValueExA(HKEY key, LPCSTR name, LPDWORD reserved, LPDWORD type,
                                  LPBYTE data, LPDWORD cb)
{
    RegQueryValueExA_fn real = REAL(RegQueryValueExA, RegQueryValueExA_fn);
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    DWORD real_type = REG_NONE;
    if (odd_armed() && real(key, name, NULL, &real_type, NULL, NULL) == 0) {
        LSTATUS r = odd_string(real_type, type, data, cb, 1);
        if (r != -1)
            return r;
    }
    return real(key, name, reserved, type, data, cb);
}

/* RegGetValue terminates what it returns [doc]: only missing values. */
LSTATUS WINAPI w_RegGetValueW(HKEY key, LPCWSTR sub, LPCWSTR name, DWORD flags, LPDWORD type,
                              PVOID data, LPDWORD cb)
{
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    return REAL(RegGetValueW, RegGetValueW_fn)(key, sub, name, flags, type, data, cb);
}

LSTATUS WINAPI w_RegGetValueA(HKEY key, LPCSTR sub, LPCSTR name, DWORD flags, LPDWORD type,
                              PVOID data, LPDWORD cb)
{
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    return REAL(RegGetValueA, RegGetValueA_fn)(key, sub, name, flags, type, data, cb);
}

/* ---- threads and work items ---- */

typedef HANDLE(WINAPI *CreateThread_fn)(LPSECURITY_ATTRIBUTES, SIZE_T, LPTHREAD_START_ROUTINE,
                                        LPVOID, DWORD, LPDWORD);
typedef uintptr_t(__cdecl *beginthreadex_fn)(void *, unsigned, unsigned(__stdcall *)(void *),
                                             void *, unsigned, unsigned *);
typedef uintptr_t(__cdecl *beginthread_fn)(void(__cdecl *)(void *), unsigned, void *);
typedef BOOL(WINAPI *QueueUserWorkItem_fn)(LPTHREAD_START_ROUTINE, PVOID, ULONG);
typedef BOOL(WINAPI *TrySubmit_fn)(PTP_SIMPLE_CALLBACK, PVOID, PTP_CALLBACK_ENVIRON);
typedef PTP_WORK(WINAPI *CreateWork_fn)(PTP_WORK_CALLBACK, PVOID, PTP_CALLBACK_ENVIRON);

HANDLE WINAPI w_CreateThread(LPSECURITY_ATTRIBUTES sa, SIZE_T stack, LPTHREAD_START_ROUTINE start,
                             LPVOID arg, DWORD flags, LPDWORD tid)
{
    if (!fault_now(FAULT_THREADS))
        return REAL(CreateThread, CreateThread_fn)(sa, stack, start, arg, flags, tid);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}

uintptr_t __cdecl w__beginthreadex(void *sa, unsigned stack, unsigned(__stdcall *start)(void *),
                                   void *arg, unsigned flags, unsigned *tid)
{
    if (!fault_now(FAULT_THREADS))
        return REAL(_beginthreadex, beginthreadex_fn)(sa, stack, start, arg, flags, tid);
    errno = EAGAIN;
    return 0;
}

uintptr_t __cdecl w__beginthread(void(__cdecl *start)(void *), unsigned stack, void *arg)
{
    if (!fault_now(FAULT_THREADS))
        return REAL(_beginthread, beginthread_fn)(start, stack, arg);
    errno = EAGAIN;
    return (uintptr_t)-1;
}

BOOL WINAPI w_QueueUserWorkItem(LPTHREAD_START_ROUTINE start, PVOID arg, ULONG flags)
{
    if (!fault_now(FAULT_THREADS))
        return REAL(QueueUserWorkItem, QueueUserWorkItem_fn)(start, arg, flags);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
}

BOOL WINAPI w_TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK cb, PVOID arg,
                                          PTP_CALLBACK_ENVIRON env)
{
    if (!fault_now(FAULT_THREADS))
        return REAL(TrySubmitThreadpoolCallback, TrySubmit_fn)(cb, arg, env);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
}

PTP_WORK WINAPI w_CreateThreadpoolWork(PTP_WORK_CALLBACK cb, PVOID arg, PTP_CALLBACK_ENVIRON env)
{
    if (!fault_now(FAULT_THREADS))
        return REAL(CreateThreadpoolWork, CreateWork_fn)(cb, arg, env);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}
