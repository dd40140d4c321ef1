/* Locks and power requests of the notifier (see hooks_locks.h). A lock is
 * counted when the notifier's own import took it and uncounted when its
 * import released it; a lock another module took is never seen. A take is
 * noted after the real call returned and a release before the real call,
 * so a lock another thread reads here as held is held. */
#include "hooks_locks.h"

#include "hook_reals.h"
#include "hooks_heap.h"
#include "lock_order.h"
#include "lock_stalls.h"
#include "out.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_HELD    16
#define MAX_THREADS 512

struct held {
    void *lock;
    const char *how;
    void *pc;
};

/* Per thread, in a fixed table (no allocation: thread-local storage would
 * allocate on each new thread, which the leak checks would count as the
 * notifier's): what the notifier holds, and its standing power request. A
 * slot is taken by a thread that holds something and given back when it
 * holds nothing; only its thread writes it. */
struct thread_slot {
    volatile LONG tid;
    int n_held;
    DWORD exec_state;
    void *volatile waiting;
    const char *volatile waiting_how;
    int waiting_exclusive;
    /* A wait it made while holding what it holds now (NULL: none); its timeout and call site
     * are written before it. */
    const char *volatile waited;
    DWORD waited_ms;
    void *waited_pc;
    struct held held[MAX_HELD];
};
static struct thread_slot slots[MAX_THREADS];

static struct thread_slot *slot_of(int create)
{
    LONG tid = (LONG)GetCurrentThreadId();
    for (int i = 0; i < MAX_THREADS; i++) {
        if (slots[i].tid == tid)
            return &slots[i];
    }
    for (int i = 0; create && i < MAX_THREADS; i++) {
        if (!slots[i].tid && !InterlockedCompareExchange(&slots[i].tid, tid, 0)) {
            slots[i].n_held = 0;
            slots[i].exec_state = 0;
            slots[i].waiting = NULL;
            slots[i].waited = NULL;
            return &slots[i];
        }
    }
    return NULL;
}

static void give_back(struct thread_slot *t)
{
    if (t->n_held == 0 && t->exec_state == 0 && !t->waiting)
        InterlockedExchange(&t->tid, 0);
}

void locks_took(void *lock, const char *how, void *pc)
{
    struct thread_slot *t = slot_of(1);
    if (!t)
        return;
    if (t->n_held < MAX_HELD) {
        t->held[t->n_held].lock = lock;
        t->held[t->n_held].how = how;
        t->held[t->n_held].pc = pc;
    }
    t->n_held++;
}

int locks_released(void *lock)
{
    struct thread_slot *t = slot_of(0);
    if (!t)
        return 0;
    int top = t->n_held < MAX_HELD ? t->n_held : MAX_HELD;
    int found = 0;
    for (int i = top - 1; i >= 0 && !found; i--) {
        if (t->held[i].lock != lock)
            continue;
        for (int j = i; j + 1 < top; j++)
            t->held[j] = t->held[j + 1];
        t->n_held--;
        found = 1;
    }
    if (!found && t->n_held > MAX_HELD) {
        /* An overflowed hold, not in the table: assume it was this one. */
        t->n_held--;
        found = 1;
    }
    if (t->n_held <= 0)
        t->waited = NULL;
    give_back(t);
    return found;
}

/* Thread holder, which waited while holding hold, met thread asker that asks for it. A
 * shared hold stalls only an exclusive ask. */
static void stall_met(const struct thread_slot *holder, const struct held *hold, DWORD asker,
                      int ask_exclusive)
{
    const char *waited = holder->waited;
    if (!waited || (strstr(hold->how, "Shared") && !ask_exclusive))
        return;
    struct lock_stall s = {
        .lock = hold->lock,
        .lock_how = hold->how,
        .lock_pc = hold->pc,
        .wait = waited,
        .wait_ms = holder->waited_ms,
        .wait_pc = holder->waited_pc,
        .holder = (DWORD)holder->tid,
        .asker = asker,
    };
    lock_stall_note(&s);
}

/* The holder of lock, other than t, that waited while holding it, met t's ask. */
static void ask_meets_waited_holder(const struct thread_slot *t, void *lock, int exclusive)
{
    for (int i = 0; i < MAX_THREADS; i++) {
        const struct thread_slot *h = &slots[i];
        if (h == t || !h->tid || !h->waited)
            continue;
        int top = h->n_held < MAX_HELD ? h->n_held : MAX_HELD;
        for (int k = 0; k < top; k++) {
            if (h->held[k].lock == lock) {
                stall_met(h, &h->held[k], (DWORD)t->tid, exclusive);
                return;
            }
        }
    }
}

void locks_wait_made(const char *what, DWORD ms, void *pc)
{
    struct thread_slot *t = slot_of(0);
    if (!t || !ms || t->n_held <= 0)
        return;
    t->waited_ms = ms;
    t->waited_pc = pc;
    t->waited = what;
    int top = t->n_held < MAX_HELD ? t->n_held : MAX_HELD;
    for (int i = 0; i < MAX_THREADS; i++) {
        const struct thread_slot *a = &slots[i];
        void *wanted = a->waiting;
        if (a == t || !a->tid || !wanted)
            continue;
        for (int k = 0; k < top; k++) {
            if (t->held[k].lock == wanted)
                stall_met(t, &t->held[k], (DWORD)a->tid, a->waiting_exclusive);
        }
    }
}

void locks_wait_begin(void *lock, const char *how, void *pc, int exclusive)
{
    struct thread_slot *t = slot_of(1);
    if (!t)
        return;
    int top = t->n_held < MAX_HELD ? t->n_held : MAX_HELD;
    for (int k = 0; exclusive && k < top; k++) {
        if (!strstr(t->held[k].how, "Shared"))
            lock_order_note(t->held[k].lock, t->held[k].pc, lock, pc);
    }
    t->waiting_how = how;
    t->waiting_exclusive = exclusive;
    t->waiting = lock;
    ask_meets_waited_holder(t, lock, exclusive);
}

void locks_wait_end(void)
{
    struct thread_slot *t = slot_of(0);
    if (!t)
        return;
    t->waiting = NULL;
    give_back(t);
}

DWORD locks_user(void *lock, const char **how, int *waiting)
{
    for (int i = 0; i < MAX_THREADS; i++) {
        struct thread_slot *t = &slots[i];
        DWORD tid = (DWORD)t->tid;
        if (!tid)
            continue;
        if (t->waiting == lock) {
            *how = t->waiting_how;
            *waiting = 1;
            return tid;
        }
        int top = t->n_held < MAX_HELD ? t->n_held : MAX_HELD;
        for (int k = 0; k < top; k++) {
            if (t->held[k].lock == lock) {
                *how = t->held[k].how;
                *waiting = 0;
                return tid;
            }
        }
    }
    return 0;
}

void locks_misuse(void *pc, const char *fmt, ...)
{
    char what[400];
    char frame[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    caller_frame(pc, frame, sizeof frame);
    const char *during = hook_context();
    result_bad("concurrency.locks", "%s, at %s%s%s", what, frame, during[0] ? ", during " : "",
               during);
}

int locks_held(char *buf, size_t cap)
{
    struct thread_slot *t = slot_of(0);
    if (cap)
        buf[0] = 0;
    if (!t)
        return 0;
    if (t->n_held > 0 && cap) {
        char frame[300];
        caller_frame(t->held[0].pc, frame, sizeof frame);
        snprintf(buf, cap, "%s(%#llx) at %s", t->held[0].how,
                 (unsigned long long)(ULONG_PTR)t->held[0].lock, frame);
    }
    return t->n_held;
}

int locks_shared_only(char *buf, size_t cap)
{
    struct thread_slot *t = slot_of(0);
    if (cap)
        buf[0] = 0;
    if (!t || t->n_held <= 0 || t->n_held > MAX_HELD)
        return 0;
    for (int k = 0; k < t->n_held; k++) {
        if (!strstr(t->held[k].how, "Shared"))
            return 0;
    }
    locks_held(buf, cap);
    return 1;
}

DWORD locks_exec_state(void)
{
    struct thread_slot *t = slot_of(0);
    return t ? t->exec_state : 0;
}

typedef EXECUTION_STATE(WINAPI *exec_fn)(EXECUTION_STATE);

/* [doc] Without ES_CONTINUOUS a request resets the idle timers once;
 * with it the request stands until the thread asks again. */
EXECUTION_STATE WINAPI w_SetThreadExecutionState(EXECUTION_STATE flags)
{
    const DWORD requests = ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED | ES_AWAYMODE_REQUIRED;
    if (flags & ES_CONTINUOUS) {
        struct thread_slot *t = slot_of(flags & requests ? 1 : 0);
        if (t) {
            t->exec_state = flags & requests ? flags : 0;
            give_back(t);
        }
    }
    return ((exec_fn)hook_real_at(HK_SetThreadExecutionState))(flags);
}
