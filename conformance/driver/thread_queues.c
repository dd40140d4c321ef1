/* The caller's queued APCs and posted messages across one call (see
 * thread_queues.h). user32 is looked up, never imported: the driver
 * imports no UI DLL. */
#include "thread_queues.h"

#include "hooks_apcs.h"
#include "hooks_timers.h"
#include "out.h"

typedef BOOL(WINAPI *peek_fn)(MSG *, HWND, UINT, UINT, UINT);
typedef BOOL(WINAPI *post_thread_fn)(DWORD, UINT, WPARAM, LPARAM);
typedef DWORD(WINAPI *queue_status_fn)(UINT);

/* A message of the application range that nothing else posts. */
#define PROBE_MESSAGE (WM_APP + 0x2e51)
#define PROBE_WPARAM  0x51756575

static peek_fn peek;
static post_thread_fn post_thread;
static queue_status_fn queue_status;
static volatile LONG n_calls;
static volatile LONG n_message_calls;
static volatile LONG next_token;
static __thread volatile LONG apc_ran;

static void CALLBACK mark_apc_ran(ULONG_PTR unused)
{
    (void)unused;
    apc_ran = 1;
}

/* user32's functions once it is in the process; 0 before. */
static int have_user32(void)
{
    if (peek && post_thread && queue_status)
        return 1;
    HMODULE user32 = GetModuleHandleW(L"user32.dll");
    if (!user32)
        return 0;
    post_thread = (post_thread_fn)(void *)GetProcAddress(user32, "PostThreadMessageW");
    peek = (peek_fn)(void *)GetProcAddress(user32, "PeekMessageW");
    queue_status = (queue_status_fn)(void *)GetProcAddress(user32, "GetQueueStatus");
    return peek && post_thread && queue_status;
}

/* 0 when no posted message, WM_QUIT or timer waits in this thread's queue: one request of
 * Wine's server where each PeekMessage filter is one. Windows clears QS_ALLPOSTMESSAGE
 * only at an unfiltered PeekMessage or GetMessage [doc: GetQueueStatus]: set, it sends
 * the caller to the filtered peeks, which answer exactly. */
static DWORD queue_waiting(void)
{
    return HIWORD(queue_status(QS_POSTMESSAGE | QS_ALLPOSTMESSAGE | QS_TIMER));
}

void queues_with_message_queue(void)
{
    LoadLibraryExW(L"user32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    MSG m;
    if (have_user32())
        peek(&m, NULL, 0, 0, PM_NOREMOVE);
}

/* Removes a message waiting in this thread's queue for no window (a
 * thread message, a thread timer's WM_TIMER) or its WM_QUIT; returns it,
 * or 0 if none. */
static UINT take_thread_message(void)
{
    MSG m;
    if (!queue_waiting())
        return 0;
    if (peek(&m, NULL, WM_QUIT, WM_QUIT, PM_REMOVE))
        return WM_QUIT;
    if (peek(&m, (HWND)-1, 0, PROBE_MESSAGE - 1, PM_REMOVE))
        return m.message;
    if (peek(&m, (HWND)-1, PROBE_MESSAGE + 1, 0xffff, PM_REMOVE))
        return m.message;
    return 0;
}

void queues_arm(struct queues_probe *p)
{
    p->armed = 1;
    p->message_posted = 0;
    apc_ran = 0;
    QueueUserAPC(mark_apc_ran, GetCurrentThread(), 0);
    if (!have_user32())
        return;
    /* What an unchecked call left is not this call's. A thread gets its message queue at
     * its first GetQueueStatus or PeekMessage. */
    while (take_thread_message())
        continue;
    p->message_token = InterlockedIncrement(&next_token);
    p->message_posted =
        post_thread(GetCurrentThreadId(), PROBE_MESSAGE, PROBE_WPARAM, p->message_token);
}

/* Removes every probe message still queued; 1 if `token`'s was one. Wine
 * answers a pending WM_QUIT whatever the filter [wine]: kept in *quit. */
static int take_back_message(LPARAM token, int *quit)
{
    MSG m;
    int found = 0;
    while ((!found || queue_waiting()) && peek(&m, NULL, PROBE_MESSAGE, PROBE_MESSAGE, PM_REMOVE)) {
        if (m.message == WM_QUIT)
            *quit = 1;
        if (m.message == PROBE_MESSAGE && m.wParam == PROBE_WPARAM && m.lParam == token)
            found = 1;
    }
    return found;
}

void queues_judge(struct queues_probe *p, const char *call)
{
    char timer[300];
    if (timers_take_left_here(timer, sizeof timer)) {
        result_bad("state.queues",
                   "%s left a %s live on the caller's thread: the caller's message loop runs "
                   "it at a time of its own, and after FreeLibrary calls freed code",
                   call, timer);
    }
    unsigned left_apcs = hooks_apcs_pending_here();
    if (left_apcs) {
        result_bad("state.queues",
                   "%s left %u completion routine(s) or APC(s) of the notifier queued to the "
                   "caller's thread (WriteFileEx, ReadFileEx or QueueUserAPC, not waited for): "
                   "they run at the caller's next alertable wait, whatever it waits for, and "
                   "after FreeLibrary in freed code",
                   call, left_apcs);
    }
    if (!p->armed) {
        /* Run them here, so that the next call is not named for them. */
        if (left_apcs)
            SleepEx(0, TRUE);
        return;
    }
    p->armed = 0;
    InterlockedIncrement(&n_calls);
    if (apc_ran) {
        result_bad("state.queues",
                   "%s ran the caller's queued APC: an alertable wait in a callback (SleepEx, "
                   "WaitFor...Ex, e.g. for a WriteFileEx completion) runs the caller's APCs at "
                   "a point the caller never chose",
                   call);
    }
    /* Our APC leaves the queue here if the call left it there. */
    SleepEx(0, TRUE);
    if (!p->message_posted)
        return;
    InterlockedIncrement(&n_message_calls);
    int quit = 0;
    if (!take_back_message(p->message_token, &quit)) {
        result_bad("state.queues",
                   "%s took the caller's posted message: a message loop in a callback (PeekMessage "
                   "PM_REMOVE, GetMessage, a dialog) dispatches the caller's messages inside the "
                   "call or drops its thread messages",
                   call);
    }
    UINT left = quit ? WM_QUIT : take_thread_message();
    if (left == WM_QUIT) {
        result_bad("state.queues",
                   "%s left WM_QUIT in the caller's message queue (PostQuitMessage on the "
                   "caller's thread): the caller's message loop ends at its next GetMessage",
                   call);
    } else if (left) {
        result_bad("state.queues",
                   "%s left message %#x for no window in the caller's queue (PostThreadMessage "
                   "or PostMessage(NULL) to the caller's thread): its message loop gets a "
                   "message it never posted",
                   call, left);
    }
}

long queues_calls(void)
{
    return n_calls;
}

long queues_message_calls(void)
{
    return n_message_calls;
}
