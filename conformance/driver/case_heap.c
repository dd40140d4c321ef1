/* Heap and handle integrity over long sequences [design]: every input
 * shape in turn, then each shape alone for more than 300 calls (a ring or
 * table that overflows after 256 records shows), with freed blocks held
 * back and filled (hooks_heap.c) and every process heap validated after
 * each call, so a corruption is named by the call that made it. */
#include "cases.h"

#include "call.h"
#include "hooks_heap.h"
#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <stdio.h>
#include <wchar.h>

enum { MIXED_PASSES = 4, PER_SHAPE = 80 };

/* One call, then HeapValidate of every process heap; 0 once one fails. */
static int step(enum op_kind kind, DWORD phase, DWORD status, void **ctx, void *arg,
                const struct shape *s, const char *seq)
{
    call_op(kind, NULL, phase, status, ctx, arg, s->label);
    if (heaps_valid())
        return 1;
    result_bad("heap.valid",
               "a process heap fails HeapValidate after call %ld, %s %s (%s), "
               "in %s: the notifier wrote outside a heap block or into a freed one in that "
               "call (an earlier call if its damage was only reached now)",
               calls_made(), kind == OP_ADD ? "AddConnectNotify" : "CancelConnectNotify",
               phase == NOTIFY_PRE ? "PRE" : "POST", s->label, seq);
    return 0;
}

/* shape_cycle's add and cancel, PRE and POST, one step at a time. */
static int cycle(const struct shape *s, const char *seq)
{
    void *ctx = NULL;
    if (!step(OP_ADD, NOTIFY_PRE, WN_SUCCESS, &ctx, s->add, s, seq))
        return 0;
    if (ctx && !step(OP_ADD, NOTIFY_POST, s->add_status, &ctx, s->add, s, seq))
        return 0;
    ctx = NULL;
    if (!step(OP_CANCEL, NOTIFY_PRE, WN_SUCCESS, &ctx, s->cancel_pre, s, seq))
        return 0;
    if (ctx && !step(OP_CANCEL, NOTIFY_POST, s->cancel_status, &ctx, s->cancel_post, s, seq))
        return 0;
    return 1;
}

enum { IN_FLIGHT = 48 };

/* IN_FLIGHT operations of one kind in flight at once, as from as many
 * threads of one process: every PRE, then the POSTs in reverse order; then
 * again with the POSTs in the order of their PREs. A table of pending
 * operations that grows and moves while a context points into its old
 * block shows as a write into a freed block. */
static int in_flight(enum op_kind kind)
{
    void *ctx[IN_FLIGHT];
    char seq[64];
    int add = kind == OP_ADD;
    snprintf(seq, sizeof seq, "%d %s in flight at once", IN_FLIGHT, add ? "adds" : "cancels");
    for (int fifo = 0; fifo < 2; fifo++) {
        for (unsigned i = 0; i < IN_FLIGHT; i++) {
            const struct shape *s = shape_at(i);
            void *pre = add ? (void *)s->add : (void *)s->cancel_pre;
            ctx[i] = NULL;
            if (!step(kind, NOTIFY_PRE, WN_SUCCESS, &ctx[i], pre, s, seq))
                return 0;
        }
        for (unsigned k = 0; k < IN_FLIGHT; k++) {
            unsigned i = fifo ? k : IN_FLIGHT - 1u - k;
            const struct shape *s = shape_at(i);
            void *post = add ? (void *)s->add : (void *)s->cancel_post;
            DWORD status = add ? s->add_status : s->cancel_status;
            if (ctx[i] && !step(kind, NOTIFY_POST, status, &ctx[i], post, s, seq))
                return 0;
        }
    }
    return 1;
}

enum { HELD_ACROSS = 64 };

/* One add held in flight (a slow server, a credential prompt) while whole
 * deviceless adds to HELD_ACROSS other servers go through: a per-server
 * cache that evicts the entry the held operation's context points to shows
 * as a write into a freed block when the held POST comes (heap.frees). */
static int held_across_servers(void)
{
    const struct shape *s = shape_at(0);
    char seq[96];
    snprintf(seq, sizeof seq, "one add in flight while adds to %d other servers went through",
             HELD_ACROSS);
    std_names();
    void *held = NULL;
    if (!step(OP_ADD, NOTIFY_PRE, WN_SUCCESS, &held, s->add, s, seq))
        return 0;
    for (unsigned i = 0; i < HELD_ACROSS; i++) {
        WCHAR remote[48];
        swprintf(remote, sizeof remote / sizeof remote[0], L"\\\\files-held-%u\\data", i);
        deviceless_add(remote, "lpRemoteName (another server)", seq);
        if (!heaps_valid()) {
            result_bad("heap.valid",
                       "a process heap fails HeapValidate after the add to server %u of %d, "
                       "%s: the notifier wrote outside a heap block or into a freed one",
                       i + 1, HELD_ACROSS, seq);
            return 0;
        }
    }
    return !held || step(OP_ADD, NOTIFY_POST, s->add_status, &held, s->add, s, seq);
}

enum { HELD_MS = 10000, HELD_PACE_MS = 100 };

/* One add held in flight for HELD_MS (a server that does not answer, a credential prompt the
 * user has not filled: MPR's POST comes when the provider returns, seconds or minutes later)
 * while a whole deviceless add and cancel go on every HELD_PACE_MS: a notifier that frees a pending
 * operation's record after some time frees what the held context points to, and the POST
 * then writes into it or frees it again (heap.frees; round 35's syncmap reaped after 2 s). */
static int held_across_time(void)
{
    const struct shape *s = shape_at(0);
    char seq[96];
    snprintf(seq, sizeof seq, "one add in flight for %d s while others went on every %d ms",
             HELD_MS / 1000, HELD_PACE_MS);
    std_names();
    void *held = NULL;
    if (!step(OP_ADD, NOTIFY_PRE, WN_SUCCESS, &held, s->add, s, seq))
        return 0;
    double until = now_ms() + HELD_MS;
    for (unsigned i = 0; now_ms() < until; i++) {
        WCHAR remote[48];
        swprintf(remote, sizeof remote / sizeof remote[0], L"\\\\files-late-%u\\data", i);
        deviceless_add(remote, "lpRemoteName (another server)", seq);
        deviceless_cancel(remote, "lpName (another server)", seq);
        Sleep(HELD_PACE_MS);
    }
    /* The POST's crash names the wait, not only the shape. */
    struct shape late = *s;
    snprintf(late.label, sizeof late.label, "%s; %d s after its PRE", s->label, HELD_MS / 1000);
    return !held || step(OP_ADD, NOTIFY_POST, s->add_status, &held, s->add, &late, seq);
}

enum { LIVE = 100 };

/* LIVE deviceless connections made and kept, as on a session host or in a
 * backup job that maps a share per source, then cancelled in the order
 * made: a table or wait list of live connections that holds fewer (64
 * handles for WaitForMultipleObjects [doc]) overflows here. */
static int many_live(void)
{
    char seq[96];
    snprintf(seq, sizeof seq, "%d connections made and kept, then cancelled", LIVE);
    std_names();
    for (int cancel = 0; cancel < 2; cancel++) {
        for (unsigned i = 0; i < LIVE; i++) {
            WCHAR remote[48];
            swprintf(remote, sizeof remote / sizeof remote[0], L"\\\\backup-src%u\\c$", i);
            if (cancel)
                deviceless_cancel(remote, "lpRemoteName (a live connection)", seq);
            else
                deviceless_add(remote, "lpRemoteName (a live connection)", seq);
        }
        if (!heaps_valid()) {
            result_bad("heap.valid",
                       "a process heap fails HeapValidate after %s %d live connections: the "
                       "notifier wrote outside a heap block or into a freed one",
                       cancel ? "cancelling" : "making", LIVE);
            return 0;
        }
    }
    return 1;
}

static int sequences(unsigned n_shapes)
{
    char seq[64];
    announce_step("%d passes over %u input shapes, one call at a time", MIXED_PASSES, n_shapes);
    snprintf(seq, sizeof seq, "the mixed sequence of %u shapes", n_shapes);
    for (unsigned i = 0; i < MIXED_PASSES * n_shapes; i++) {
        if (!cycle(shape_at(i), seq))
            return 0;
    }
    announce_step("%d adds, then %d cancels in flight at once, POSTs in reverse and in order",
                  IN_FLIGHT, IN_FLIGHT);
    if (!in_flight(OP_ADD) || !in_flight(OP_CANCEL))
        return 0;
    announce_step("one add in flight while adds to %d other servers go through", HELD_ACROSS);
    if (!held_across_servers())
        return 0;
    announce_step("%d deviceless connections made and kept, then cancelled", LIVE);
    if (!many_live())
        return 0;
    announce_step("one add in flight for %d s while others go on", HELD_MS / 1000);
    if (!held_across_time())
        return 0;
    /* The blocks freed so far are checked now, near the calls that freed them. */
    heap_quarantine(0);
    heap_quarantine(1);
    announce_step("%u input shapes x %d cycles each (more than 300 calls per shape)", n_shapes,
                  PER_SHAPE);
    for (unsigned i = 0; i < n_shapes; i++) {
        long first = calls_made() + 1;
        snprintf(seq, sizeof seq, "a sequence of this shape alone from call %ld", first);
        for (unsigned k = 0; k < PER_SHAPE; k++) {
            if (!cycle(shape_at(i), seq))
                return 0;
        }
    }
    return 1;
}

void case_heap(void)
{
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    double t0 = now_ms();
    heap_quarantine(1);
    int valid = sequences(n_shapes);
    /* The held blocks are checked for writes after their free, then freed. */
    heap_quarantine(0);
    if (valid && !heaps_valid()) {
        valid = 0;
        result_bad("heap.valid",
                   "a process heap fails HeapValidate once the blocks freed "
                   "over %ld calls were released: the notifier wrote into a freed block",
                   calls_made());
    }
    double dt = now_ms() - t0;
    long calls = calls_made();
    metric("heap_case_ms", "%.0f", dt);
    metric("heap_releases_checked", "%ld", heap_checked());
    metric("heap_handle_calls", "%ld", handle_calls());
    if (valid)
        result("heap.valid", "pass",
               "every process heap valid after each of %ld calls (%d "
               "passes over %u shapes, %d adds and %d cancels in flight at once, one add in "
               "flight across adds to %d other servers, one for %d s while others went on, then "
               "each shape alone for %d cycles)",
               calls, MIXED_PASSES, n_shapes, IN_FLIGHT, IN_FLIGHT, HELD_ACROSS, HELD_MS / 1000,
               PER_SHAPE);
    if (!violation_of("heap.frees"))
        result("heap.frees", "pass",
               "%ld heap releases, reallocations and size queries over "
               "%ld calls, each of a live block of its heap; no freed block written (the last "
               "1024 held back)",
               heap_checked(), calls);
    if (!violation_of("heap.handles"))
        result("heap.handles", "pass",
               "%ld handle calls over %ld calls, none failed with "
               "ERROR_INVALID_HANDLE",
               handle_calls(), calls);
}
