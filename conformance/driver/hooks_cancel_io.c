/* The caller's synchronous I/O (see hooks_cancel_io.h). */
#include "hooks_cancel_io.h"

#include "hook_reals.h"
#include "out.h"

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef BOOL(WINAPI *CancelSynchronousIo_fn)(HANDLE);

/* The id of the thread behind `thread`, also a handle without query access. */
static DWORD thread_id_of(HANDLE thread)
{
    DWORD tid = GetThreadId(thread);
    HANDLE query = NULL;
    if (tid || !DuplicateHandle(GetCurrentProcess(), thread, GetCurrentProcess(), &query,
                                THREAD_QUERY_LIMITED_INFORMATION, FALSE, 0))
        return tid;
    tid = GetThreadId(query);
    CloseHandle(query);
    return tid;
}

BOOL WINAPI w_CancelSynchronousIo(HANDLE thread)
{
    DWORD tid = thread_id_of(thread);
    if (tid && tid != GetCurrentThreadId() && driver_thread_awaits_nothing(tid))
        result_bad("state.thread",
                   "CancelSynchronousIo of the caller's thread %lu, whose operations with the "
                   "notifier were over (no POST to come), from %s: the notifier cancels the "
                   "synchronous I/O the caller does after a call returned (a watchdog that only "
                   "a POST stops; a PRE that is refused or asks for none gets no POST [doc])",
                   (unsigned long)tid,
                   in_notifier_call() ? "inside a notifier call" : "a thread of the notifier");
    return REAL(CancelSynchronousIo, CancelSynchronousIo_fn)(thread);
}
