/* hwndOwner of another thread that waits without pumping (see owner_thread.h). */
#include "owner_thread.h"

#include "answers.h"
#include "fence.h"
#include "out.h"
#include "shapes.h"
#include "top_window.h"

#include <stdio.h>

/* How long the window's thread waits for a cycle before it pumps: a notifier that waits
 * for a sent message is freed then, so the case goes on; a slow call is no finding. */
enum { OWNER_PATIENCE_MS = 2000, OWNER_NAMES = 2 };

static struct {
    HANDLE ready; /* the window is made (or could not be) */
    HANDLE begin; /* a cycle starts: wait for done without pumping */
    HANDLE done;  /* the cycle returned */
    HANDLE idle;  /* the thread is back in its loop */
    HANDLE quit;
    HWND window;
    volatile LONG counting; /* pumping because the wait ran out */
    volatile LONG sent;     /* messages sent (and waited for) from another thread meanwhile */
    volatile LONG first;    /* the first one's number */
    DWORD waited_ms;        /* from the cycle's start until the thread pumped */
} o;

static LRESULT CALLBACK owner_proc(HWND w, UINT msg, WPARAM wp, LPARAM lp)
{
    DWORD how = InSendMessageEx(NULL);
    int waited_for = (how & (ISMEX_SEND | ISMEX_NOTIFY | ISMEX_CALLBACK)) == ISMEX_SEND;
    if (o.counting && waited_for && InterlockedIncrement(&o.sent) == 1)
        o.first = (LONG)msg;
    return DefWindowProcW(w, msg, wp, lp);
}

/* The thread's queued messages, and those sent to it, handled. */
static void pump_pending(void)
{
    MSG m;
    while (PeekMessageW(&m, NULL, 0, 0, PM_REMOVE)) {
        TranslateMessage(&m);
        DispatchMessageW(&m);
    }
}

static void pump_until(HANDLE h)
{
    for (;;) {
        pump_pending();
        DWORD w = MsgWaitForMultipleObjects(1, &h, FALSE, INFINITE, QS_ALLINPUT);
        if (w != WAIT_OBJECT_0 + 1)
            return;
    }
}

static DWORD WINAPI owner_main(void *arg)
{
    (void)arg;
    o.window =
        top_level_window_with(L"connotify owner", WS_OVERLAPPEDWINDOW | WS_VISIBLE, owner_proc);
    SetEvent(o.ready);
    if (!o.window)
        return 0;
    HANDLE idle_waits[2] = {o.begin, o.quit};
    for (;;) {
        /* Between cycles the thread pumps, as an idle UI thread does. */
        DWORD w = MsgWaitForMultipleObjects(2, idle_waits, FALSE, INFINITE, QS_ALLINPUT);
        if (w == WAIT_OBJECT_0 + 1)
            break;
        if (w == WAIT_OBJECT_0 + 2) {
            pump_pending();
            continue;
        }
        DWORD t0 = GetTickCount();
        if (WaitForSingleObject(o.done, OWNER_PATIENCE_MS) == WAIT_TIMEOUT) {
            o.waited_ms = GetTickCount() - t0;
            InterlockedExchange(&o.counting, 1);
            pump_until(o.done);
            InterlockedExchange(&o.counting, 0);
        }
        SetEvent(o.idle);
    }
    DestroyWindow(o.window);
    return 0;
}

static void owner_close(HANDLE thread)
{
    if (thread) {
        SetEvent(o.quit);
        WaitForSingleObject(thread, INFINITE);
        CloseHandle(thread);
    }
    CloseHandle(o.ready);
    CloseHandle(o.begin);
    CloseHandle(o.done);
    CloseHandle(o.idle);
    CloseHandle(o.quit);
}

/* One cycle of remote with the window as owner; 1 when a call waited on it. */
static int owner_thread_cycle(const WCHAR *remote)
{
    struct shape s;
    shape_on_y(&s, fence_wstr(remote, "lpRemoteName"), o.window, CONNECT_TEMPORARY);
    snprintf(s.label, sizeof s.label, "Y:, %.100ls, hwndOwner a window of another thread", remote);
    o.sent = 0;
    o.waited_ms = 0;
    SetEvent(o.begin);
    shape_cycle(&s, NULL);
    SetEvent(o.done);
    WaitForSingleObject(o.idle, INFINITE);
    shape_free_calls(&s);
    if (!o.sent)
        return 0;
    result_bad("state.window",
               "a call of the add or cancel of Y: %.120ls (CONNECT_TEMPORARY: no dialog asked "
               "for), with hwndOwner a window of another thread of the caller that waited for "
               "the call without pumping messages, sent that window message 0x%04lx and waited "
               "for its answer: the call went on only after the window's thread pumped, %lu ms "
               "later (%ld such messages). A caller whose UI thread waits for the worker that "
               "maps the drive deadlocks",
               remote, (unsigned long)o.first, (unsigned long)o.waited_ms, (long)o.sent);
    return 1;
}

unsigned owner_thread_judge(const WCHAR *const *names, unsigned n)
{
    o.ready = CreateEventW(NULL, FALSE, FALSE, NULL);
    o.begin = CreateEventW(NULL, FALSE, FALSE, NULL);
    o.done = CreateEventW(NULL, FALSE, FALSE, NULL);
    o.idle = CreateEventW(NULL, FALSE, FALSE, NULL);
    o.quit = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE thread = CreateThread(NULL, 0, owner_main, NULL, 0, NULL);
    if (!thread || !o.ready || !o.begin || !o.done || !o.idle || !o.quit) {
        owner_close(thread);
        return 0;
    }
    WaitForSingleObject(o.ready, INFINITE);
    if (!o.window) {
        owner_close(thread);
        return 0;
    }
    unsigned count = n < OWNER_NAMES ? n : OWNER_NAMES;
    announce_step("%u remote names added with a window of another thread as hwndOwner, that "
                  "thread waiting for each call without pumping messages",
                  count);
    unsigned made = 0;
    while (made < count) {
        int waited = owner_thread_cycle(names[made]);
        made++;
        if (waited)
            break;
    }
    owner_close(thread);
    return made;
}
