/* Thread-pool registrations of the notifier (see hooks_waits.h). */
#include "hooks_waits.h"

#include "crash.h"
#include "hook_reals.h"

#include <stdio.h>

#define REAL(idx, type)   ((type)hook_real_at(idx))
#define MAX_REGISTRATIONS 256

enum kind { KIND_WAIT, KIND_QUEUE_TIMER, KIND_POOL_WAIT, KIND_POOL_TIMER };

static const char *const kind_api[] = {
    [KIND_WAIT] = "RegisterWaitForSingleObject, never UnregisterWait(Ex)",
    [KIND_QUEUE_TIMER] = "CreateTimerQueueTimer, never DeleteTimerQueueTimer",
    [KIND_POOL_WAIT] = "CreateThreadpoolWait, never CloseThreadpoolWait",
    [KIND_POOL_TIMER] = "CreateThreadpoolTimer, never CloseThreadpoolTimer",
};

struct registration {
    void *handle; /* the wait, timer or pool object; NULL: a free entry */
    HANDLE queue; /* a timer's queue (NULL: the default one) */
    uintptr_t callback;
    enum kind kind;
    char callback_at[100]; /* module+0xRVA, named while the module is loaded */
};

static struct registration registered[MAX_REGISTRATIONS];
static SRWLOCK registered_lock = SRWLOCK_INIT;

static void keep(void *handle, HANDLE queue, const void *callback, enum kind kind)
{
    if (!handle)
        return;
    AcquireSRWLockExclusive(&registered_lock);
    for (int i = 0; i < MAX_REGISTRATIONS; i++) {
        if (registered[i].handle)
            continue;
        registered[i].handle = handle;
        registered[i].queue = queue;
        registered[i].callback = (uintptr_t)callback;
        registered[i].kind = kind;
        module_of(callback, registered[i].callback_at, sizeof registered[i].callback_at);
        break;
    }
    ReleaseSRWLockExclusive(&registered_lock);
}

/* Forgets handle, or with handle NULL every timer of queue. */
static void forget(const void *handle, HANDLE queue)
{
    AcquireSRWLockExclusive(&registered_lock);
    for (int i = 0; i < MAX_REGISTRATIONS; i++) {
        struct registration *r = &registered[i];
        if (!r->handle)
            continue;
        if (handle ? r->handle == handle
                   : r->kind == KIND_QUEUE_TIMER && queue && r->queue == queue)
            r->handle = NULL;
    }
    ReleaseSRWLockExclusive(&registered_lock);
}

typedef BOOL(WINAPI *register_wait_fn)(PHANDLE, HANDLE, WAITORTIMERCALLBACK, PVOID, ULONG, ULONG);
typedef BOOL(WINAPI *unregister_wait_fn)(HANDLE);
typedef BOOL(WINAPI *unregister_wait_ex_fn)(HANDLE, HANDLE);
typedef BOOL(WINAPI *create_queue_timer_fn)(PHANDLE, HANDLE, WAITORTIMERCALLBACK, PVOID, DWORD,
                                            DWORD, ULONG);
typedef BOOL(WINAPI *delete_queue_timer_fn)(HANDLE, HANDLE, HANDLE);
typedef BOOL(WINAPI *delete_queue_ex_fn)(HANDLE, HANDLE);
typedef BOOL(WINAPI *delete_queue_fn)(HANDLE);
typedef PTP_WAIT(WINAPI *create_pool_wait_fn)(PTP_WAIT_CALLBACK, PVOID, PTP_CALLBACK_ENVIRON);
typedef VOID(WINAPI *close_pool_wait_fn)(PTP_WAIT);
typedef PTP_TIMER(WINAPI *create_pool_timer_fn)(PTP_TIMER_CALLBACK, PVOID, PTP_CALLBACK_ENVIRON);
typedef VOID(WINAPI *close_pool_timer_fn)(PTP_TIMER);

/* Cancels r without waiting: its callback is unmapped code now. */
static void cancel(const struct registration *r)
{
    switch (r->kind) {
    case KIND_WAIT:
        UnregisterWait(r->handle);
        break;
    case KIND_QUEUE_TIMER:
        DeleteTimerQueueTimer(r->queue, r->handle, NULL);
        break;
    case KIND_POOL_WAIT:
        SetThreadpoolWait(r->handle, NULL, NULL);
        break;
    case KIND_POOL_TIMER:
        SetThreadpoolTimer(r->handle, NULL, 0, 0);
        break;
    }
}

int registrations_take_left(uintptr_t lo, uintptr_t hi, char *buf, size_t cap)
{
    int left = 0;
    struct registration first = {0};
    AcquireSRWLockExclusive(&registered_lock);
    for (int i = 0; i < MAX_REGISTRATIONS; i++) {
        struct registration *r = &registered[i];
        if (!r->handle || r->callback < lo || r->callback >= hi)
            continue;
        if (!left)
            first = *r;
        left++;
        cancel(r);
        r->handle = NULL;
    }
    ReleaseSRWLockExclusive(&registered_lock);
    if (left)
        snprintf(buf, cap,
                 "%d thread-pool registration(s) with a callback of the notifier "
                 "still registered after FreeLibrary, the first by %s (callback %s)",
                 left, kind_api[first.kind], first.callback_at);
    return left;
}

BOOL WINAPI w_RegisterWaitForSingleObject(PHANDLE wait, HANDLE object, WAITORTIMERCALLBACK cb,
                                          PVOID arg, ULONG ms, ULONG flags)
{
    BOOL r =
        REAL(HK_RegisterWaitForSingleObject, register_wait_fn)(wait, object, cb, arg, ms, flags);
    if (r)
        keep(*wait, NULL, (const void *)cb, KIND_WAIT);
    return r;
}

/* A wait is gone once asked to go, even when its callback still runs (ERROR_IO_PENDING). */
BOOL WINAPI w_UnregisterWait(HANDLE wait)
{
    forget(wait, NULL);
    return REAL(HK_UnregisterWait, unregister_wait_fn)(wait);
}

BOOL WINAPI w_UnregisterWaitEx(HANDLE wait, HANDLE done)
{
    forget(wait, NULL);
    return REAL(HK_UnregisterWaitEx, unregister_wait_ex_fn)(wait, done);
}

BOOL WINAPI w_CreateTimerQueueTimer(PHANDLE timer, HANDLE queue, WAITORTIMERCALLBACK cb, PVOID arg,
                                    DWORD due, DWORD period, ULONG flags)
{
    BOOL r = REAL(HK_CreateTimerQueueTimer, create_queue_timer_fn)(timer, queue, cb, arg, due,
                                                                   period, flags);
    if (r)
        keep(*timer, queue, (const void *)cb, KIND_QUEUE_TIMER);
    return r;
}

BOOL WINAPI w_DeleteTimerQueueTimer(HANDLE queue, HANDLE timer, HANDLE done)
{
    forget(timer, NULL);
    return REAL(HK_DeleteTimerQueueTimer, delete_queue_timer_fn)(queue, timer, done);
}

/* Deleting a queue deletes its timers. */
BOOL WINAPI w_DeleteTimerQueueEx(HANDLE queue, HANDLE done)
{
    forget(NULL, queue);
    return REAL(HK_DeleteTimerQueueEx, delete_queue_ex_fn)(queue, done);
}

BOOL WINAPI w_DeleteTimerQueue(HANDLE queue)
{
    forget(NULL, queue);
    return REAL(HK_DeleteTimerQueue, delete_queue_fn)(queue);
}

/* An object of a cleanup group is closed with the group's members: not kept. */
static void keep_pool(void *object, const void *callback, PTP_CALLBACK_ENVIRON env, enum kind kind)
{
    if (!env || !env->CleanupGroup)
        keep(object, NULL, callback, kind);
}

PTP_WAIT WINAPI w_CreateThreadpoolWait(PTP_WAIT_CALLBACK cb, PVOID arg, PTP_CALLBACK_ENVIRON env)
{
    PTP_WAIT w = REAL(HK_CreateThreadpoolWait, create_pool_wait_fn)(cb, arg, env);
    keep_pool(w, (const void *)cb, env, KIND_POOL_WAIT);
    return w;
}

VOID WINAPI w_CloseThreadpoolWait(PTP_WAIT wait)
{
    forget(wait, NULL);
    REAL(HK_CloseThreadpoolWait, close_pool_wait_fn)(wait);
}

PTP_TIMER WINAPI w_CreateThreadpoolTimer(PTP_TIMER_CALLBACK cb, PVOID arg, PTP_CALLBACK_ENVIRON env)
{
    PTP_TIMER t = REAL(HK_CreateThreadpoolTimer, create_pool_timer_fn)(cb, arg, env);
    keep_pool(t, (const void *)cb, env, KIND_POOL_TIMER);
    return t;
}

VOID WINAPI w_CloseThreadpoolTimer(PTP_TIMER timer)
{
    forget(timer, NULL);
    REAL(HK_CloseThreadpoolTimer, close_pool_timer_fn)(timer);
}
