/* The order of the notifier's global locks (see lock_order.h). */
#include "lock_order.h"

#include "hooked_image.h"
#include "hooks_heap.h"
#include "out.h"

enum { MAX_EDGES = 512 };

/* outer was held when inner was waited for. */
struct edge {
    void *outer;
    void *inner;
    void *outer_pc;
    void *inner_pc;
    DWORD tid;
};

static struct edge edges[MAX_EDGES];
static LONG n_edges;
static SRWLOCK edges_lock = SRWLOCK_INIT;

void lock_order_forget(void)
{
    AcquireSRWLockExclusive(&edges_lock);
    n_edges = 0;
    ReleaseSRWLockExclusive(&edges_lock);
}

static const struct edge *find(const void *outer, const void *inner)
{
    for (LONG i = 0; i < n_edges; i++) {
        if (edges[i].outer == outer && edges[i].inner == inner)
            return &edges[i];
    }
    return NULL;
}

static void inverted(const struct edge *was, void *outer_pc, void *inner_pc)
{
    char was_outer[300];
    char was_inner[300];
    char now_outer[300];
    char now_inner[300];
    caller_frame(was->outer_pc, was_outer, sizeof was_outer);
    caller_frame(was->inner_pc, was_inner, sizeof was_inner);
    caller_frame(outer_pc, now_outer, sizeof now_outer);
    caller_frame(inner_pc, now_inner, sizeof now_inner);
    const char *during = crash_context();
    result_bad("concurrency",
               "locks taken in both orders: thread %lu waited for lock %#llx at %s while it "
               "held lock %#llx (taken at %s); this thread waits for %#llx at %s while it holds "
               "%#llx (taken at %s)%s%s: two threads that take them at once wait for each "
               "other for ever; take them in one order",
               (unsigned long)was->tid, (unsigned long long)(ULONG_PTR)was->inner, was_inner,
               (unsigned long long)(ULONG_PTR)was->outer, was_outer,
               (unsigned long long)(ULONG_PTR)was->outer, now_inner,
               (unsigned long long)(ULONG_PTR)was->inner, now_outer, during[0] ? ", during " : "",
               during);
}

void lock_order_note(void *outer, void *outer_pc, void *inner, void *inner_pc)
{
    if (outer == inner || !in_hooked_image(outer) || !in_hooked_image(inner))
        return;
    const struct edge *reverse = NULL;
    struct edge was;
    AcquireSRWLockExclusive(&edges_lock);
    if (!find(outer, inner) && n_edges < MAX_EDGES) {
        struct edge *e = &edges[n_edges];
        e->outer = outer;
        e->inner = inner;
        e->outer_pc = outer_pc;
        e->inner_pc = inner_pc;
        e->tid = GetCurrentThreadId();
        n_edges++;
    }
    reverse = find(inner, outer);
    if (reverse)
        was = *reverse;
    ReleaseSRWLockExclusive(&edges_lock);
    if (reverse)
        inverted(&was, outer_pc, inner_pc);
}
