/* Completion routines and APCs left queued (see hooks_apcs.h). Each one
 * the notifier queues to its calling thread is run through a wrapper that
 * marks it done; a full table leaves the rest unwatched. */
#include "hooks_apcs.h"

#include "hook_reals.h"

#define REAL(id, type) ((type)hook_real_at(HK_##id))

enum { MAX_WATCHED = 256 };

struct watched {
    volatile LONG used;
    DWORD thread;
    LPOVERLAPPED ov; /* completion routines: found by their OVERLAPPED */
    LPOVERLAPPED_COMPLETION_ROUTINE routine;
    PAPCFUNC apc;
    ULONG_PTR data;
};

static struct watched watched[MAX_WATCHED];

static int take_slot(void)
{
    for (int i = 0; i < MAX_WATCHED; i++)
        if (!InterlockedCompareExchange(&watched[i].used, 1, 0))
            return i;
    return -1;
}

unsigned hooks_apcs_pending_here(void)
{
    unsigned n = 0;
    DWORD me = GetCurrentThreadId();
    for (int i = 0; i < MAX_WATCHED; i++)
        if (watched[i].used && watched[i].thread == me)
            n++;
    return n;
}

static void CALLBACK routine_ran(DWORD err, DWORD bytes, LPOVERLAPPED ov)
{
    DWORD me = GetCurrentThreadId();
    for (int i = 0; i < MAX_WATCHED; i++) {
        struct watched *w = &watched[i];
        if (w->used && w->thread == me && w->ov == ov && w->routine) {
            LPOVERLAPPED_COMPLETION_ROUTINE routine = w->routine;
            w->routine = NULL;
            InterlockedExchange(&w->used, 0);
            routine(err, bytes, ov);
            return;
        }
    }
}

static void CALLBACK apc_ran(ULONG_PTR slot)
{
    struct watched *w = &watched[slot];
    PAPCFUNC apc = w->apc;
    ULONG_PTR data = w->data;
    w->apc = NULL;
    InterlockedExchange(&w->used, 0);
    apc(data);
}

typedef BOOL(WINAPI *file_ex_fn)(HANDLE, LPVOID, DWORD, LPOVERLAPPED,
                                 LPOVERLAPPED_COMPLETION_ROUTINE);

static BOOL file_ex(enum hook_id id, HANDLE file, LPVOID buf, DWORD n, LPOVERLAPPED ov,
                    LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    file_ex_fn real = (file_ex_fn)hook_real_at(id);
    int slot = routine ? take_slot() : -1;
    if (slot < 0)
        return real(file, buf, n, ov, routine);
    struct watched *w = &watched[slot];
    w->thread = GetCurrentThreadId();
    w->ov = ov;
    w->routine = routine;
    w->apc = NULL;
    BOOL ok = real(file, buf, n, ov, routine_ran);
    if (!ok) {
        DWORD err = GetLastError();
        w->routine = NULL;
        InterlockedExchange(&w->used, 0);
        SetLastError(err);
    }
    return ok;
}

BOOL WINAPI w_WriteFileEx(HANDLE file, LPCVOID buf, DWORD n, LPOVERLAPPED ov,
                          LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return file_ex(HK_WriteFileEx, file, (LPVOID)buf, n, ov, routine);
}

BOOL WINAPI w_ReadFileEx(HANDLE file, LPVOID buf, DWORD n, LPOVERLAPPED ov,
                         LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return file_ex(HK_ReadFileEx, file, buf, n, ov, routine);
}

typedef DWORD(WINAPI *queue_apc_fn)(PAPCFUNC, HANDLE, ULONG_PTR);

DWORD WINAPI w_QueueUserAPC(PAPCFUNC apc, HANDLE thread, ULONG_PTR data)
{
    queue_apc_fn real = REAL(QueueUserAPC, queue_apc_fn);
    int slot = apc && GetThreadId(thread) == GetCurrentThreadId() ? take_slot() : -1;
    if (slot < 0)
        return real(apc, thread, data);
    struct watched *w = &watched[slot];
    w->thread = GetCurrentThreadId();
    w->ov = NULL;
    w->routine = NULL;
    w->apc = apc;
    w->data = data;
    DWORD ok = real(apc_ran, thread, (ULONG_PTR)slot);
    if (!ok) {
        DWORD err = GetLastError();
        InterlockedExchange(&w->used, 0);
        SetLastError(err);
    }
    return ok;
}
