/* Two threads' operations in a crossed order (see crossed_ops.h). */
#include "crossed_ops.h"

#include "call.h"
#include "fence.h"
#include "measure.h"
#include "out.h"

#include <windows.h>

enum { STEP_LIMIT_MS = 20000, SETTLE_POLLS = 5, SETTLE_MS = 3000 };

/* One driver thread that runs the steps it is handed, one at a time. */
struct worker {
    HANDLE thread;
    HANDLE go;
    HANDLE done;
    enum op_kind kind;
    DWORD phase;
    void *arg; /* the NOTIFYADD or NOTIFYCANCEL of the step */
    void *context;
    volatile LONG quit;
};

static DWORD WINAPI worker_main(void *p)
{
    struct worker *w = p;
    mark_driver_thread();
    for (;;) {
        WaitForSingleObject(w->go, INFINITE);
        if (w->quit)
            return 0;
        if (w->phase == NOTIFY_PRE)
            w->context = NULL;
        call_op(w->kind, NULL, w->phase, WN_SUCCESS, &w->context, w->arg,
                "two threads' operations, crossed");
        SetEvent(w->done);
    }
}

/* Runs one step on w and waits for it; 0 when it did not end in time. */
static int step(struct worker *w, enum op_kind kind, DWORD phase, void *arg)
{
    w->kind = kind;
    w->phase = phase;
    w->arg = arg;
    SetEvent(w->go);
    return WaitForSingleObject(w->done, STEP_LIMIT_MS) == WAIT_OBJECT_0;
}

static int start(struct worker *w)
{
    w->go = CreateEventW(NULL, FALSE, FALSE, NULL);
    w->done = CreateEventW(NULL, FALSE, FALSE, NULL);
    w->quit = 0;
    w->thread = CreateThread(NULL, 0, worker_main, w, 0, NULL);
    return w->go && w->done && w->thread;
}

static void stop(struct worker *w)
{
    w->quit = 1;
    SetEvent(w->go);
    WaitForSingleObject(w->thread, STEP_LIMIT_MS);
    CloseHandle(w->thread);
    CloseHandle(w->go);
    CloseHandle(w->done);
}

struct ops {
    NOTIFYADD *add_a;
    NOTIFYADD *add_b;
    NOTIFYCANCEL *cancel_a;
    NOTIFYCANCEL *cancel_b;
};

/* One round; crossed: PRE A, PRE B, POST A, POST B; else A's PRE and POST, then B's. */
static int round_of(struct worker *a, struct worker *b, const struct ops *o, int crossed)
{
    int ok = 1;
    for (int cancel = 0; cancel < 2 && ok; cancel++) {
        enum op_kind kind = cancel ? OP_CANCEL : OP_ADD;
        void *arg_a = cancel ? (void *)o->cancel_a : (void *)o->add_a;
        void *arg_b = cancel ? (void *)o->cancel_b : (void *)o->add_b;
        if (crossed) {
            ok = step(a, kind, NOTIFY_PRE, arg_a) && step(b, kind, NOTIFY_PRE, arg_b);
            ok = ok && (!a->context || step(a, kind, NOTIFY_POST, arg_a));
            ok = ok && (!b->context || step(b, kind, NOTIFY_POST, arg_b));
        } else {
            ok = step(a, kind, NOTIFY_PRE, arg_a) &&
                 (!a->context || step(a, kind, NOTIFY_POST, arg_a));
            ok = ok && step(b, kind, NOTIFY_PRE, arg_b) &&
                 (!b->context || step(b, kind, NOTIFY_POST, arg_b));
        }
    }
    return ok;
}

static long long rounds_growth(struct worker *a, struct worker *b, const struct ops *o,
                               unsigned rounds, int crossed, int *settled)
{
    size_t before = heap_busy_settled(SETTLE_POLLS, SETTLE_MS, settled);
    for (unsigned r = 0; r < rounds && *settled; r++) {
        if (!round_of(a, b, o, crossed))
            *settled = 0;
    }
    return (long long)heap_busy_settled(SETTLE_POLLS, SETTLE_MS, settled) - (long long)before;
}

struct crossed_growth crossed_ops_growth(unsigned rounds)
{
    struct crossed_growth g = {.rounds = rounds, .settled = 1};
    struct worker a;
    struct worker b;
    WCHAR *local_b = fence_wstr(L"X:", "lpLocalName (the other thread's)");
    WCHAR *remote_b = fence_wstr(L"\\\\server\\other", "lpRemoteName (the other thread's)");
    struct ops o = {
        .add_a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, CONNECT_TEMPORARY),
        .add_b = mk_add(RESOURCETYPE_DISK, local_b, remote_b, s_provider, CONNECT_TEMPORARY),
        .cancel_a = mk_cancel(s_local, s_provider, 0, FALSE),
        .cancel_b = mk_cancel(local_b, s_provider, 0, FALSE),
    };
    if (!start(&a) || !start(&b)) {
        g.settled = 0;
        return g;
    }
    /* What the first rounds make once is not per round. */
    rounds_growth(&a, &b, &o, 4, 1, &g.settled);
    g.settled = 1;
    g.nested = rounds_growth(&a, &b, &o, rounds, 0, &g.settled);
    g.crossed = rounds_growth(&a, &b, &o, rounds, 1, &g.settled);
    stop(&a);
    stop(&b);
    return g;
}
