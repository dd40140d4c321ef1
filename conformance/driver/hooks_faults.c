/* Resource faults (see hooks_faults.h). */
#include "hooks_faults.h"

#include "heap_serialize.h"
#include "hook_reals.h"
#include "pool_apartment.h"
#include "reg_bounded.h"
#include "registry_reads.h"
#include "registry_views.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static volatile LONG armed_kind;
static volatile LONG armed_nth;
static volatile LONG seen;

/* The typed registry kinds: every value read answered with another type or
 * an unterminated string, keys that do not exist opened as the scratch key. */
static int is_typed_kind(LONG kind)
{
    return kind == FAULT_REG_AS_SZ || kind == FAULT_REG_AS_DWORD || kind == FAULT_REG_AS_DECIMAL ||
           kind == FAULT_REG_UNTERMINATED;
}

/* The scratch key: empty when a typed kind is armed, volatile (gone with
 * the Wine session if the driver dies), deleted with whatever the notifier
 * wrote in it when the kind is disarmed. */
static const WCHAR scratch_path[] = L"Software\\connotify-conformance-scratch";
static int scratch_made;

static void scratch_key_update(enum fault_kind kind)
{
    if (scratch_made && !is_typed_kind(kind)) {
        RegDeleteTreeW(HKEY_CURRENT_USER, scratch_path);
        scratch_made = 0;
    }
    if (scratch_made || !is_typed_kind(kind))
        return;
    HKEY key;
    RegDeleteTreeW(HKEY_CURRENT_USER, scratch_path);
    if (RegCreateKeyExW(HKEY_CURRENT_USER, scratch_path, 0, NULL, REG_OPTION_VOLATILE,
                        KEY_ALL_ACCESS, NULL, &key, NULL) != ERROR_SUCCESS)
        return;
    RegCloseKey(key);
    scratch_made = 1;
}

void faults_arm(enum fault_kind kind, unsigned nth)
{
    InterlockedExchange(&armed_kind, FAULT_NONE);
    scratch_key_update(kind);
    InterlockedExchange(&seen, 0);
    InterlockedExchange(&armed_nth, (LONG)nth);
    InterlockedExchange(&armed_kind, kind);
}

unsigned faults_seen(void)
{
    return (unsigned)seen;
}

int faults_armed(void)
{
    return armed_kind != (LONG)FAULT_NONE;
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
    void *caller = __builtin_return_address(0);
    heap_serialize_judge("HeapAlloc", heap, flags, caller);
    if (!fault_now(FAULT_MEMORY)) {
        void *entered = heap_serialize_enter("HeapAlloc", heap, caller);
        LPVOID block = REAL(HeapAlloc, HeapAlloc_fn)(heap, flags, n);
        heap_serialize_leave(entered);
        return block;
    }
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

/* The typed kind armed, counted as one of its calls, or FAULT_NONE. */
static LONG typed_now(void)
{
    LONG kind = armed_kind;
    if (!is_typed_kind(kind) || !fault_now((enum fault_kind)kind))
        return FAULT_NONE;
    return kind;
}

static int is_missing_key(LSTATUS r)
{
    return r == ERROR_FILE_NOT_FOUND || r == ERROR_PATH_NOT_FOUND;
}

/* The answer to an open that answered `r`: while a typed kind is armed, a
 * key that does not exist opens as the scratch key, so that the notifier's
 * reads of settings nobody installed reach the typed answers. */
static LSTATUS open_or_scratch(LSTATUS r, REGSAM sam, PHKEY out)
{
    if (!is_missing_key(r) || !out || typed_now() == FAULT_NONE)
        return r;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, scratch_path, 0, sam, out) != ERROR_SUCCESS)
        return r;
    return ERROR_SUCCESS;
}

LSTATUS WINAPI w_RegOpenKeyExW(HKEY key, LPCWSTR sub, DWORD opts, REGSAM sam, PHKEY out)
{
    registry_views_noteW(key, sub, sam);
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    LSTATUS r = REAL(RegOpenKeyExW, RegOpenKeyExW_fn)(key, sub, opts, sam, out);
    return open_or_scratch(r, sam, out);
}

LSTATUS WINAPI w_RegOpenKeyExA(HKEY key, LPCSTR sub, DWORD opts, REGSAM sam, PHKEY out)
{
    registry_views_noteA(key, sub, sam);
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    LSTATUS r = REAL(RegOpenKeyExA, RegOpenKeyExA_fn)(key, sub, opts, sam, out);
    return open_or_scratch(r, sam, out);
}

LSTATUS WINAPI w_RegOpenKeyW(HKEY key, LPCWSTR sub, PHKEY out)
{
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    LSTATUS r = REAL(RegOpenKeyW, RegOpenKeyW_fn)(key, sub, out);
    return open_or_scratch(r, MAXIMUM_ALLOWED, out);
}

LSTATUS WINAPI w_RegOpenKeyA(HKEY key, LPCSTR sub, PHKEY out)
{
    if (reg_missing(out))
        return ERROR_FILE_NOT_FOUND;
    LSTATUS r = REAL(RegOpenKeyA, RegOpenKeyA_fn)(key, sub, out);
    return open_or_scratch(r, MAXIMUM_ALLOWED, out);
}

/* While a typed kind is armed, a create of a key that does not exist opens
 * the scratch key as a new key instead: nothing of the notifier's is left
 * in the registry. Returns -1 for the real create. */
static LSTATUS create_as_scratch(LSTATUS open_answer, REGSAM sam, PHKEY out, LPDWORD disp)
{
    if (open_or_scratch(open_answer, sam, out) != ERROR_SUCCESS)
        return -1;
    if (disp)
        *disp = REG_CREATED_NEW_KEY;
    return ERROR_SUCCESS;
}

/* The answer of a plain open of the key a create names (the driver's own,
 * unhooked RegOpenKeyEx): whether it exists. */
static LSTATUS existing_keyW(HKEY key, LPCWSTR sub, REGSAM sam)
{
    HKEY found;
    LSTATUS r = RegOpenKeyExW(key, sub, 0, sam, &found);
    if (r == ERROR_SUCCESS)
        RegCloseKey(found);
    return r;
}

static LSTATUS existing_keyA(HKEY key, LPCSTR sub, REGSAM sam)
{
    HKEY found;
    LSTATUS r = RegOpenKeyExA(key, sub, 0, sam, &found);
    if (r == ERROR_SUCCESS)
        RegCloseKey(found);
    return r;
}

/* A key that cannot be created is one the caller may not write. */
LSTATUS WINAPI w_RegCreateKeyExW(HKEY key, LPCWSTR sub, DWORD reserved, LPWSTR cls, DWORD opts,
                                 REGSAM sam, const SECURITY_ATTRIBUTES *sa, PHKEY out, LPDWORD disp)
{
    registry_views_noteW(key, sub, sam);
    if (reg_missing(out))
        return ERROR_ACCESS_DENIED;
    if (is_typed_kind(armed_kind) && out) {
        LSTATUS r = create_as_scratch(existing_keyW(key, sub, sam), sam, out, disp);
        if (r != -1)
            return r;
    }
    return REAL(RegCreateKeyExW, RegCreateKeyExW_fn)(key, sub, reserved, cls, opts, sam, sa, out,
                                                     disp);
}

LSTATUS WINAPI w_RegCreateKeyExA(HKEY key, LPCSTR sub, DWORD reserved, LPSTR cls, DWORD opts,
                                 REGSAM sam, const SECURITY_ATTRIBUTES *sa, PHKEY out, LPDWORD disp)
{
    registry_views_noteA(key, sub, sam);
    if (reg_missing(out))
        return ERROR_ACCESS_DENIED;
    if (is_typed_kind(armed_kind) && out) {
        LSTATUS r = create_as_scratch(existing_keyA(key, sub, sam), sam, out, disp);
        if (r != -1)
            return r;
    }
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

enum { UNTERMINATED_BYTES = 520 };

static volatile LONG as_dword_value = 0x41414141;

void faults_dword(DWORD value)
{
    InterlockedExchange(&as_dword_value, (LONG)value);
}

/* 'A' in each unit of `n` bytes, no terminator. */
static void fill_units(BYTE *data, DWORD n, size_t unit)
{
    for (DWORD i = 0; i < n; i++)
        data[i] = i % unit == 0 ? 'A' : 0;
}

/* The decimal digits of the faults_dword value in units of `unit` bytes, terminated. */
static DWORD decimal_bytes(BYTE *bytes, size_t unit)
{
    char digits[16];
    int n = snprintf(digits, sizeof digits, "%lu", (unsigned long)(DWORD)as_dword_value);
    memset(bytes, 0, (size_t)(n + 1) * unit);
    for (int i = 0; i < n; i++)
        bytes[(size_t)i * unit] = (BYTE)digits[i];
    return (DWORD)((size_t)(n + 1) * unit);
}

/* The value a typed kind answers, terminated as RegGetValue returns it
 * [doc]: "A"; the faults_dword value, or its decimal digits; UNTERMINATED_BYTES
 * of 'A' units and the terminator RegGetValue adds. Returns its size; `bytes`
 * holds UNTERMINATED_BYTES + 2. */
static DWORD typed_bytes(LONG kind, BYTE *bytes, size_t unit)
{
    if (kind == FAULT_REG_AS_DWORD) {
        DWORD value = (DWORD)as_dword_value;
        memcpy(bytes, &value, sizeof value);
        return sizeof value;
    }
    if (kind == FAULT_REG_AS_DECIMAL)
        return decimal_bytes(bytes, unit);
    DWORD units = kind == FAULT_REG_AS_SZ ? 1 : UNTERMINATED_BYTES / unit;
    fill_units(bytes, (DWORD)(units * unit), unit);
    memset(bytes + units * unit, 0, unit);
    return (DWORD)((units + 1) * unit);
}

static DWORD typed_type(LONG kind)
{
    return kind == FAULT_REG_AS_DWORD ? REG_DWORD : REG_SZ;
}

/* A value of `size` bytes answered as RegQueryValueEx does [doc]: its size
 * when data is NULL, ERROR_MORE_DATA when the buffer is smaller. */
static LSTATUS answer_value(DWORD answer_type, const BYTE *bytes, DWORD size, LPDWORD type,
                            BYTE *data, LPDWORD cb)
{
    if (type)
        *type = answer_type;
    if (!cb)
        return data ? ERROR_INVALID_PARAMETER : ERROR_SUCCESS;
    DWORD room = *cb;
    *cb = size;
    if (!data)
        return ERROR_SUCCESS;
    if (room < size)
        return ERROR_MORE_DATA;
    memcpy(data, bytes, size);
    return ERROR_SUCCESS;
}

/* RegQueryValueEx of a REG_SZ stored without its terminator, as long as
 * the caller's buffer: RegQueryValueEx does not add one [doc]. A size
 * query answers UNTERMINATED_BYTES. */
static LSTATUS unterminated_value(LPDWORD type, BYTE *data, LPDWORD cb, size_t unit)
{
    if (type)
        *type = REG_SZ;
    if (!cb)
        return data ? ERROR_INVALID_PARAMETER : ERROR_SUCCESS;
    if (!data) {
        *cb = UNTERMINATED_BYTES;
        return ERROR_SUCCESS;
    }
    fill_units(data, *cb, unit);
    return ERROR_SUCCESS;
}

/* RegQueryValueEx's answer while typed kind `kind` is armed, whatever the
 * value is or whether it exists. */
static LSTATUS typed_value(LONG kind, LPDWORD type, BYTE *data, LPDWORD cb, size_t unit)
{
    if (kind == FAULT_REG_UNTERMINATED)
        return unterminated_value(type, data, cb, unit);
    BYTE bytes[UNTERMINATED_BYTES + sizeof(WCHAR)];
    DWORD size = typed_bytes(kind, bytes, unit);
    return answer_value(typed_type(kind), bytes, size, type, data, cb);
}

/* The RRF_RT_ flag that lets RegGetValue return a value of `value_type`. */
static DWORD rrf_of(DWORD value_type)
{
    return value_type == REG_DWORD ? RRF_RT_REG_DWORD : RRF_RT_REG_SZ;
}

/* RegGetValue's answer while typed kind `kind` is armed [doc]: at least one
 * RRF_RT_ type; RRF_RT_REG_EXPAND_SZ alone only with RRF_NOEXPAND; a type
 * the flags exclude is ERROR_UNSUPPORTED_TYPE; strings terminated;
 * RRF_ZEROONFAILURE zeroes the buffer on failure. */
static LSTATUS typed_get_value(LONG kind, DWORD flags, LPDWORD type, void *data, LPDWORD cb,
                               size_t unit)
{
    DWORD types = flags & RRF_RT_ANY;
    if (!types || (data && !cb))
        return ERROR_INVALID_PARAMETER;
    if ((types & RRF_RT_REG_EXPAND_SZ) && types != RRF_RT_ANY && !(flags & RRF_NOEXPAND))
        return ERROR_INVALID_PARAMETER;
    DWORD room = cb ? *cb : 0;
    DWORD answer_type = typed_type(kind);
    LSTATUS r = ERROR_UNSUPPORTED_TYPE;
    if (!(types & rrf_of(answer_type))) {
        if (type)
            *type = answer_type;
    } else {
        BYTE bytes[UNTERMINATED_BYTES + sizeof(WCHAR)];
        DWORD size = typed_bytes(kind, bytes, unit);
        r = answer_value(answer_type, bytes, size, type, data, cb);
    }
    if (r != ERROR_SUCCESS && data && (flags & RRF_ZEROONFAILURE))
        memset(data, 0, room);
    return r;
}

LSTATUS WINAPI w_RegQueryValueExW(HKEY key, LPCWSTR name, LPDWORD reserved, LPDWORD type,
                                  LPBYTE data, LPDWORD cb)
{
    RegQueryValueExW_fn real = REAL(RegQueryValueExW, RegQueryValueExW_fn);
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    LONG typed = typed_now();
    if (typed != FAULT_NONE)
        return typed_value(typed, type, data, cb, sizeof(WCHAR));
    DWORD real_type = REG_NONE;
    if (odd_armed() && real(key, name, NULL, &real_type, NULL, NULL) == 0) {
        LSTATUS r = odd_string(real_type, type, data, cb, sizeof(WCHAR));
        if (r != -1)
            return r;
    }
    LSTATUS r = real(key, name, reserved, type, data, cb);
    registry_reads_noteW(key, NULL, 0, name, r);
    return r;
}

LSTATUS WINAPI w_RegQueryValueExA(HKEY key, LPCSTR name, LPDWORD reserved, LPDWORD type,
                                  LPBYTE data, LPDWORD cb)
{
    RegQueryValueExA_fn real = REAL(RegQueryValueExA, RegQueryValueExA_fn);
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    LONG typed = typed_now();
    if (typed != FAULT_NONE)
        return typed_value(typed, type, data, cb, 1);
    DWORD real_type = REG_NONE;
    if (odd_armed() && real(key, name, NULL, &real_type, NULL, NULL) == 0) {
        LSTATUS r = odd_string(real_type, type, data, cb, 1);
        if (r != -1)
            return r;
    }
    LSTATUS r = real(key, name, reserved, type, data, cb);
    registry_reads_noteA(key, NULL, 0, name, r);
    return r;
}

/* RegGetValue terminates what it returns [doc]: the long and empty string
 * faults leave it alone; the typed ones answer as it does. */
LSTATUS WINAPI w_RegGetValueW(HKEY key, LPCWSTR sub, LPCWSTR name, DWORD flags, LPDWORD type,
                              PVOID data, LPDWORD cb)
{
    registry_views_noteW(key, sub, registry_reads_view_of(flags));
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    LONG typed = typed_now();
    if (typed != FAULT_NONE)
        return typed_get_value(typed, flags, type, data, cb, sizeof(WCHAR));
    LSTATUS r = reg_get_value_bounded(REAL(RegGetValueW, RegGetValueW_fn), key, sub, name, flags,
                                      type, data, cb);
    registry_reads_noteW(key, sub, registry_reads_view_of(flags), name, r);
    return r;
}

/* SHRegGetValueW: shlwapi's, with the same fault in Wine as RegGetValueW (measured: 110 bytes
 * past a 520-byte buffer); SRRF is an int like RegGetValueW's flags. Registry faults are not
 * injected here. */
typedef LSTATUS(WINAPI *SHRegGetValueW_fn)(HKEY, LPCWSTR, LPCWSTR, int, LPDWORD, void *, LPDWORD);
LSTATUS WINAPI w_SHRegGetValueW(HKEY key, LPCWSTR sub, LPCWSTR name, int flags, LPDWORD type,
                                void *data, LPDWORD cb)
{
    registry_views_noteW(key, sub, 0);
    reg_get_value_w_fn real = (reg_get_value_w_fn)(void *)REAL(SHRegGetValueW, SHRegGetValueW_fn);
    LSTATUS r = reg_get_value_bounded(real, key, sub, name, (DWORD)flags, type, data, cb);
    registry_reads_noteW(key, sub, 0, name, r);
    return r;
}

LSTATUS WINAPI w_RegGetValueA(HKEY key, LPCSTR sub, LPCSTR name, DWORD flags, LPDWORD type,
                              PVOID data, LPDWORD cb)
{
    registry_views_noteA(key, sub, registry_reads_view_of(flags));
    if (fault_now(FAULT_REG_MISSING))
        return ERROR_FILE_NOT_FOUND;
    LONG typed = typed_now();
    if (typed != FAULT_NONE)
        return typed_get_value(typed, flags, type, data, cb, 1);
    LSTATUS r = REAL(RegGetValueA, RegGetValueA_fn)(key, sub, name, flags, type, data, cb);
    registry_reads_noteA(key, sub, registry_reads_view_of(flags), name, r);
    return r;
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
    if (fault_now(FAULT_THREADS)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    void *slot = pool_wrap((void *)start, arg, "QueueUserWorkItem");
    if (!slot)
        return REAL(QueueUserWorkItem, QueueUserWorkItem_fn)(start, arg, flags);
    BOOL r = REAL(QueueUserWorkItem, QueueUserWorkItem_fn)(pool_thread_tramp, slot, flags);
    if (!r)
        pool_unwrap(slot);
    return r;
}

BOOL WINAPI w_TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK cb, PVOID arg,
                                          PTP_CALLBACK_ENVIRON env)
{
    if (fault_now(FAULT_THREADS)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    void *slot = pool_wrap((void *)cb, arg, "TrySubmitThreadpoolCallback");
    if (!slot)
        return REAL(TrySubmitThreadpoolCallback, TrySubmit_fn)(cb, arg, env);
    BOOL r = REAL(TrySubmitThreadpoolCallback, TrySubmit_fn)(pool_simple_tramp, slot, env);
    if (!r)
        pool_unwrap(slot);
    return r;
}

PTP_WORK WINAPI w_CreateThreadpoolWork(PTP_WORK_CALLBACK cb, PVOID arg, PTP_CALLBACK_ENVIRON env)
{
    if (!fault_now(FAULT_THREADS))
        return REAL(CreateThreadpoolWork, CreateWork_fn)(cb, arg, env);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}
