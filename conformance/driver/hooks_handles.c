/* Handle calls of the notifier (see hooks_heap.h): one that fails with
 * ERROR_INVALID_HANDLE used a value that is no open handle (closed before,
 * overwritten, never opened), so the work it stood for is silently lost,
 * e.g. a log that stops. Reported with the notifier frame and what the same
 * call site used before. CloseHandle(NULL) is a harmless cleanup idiom and
 * is not reported. [design] */
#include "hooks_heap.h"

#include "append_lock.h"
#include "call_count.h"
#include "crash.h"
#include "files_left.h"
#include "hook_reals.h"
#include "host_files.h"
#include "hooks_faults.h"
#include "hooks_locks.h"
#include "object_types.h"
#include "waits_noted.h"
#include "out.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef BOOL(WINAPI *WriteFile_fn)(HANDLE, LPCVOID, DWORD, LPDWORD, LPOVERLAPPED);
typedef BOOL(WINAPI *ReadFile_fn)(HANDLE, LPVOID, DWORD, LPDWORD, LPOVERLAPPED);
typedef BOOL(WINAPI *CloseHandle_fn)(HANDLE);
typedef DWORD(WINAPI *SetFilePointer_fn)(HANDLE, LONG, PLONG, DWORD);
typedef BOOL(WINAPI *SetFilePointerEx_fn)(HANDLE, LARGE_INTEGER, PLARGE_INTEGER, DWORD);
typedef BOOL(WINAPI *GetFileSizeEx_fn)(HANDLE, PLARGE_INTEGER);
typedef DWORD(WINAPI *GetFileSize_fn)(HANDLE, LPDWORD);
typedef BOOL(WINAPI *LockFileEx_fn)(HANDLE, DWORD, DWORD, DWORD, DWORD, LPOVERLAPPED);
typedef BOOL(WINAPI *UnlockFileEx_fn)(HANDLE, DWORD, DWORD, DWORD, LPOVERLAPPED);
typedef DWORD(WINAPI *WaitForSingleObject_fn)(HANDLE, DWORD);
typedef DWORD(WINAPI *WaitForSingleObjectEx_fn)(HANDLE, DWORD, BOOL);
typedef DWORD(WINAPI *WaitForMultipleObjects_fn)(DWORD, const HANDLE *, BOOL, DWORD);
typedef BOOL(WINAPI *ReleaseSemaphore_fn)(HANDLE, LONG, LPLONG);
typedef CloseHandle_fn FlushFileBuffers_fn;
typedef CloseHandle_fn SetEndOfFile_fn;
typedef CloseHandle_fn ReleaseMutex_fn;
typedef CloseHandle_fn SetEvent_fn;
typedef CloseHandle_fn ResetEvent_fn;

static void *real_of(void *volatile *slot, const char *name)
{
    if (!*slot)
        *slot = hooks_real(name);
    return *slot;
}
#define REAL(fn) ((fn##_fn)real_of(&slot_##fn, #fn))
#define SLOT(fn) static void *volatile slot_##fn;
SLOT(WriteFile)
SLOT(ReadFile)
SLOT(CloseHandle)
SLOT(SetFilePointer)
SLOT(SetFilePointerEx)
SLOT(FlushFileBuffers)
SLOT(SetEndOfFile)
SLOT(GetFileSize)
SLOT(GetFileSizeEx)
SLOT(LockFileEx)
SLOT(UnlockFileEx)
SLOT(WaitForSingleObject)
SLOT(WaitForSingleObjectEx)
SLOT(WaitForMultipleObjects)
SLOT(ReleaseMutex)
SLOT(ReleaseSemaphore)
SLOT(SetEvent)
SLOT(ResetEvent)

static volatile LONG n_calls;
static volatile LONG n_invalid;
static volatile LONG n_host;
static const char *volatile check_id = "heap.handles";

void handles_report_to(const char *id)
{
    check_id = id ? id : "heap.handles";
}

long handle_host_uses(void)
{
    return n_host;
}

long handle_calls(void)
{
    return n_calls;
}

long handle_invalid(void)
{
    return n_invalid;
}

/* ---- history: the last good handle of each call site, recent closes ---- */

enum { SITES = 64, CLOSED = 64 };
struct use {
    void *caller; /* return address in the notifier */
    HANDLE h;
    long call; /* calls_made() then */
};
static struct use sites[SITES];
static struct use closed[CLOSED];
static unsigned closed_next;
static SRWLOCK use_lock = SRWLOCK_INIT;

static void note_good(void *caller, HANDLE h)
{
    long call = calls_made();
    AcquireSRWLockExclusive(&use_lock);
    for (unsigned i = 0; i < SITES; i++) {
        if (sites[i].caller == caller || !sites[i].caller) {
            sites[i].caller = caller;
            sites[i].h = h;
            sites[i].call = call;
            break;
        }
    }
    ReleaseSRWLockExclusive(&use_lock);
}

static void note_closed(void *caller, HANDLE h)
{
    AcquireSRWLockExclusive(&use_lock);
    closed[closed_next % CLOSED] = (struct use){.caller = caller, .h = h, .call = calls_made()};
    closed_next++;
    ReleaseSRWLockExclusive(&use_lock);
}

/* What the handle value was, as far as the history knows. */
static void history(void *caller, HANDLE h, char *buf, size_t cap)
{
    struct use site = {0};
    struct use gone = {0};
    char where[300];
    AcquireSRWLockShared(&use_lock);
    for (unsigned i = 0; i < SITES; i++) {
        if (sites[i].caller == caller)
            site = sites[i];
    }
    for (unsigned k = 1; k <= CLOSED && k <= closed_next; k++) {
        if (closed[(closed_next - k) % CLOSED].h == h) {
            gone = closed[(closed_next - k) % CLOSED];
            break;
        }
    }
    ReleaseSRWLockShared(&use_lock);
    buf[0] = 0;
    if (gone.caller) {
        caller_frame(gone.caller, where, sizeof where);
        snprintf(buf, cap,
                 "; the notifier closed %#llx %ld call(s) earlier at %s (use "
                 "after close)",
                 (unsigned long long)(uintptr_t)h, calls_made() - gone.call, where);
    } else if (site.caller && site.h != h) {
        snprintf(buf, cap,
                 "; this call site used handle %#llx until call %ld: the "
                 "variable holding it was overwritten",
                 (unsigned long long)(uintptr_t)site.h, site.call + 1);
    } else if (site.caller) {
        snprintf(buf, cap, "; this call site used the same value successfully until call %ld",
                 site.call + 1);
    }
}

/* The notifier frame of a handle call (its caller's when the stack shows none) into
 * frame[300], and what the value was (history) into past[400]. */
static void frame_and_history(void *caller, HANDLE h, char frame[300], char past[400])
{
    history(caller, h, past, 400);
    notifier_frame(NULL, frame, 300);
    if (!frame[0])
        caller_frame(caller, frame, 300);
}

/* After the real call: `failed` and ERROR_INVALID_HANDLE is reported,
 * anything else remembered as this call site's good handle. */
static void after(const char *fn, HANDLE h, int failed, void *caller)
{
    DWORD err = GetLastError();
    InterlockedIncrement(&n_calls);
    if (!failed) {
        note_good(caller, h);
        return;
    }
    if (err != ERROR_INVALID_HANDLE)
        return;
    char frame[300];
    char past[400];
    InterlockedIncrement(&n_invalid);
    frame_and_history(caller, h, frame, past);
    result_bad(check_id,
               "%s(%#llx) failed with ERROR_INVALID_HANDLE during %s, after "
               "%ld calls; notifier frame %s%s",
               fn, (unsigned long long)(uintptr_t)h, hook_context(), calls_made(), frame, past);
    SetLastError(err);
}

/* ---- delayed uses: a handle passed to a call, not used yet ---- */

enum { PENDING = 64, DELAY_MS = 2 };
struct pending {
    volatile LONG tid; /* the thread that waits to use h, 0: a free slot */
    HANDLE h;
    const char *fn;
    void *caller;
};
static struct pending pending[PENDING];
static volatile LONG delay_uses;

void handles_delay_uses(int on)
{
    InterlockedExchange(&delay_uses, on);
}

/* While uses are delayed, every call sleeps DELAY_MS before it is made, noted as pending: a
 * thread that copied a handle and uses it later is then overtaken by a thread that closes it,
 * as on a loaded machine. */
static void delay_use(const char *fn, HANDLE h, void *caller)
{
    if (!delay_uses)
        return;
    LONG tid = (LONG)GetCurrentThreadId();
    struct pending *slot = NULL;
    for (unsigned i = 0; i < PENDING && !slot; i++) {
        if (!InterlockedCompareExchange(&pending[i].tid, -1, 0))
            slot = &pending[i];
    }
    if (slot) {
        slot->h = h;
        slot->fn = fn;
        slot->caller = caller;
        InterlockedExchange(&slot->tid, tid);
    }
    Sleep(DELAY_MS);
    if (slot)
        InterlockedExchange(&slot->tid, 0);
}

/* Before the notifier's CloseHandle(h) on this thread: another thread waits to use h now;
 * 1 when one was found (and reported). */
static int close_while_pending(HANDLE h, void *caller)
{
    LONG self = (LONG)GetCurrentThreadId();
    for (unsigned i = 0; i < PENDING; i++) {
        LONG tid = pending[i].tid;
        if (tid <= 0 || tid == self || pending[i].h != h)
            continue;
        const char *fn = pending[i].fn;
        char user[300];
        char closer[300];
        caller_frame(pending[i].caller, user, sizeof user);
        caller_frame(caller, closer, sizeof closer);
        result_bad(check_id,
                   "CloseHandle(%#llx) at %s on thread %lu during %s, while thread %ld had "
                   "passed the same handle to %s at %s and not used it yet: a handle closed "
                   "while another thread uses it, whose call then goes to no object or to "
                   "whatever the process opens next with that value (use after close)",
                   (unsigned long long)(uintptr_t)h, closer, (unsigned long)self, hook_context(),
                   tid, fn, user);
        return 1;
    }
    return 0;
}

/* 1 when h is a file a host thread holds open now (host_files.h), which is reported; the call
 * is then not made, and fails as on a closed handle. */
static int host_owned(const char *fn, HANDLE h, void *caller)
{
    WCHAR path[MAX_PATH];
    if (!host_files_hold(h, path, MAX_PATH))
        return 0;
    char frame[300];
    char past[400];
    InterlockedIncrement(&n_calls);
    InterlockedIncrement(&n_host);
    frame_and_history(caller, h, frame, past);
    result_bad(check_id,
               "%s(%#llx) during %s, after %ld calls, on a handle a thread of the host held "
               "open then, its own file %ls: the notifier used a handle value it no longer "
               "owned, and its call went to the host's file (the gate failed it as on a closed "
               "handle); notifier frame %s%s",
               fn, (unsigned long long)(uintptr_t)h, hook_context(), calls_made(), path, frame,
               past);
    SetLastError(ERROR_INVALID_HANDLE);
    return 1;
}

#define CALLER __builtin_return_address(0)
/* Before each real handle call: its use delayed while asked (delay_use), and not made on a
 * file of the host (host_owned). */
#define HOST_GUARD(fn, h, failed)      \
    do {                               \
        delay_use(fn, h, CALLER);      \
        if (host_owned(fn, h, CALLER)) \
            return failed;             \
    } while (0)

static volatile LONG yield_after_writes;
static char watched[16];
static volatile LONG watched_writes;

void hooks_watch_disk_writes(const char *text)
{
    snprintf(watched, sizeof watched, "%s", text ? text : "");
    InterlockedExchange(&watched_writes, 0);
}

LONG hooks_watched_disk_writes(void)
{
    return watched_writes;
}

/* Whether b holds `watched`, as ASCII or as UTF-16LE. */
static int holds_watched(const unsigned char *b, DWORD n)
{
    size_t len = strlen(watched);
    for (DWORD i = 0; len && i + len <= n; i++) {
        size_t k = 0;
        while (k < len && b[i + k] == (unsigned char)watched[k])
            k++;
        if (k == len)
            return 1;
        k = 0;
        while (k < len && i + 2 * k + 1 < n && b[i + 2 * k] == (unsigned char)watched[k] &&
               !b[i + 2 * k + 1])
            k++;
        if (k == len)
            return 1;
    }
    return 0;
}

void hooks_yield_after_writes(int on)
{
    InterlockedExchange(&yield_after_writes, on);
}

BOOL WINAPI w_WriteFile(HANDLE h, LPCVOID buf, DWORD n, LPDWORD done, LPOVERLAPPED ov)
{
    HOST_GUARD("WriteFile", h, FALSE);
    /* A full disk (faults.resources); only one kind is armed at a time. */
    if (fault_now(FAULT_FILES) || fault_now(FAULT_DISK_FULL)) {
        if (done)
            *done = 0;
        SetLastError(ERROR_DISK_FULL);
        return FALSE;
    }
    pipe_io_noted("WriteFile to a pipe", h, ov, CALLER);
    HANDLE append = append_lock_take(h, ov);
    BOOL r = REAL(WriteFile)(h, buf, n, done, ov);
    append_lock_give(append);
    after("WriteFile", h, !r, CALLER);
    if (r && watched[0] && buf && holds_watched(buf, n) && GetFileType(h) == FILE_TYPE_DISK)
        InterlockedIncrement(&watched_writes);
    if (yield_after_writes)
        SwitchToThread();
    return r;
}

BOOL WINAPI w_ReadFile(HANDLE h, LPVOID buf, DWORD n, LPDWORD done, LPOVERLAPPED ov)
{
    HOST_GUARD("ReadFile", h, FALSE);
    pipe_io_noted("ReadFile from a pipe", h, ov, CALLER);
    BOOL r = REAL(ReadFile)(h, buf, n, done, ov);
    if (r && done && !ov)
        files_read_note(*done);
    after("ReadFile", h, !r, CALLER);
    return r;
}

/* Which of the host's standard handles H is, or NULL. */
static const char *std_handle_name(HANDLE h)
{
    static const DWORD ids[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    static const char *const names[3] = {"input", "output", "error"};
    if (!h || h == INVALID_HANDLE_VALUE)
        return NULL;
    for (int i = 0; i < 3; i++) {
        if (GetStdHandle(ids[i]) == h)
            return names[i];
    }
    return NULL;
}

BOOL WINAPI w_CloseHandle(HANDLE h)
{
    /* [design] The standard handles are the host's: a notifier that closes one (after
     * writing a warning to it) makes every later write of the host to it fail. Kept open,
     * so that this run's own output goes on. */
    const char *std_name = std_handle_name(h);
    if (std_name) {
        char frame[300];
        notifier_frame(NULL, frame, sizeof frame);
        if (!frame[0])
            caller_frame(CALLER, frame, sizeof frame);
        result_bad("heap.handles",
                   "CloseHandle(%#llx) on the host's standard %s handle (GetStdHandle) during "
                   "%s; notifier frame %s: a handle it does not own, and every later write of "
                   "the host to it fails (the gate kept it open)",
                   (unsigned long long)(uintptr_t)h, std_name, hook_context(), frame);
        InterlockedIncrement(&n_calls);
        return TRUE;
    }
    HOST_GUARD("CloseHandle", h, FALSE);
    /* The close waits too, so that a thread that copied h just before meets it. */
    if (delay_uses && !close_while_pending(h, CALLER)) {
        Sleep(2 * DELAY_MS);
        close_while_pending(h, CALLER);
    }
    BOOL r = REAL(CloseHandle)(h);
    if (r) {
        DWORD err = GetLastError();
        note_closed(CALLER, h);
        SetLastError(err);
    }
    if (h)
        after("CloseHandle", h, !r, CALLER);
    return r;
}

DWORD WINAPI w_SetFilePointer(HANDLE h, LONG lo, PLONG hi, DWORD how)
{
    HOST_GUARD("SetFilePointer", h, INVALID_SET_FILE_POINTER);
    DWORD r = REAL(SetFilePointer)(h, lo, hi, how);
    after("SetFilePointer", h, r == INVALID_SET_FILE_POINTER, CALLER);
    return r;
}

BOOL WINAPI w_SetFilePointerEx(HANDLE h, LARGE_INTEGER to, PLARGE_INTEGER now, DWORD how)
{
    HOST_GUARD("SetFilePointerEx", h, FALSE);
    BOOL r = REAL(SetFilePointerEx)(h, to, now, how);
    after("SetFilePointerEx", h, !r, CALLER);
    return r;
}

BOOL WINAPI w_FlushFileBuffers(HANDLE h)
{
    HOST_GUARD("FlushFileBuffers", h, FALSE);
    wait_noted("FlushFileBuffers", INFINITE, NULL, 0, CALLER);
    BOOL r = REAL(FlushFileBuffers)(h);
    after("FlushFileBuffers", h, !r, CALLER);
    return r;
}

BOOL WINAPI w_SetEndOfFile(HANDLE h)
{
    HOST_GUARD("SetEndOfFile", h, FALSE);
    BOOL r = REAL(SetEndOfFile)(h);
    after("SetEndOfFile", h, !r, CALLER);
    return r;
}

DWORD WINAPI w_GetFileSize(HANDLE h, LPDWORD hi)
{
    HOST_GUARD("GetFileSize", h, INVALID_FILE_SIZE);
    DWORD r = REAL(GetFileSize)(h, hi);
    after("GetFileSize", h, r == INVALID_FILE_SIZE, CALLER);
    return r;
}

BOOL WINAPI w_GetFileSizeEx(HANDLE h, PLARGE_INTEGER size)
{
    HOST_GUARD("GetFileSizeEx", h, FALSE);
    BOOL r = REAL(GetFileSizeEx)(h, size);
    after("GetFileSizeEx", h, !r, CALLER);
    return r;
}

BOOL WINAPI w_LockFileEx(HANDLE h, DWORD flags, DWORD res, DWORD lo, DWORD hi, LPOVERLAPPED ov)
{
    HOST_GUARD("LockFileEx", h, FALSE);
    BOOL r = REAL(LockFileEx)(h, flags, res, lo, hi, ov);
    after("LockFileEx", h, !r, CALLER);
    return r;
}

BOOL WINAPI w_UnlockFileEx(HANDLE h, DWORD res, DWORD lo, DWORD hi, LPOVERLAPPED ov)
{
    HOST_GUARD("UnlockFileEx", h, FALSE);
    BOOL r = REAL(UnlockFileEx)(h, res, lo, hi, ov);
    after("UnlockFileEx", h, !r, CALLER);
    return r;
}

/* A wait on a mutex takes a lock: noted as one (hooks_locks.h) until ReleaseMutex, so that
 * a wait made while holding it, or a return with it held, is seen as for any lock. */
static int mutex_ask(HANDLE h, const char *how, void *pc)
{
    if (!object_type_is(h, L"Mutant"))
        return 0;
    locks_wait_begin(h, how, pc, 0);
    return 1;
}

static void mutex_answer(HANDLE h, DWORD r, const char *how, void *pc)
{
    if (r == WAIT_OBJECT_0 || r == WAIT_ABANDONED)
        locks_took(h, how, pc);
    locks_wait_end();
}

DWORD WINAPI w_WaitForSingleObject(HANDLE h, DWORD ms)
{
    HOST_GUARD("WaitForSingleObject", h, WAIT_FAILED);
    wait_noted("WaitForSingleObject", ms, &h, 1, CALLER);
    int mutex = mutex_ask(h, "WaitForSingleObject", CALLER);
    DWORD r = REAL(WaitForSingleObject)(h, ms);
    if (mutex)
        mutex_answer(h, r, "WaitForSingleObject", CALLER);
    after("WaitForSingleObject", h, r == WAIT_FAILED, CALLER);
    return r;
}

DWORD WINAPI w_WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable)
{
    HOST_GUARD("WaitForSingleObjectEx", h, WAIT_FAILED);
    wait_noted("WaitForSingleObjectEx", ms, &h, 1, CALLER);
    int mutex = mutex_ask(h, "WaitForSingleObjectEx", CALLER);
    DWORD r = REAL(WaitForSingleObjectEx)(h, ms, alertable);
    if (mutex)
        mutex_answer(h, r, "WaitForSingleObjectEx", CALLER);
    after("WaitForSingleObjectEx", h, r == WAIT_FAILED, CALLER);
    return r;
}

DWORD WINAPI w_WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all, DWORD ms)
{
    wait_noted("WaitForMultipleObjects", ms, hs, n, CALLER);
    DWORD r = REAL(WaitForMultipleObjects)(n, hs, all, ms);
    after("WaitForMultipleObjects", n && hs ? hs[0] : NULL, r == WAIT_FAILED, CALLER);
    return r;
}

BOOL WINAPI w_ReleaseMutex(HANDLE h)
{
    HOST_GUARD("ReleaseMutex", h, FALSE);
    /* Uncounted before the real release, as every lock's release (hooks_locks.c). */
    int counted = locks_released(h);
    BOOL r = REAL(ReleaseMutex)(h);
    if (!r && counted)
        locks_took(h, "WaitForSingleObject", CALLER);
    DWORD error = GetLastError();
    after("ReleaseMutex", h, !r, CALLER);
    /* The notifier thought it held the mutex: what it guards ran unguarded. */
    if (!r && error == ERROR_NOT_OWNER) {
        locks_misuse(CALLER,
                     "ReleaseMutex(%#llx) failed with ERROR_NOT_OWNER: the thread did not own the "
                     "mutex, so what it guards ran with another thread or process inside; "
                     "CreateMutex with bInitialOwner TRUE gives no ownership of a mutex that "
                     "already exists (GetLastError ERROR_ALREADY_EXISTS) [doc]: wait on it",
                     (unsigned long long)(ULONG_PTR)h);
    }
    SetLastError(error);
    return r;
}

BOOL WINAPI w_ReleaseSemaphore(HANDLE h, LONG n, LPLONG prev)
{
    HOST_GUARD("ReleaseSemaphore", h, FALSE);
    BOOL r = REAL(ReleaseSemaphore)(h, n, prev);
    after("ReleaseSemaphore", h, !r, CALLER);
    return r;
}

BOOL WINAPI w_SetEvent(HANDLE h)
{
    HOST_GUARD("SetEvent", h, FALSE);
    BOOL r = REAL(SetEvent)(h);
    after("SetEvent", h, !r, CALLER);
    return r;
}

BOOL WINAPI w_ResetEvent(HANDLE h)
{
    HOST_GUARD("ResetEvent", h, FALSE);
    BOOL r = REAL(ResetEvent)(h);
    after("ResetEvent", h, !r, CALLER);
    return r;
}
