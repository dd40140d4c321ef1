/* Cases lifetime and prepost: buffers retired once their call returned. */
#include "cases.h"

#include "call.h"
#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "measure.h"
#include "out.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* ---------------- buffer lifetime ---------------- */

/* Every buffer of one call: NOTIFYINFO (writable, ends at a NOACCESS
 * page), NOTIFYADD or NOTIFYCANCEL and the names (sealed). */
struct callbuf {
    NOTIFYINFO *ni;
    NOTIFYADD *a;
    NOTIFYCANCEL *c;
    WCHAR *local, *remote, *provider;
};

static void callbuf_new(struct callbuf *b, int cancel, int post, unsigned op)
{
    WCHAR remote[64];
    swprintf(remote, 64, L"\\\\conformance\\op%u", op);
    memset(b, 0, sizeof *b);
    b->ni = fence_alloc(sizeof *b->ni, "NOTIFYINFO");
    b->local = fence_wstr(L"X:", "lpLocalName");
    b->provider = fence_wstr(PROVIDER, "lpProvider");
    if (cancel) {
        b->c = mk_cancel(b->local, post ? b->provider : s_pre_provider, 0, FALSE);
    } else {
        b->remote = fence_wstr(remote, "lpRemoteName");
        b->a = mk_add(RESOURCETYPE_DISK, b->local, b->remote, b->provider, CONNECT_TEMPORARY);
    }
}

/* The call has returned: a later touch of any of its buffers faults and
 * is named "read of a previous call's NOTIFYADD after it returned". */
static void callbuf_retire(struct callbuf *b)
{
    fence_retire(b->ni, "a previous call's NOTIFYINFO after it returned");
    if (b->a) fence_retire(b->a, "a previous call's NOTIFYADD after it returned");
    if (b->c) fence_retire(b->c, "a previous call's NOTIFYCANCEL after it returned");
    fence_retire(b->local, "a previous call's lpLocalName after it returned");
    if (b->remote) fence_retire(b->remote, "a previous call's lpRemoteName after it returned");
    fence_retire(b->provider, "a previous call's lpProvider after it returned");
}

/* The operation has returned: a fault in its buffers, on any thread, is
 * named by the buffer and the operation. */
static void callbuf_ended(const struct callbuf *b, int cancel, unsigned op, const char *which)
{
    const char *fn = cancel ? "CancelConnectNotify" : "AddConnectNotify";
    char l[120];
#define ENDED(p, name)                                                                          \
    do {                                                                                        \
        if (p) {                                                                                \
            snprintf(l, sizeof l, "operation %u's %s (%s %s, \\\\conformance\\op%u)", op, name, \
                     fn, which, op);                                                            \
            crash_note_ended(p, sizeof *(p), l);                                                \
        }                                                                                       \
    } while (0)
    ENDED(b->ni, "NOTIFYINFO");
    ENDED(b->a, "NOTIFYADD");
    ENDED(b->c, "NOTIFYCANCEL");
#undef ENDED
    const WCHAR *names[3] = {b->local, b->remote, b->provider};
    const char *labels[3] = {"lpLocalName", "lpRemoteName", "lpProvider"};
    for (int i = 0; i < 3; i++) {
        if (!names[i])
            continue;
        snprintf(l, sizeof l, "operation %u's %s (%s %s, \\\\conformance\\op%u)", op, labels[i], fn,
                 which, op);
        /* Retired already: its page is named, its length not read. */
        crash_note_ended(names[i], sizeof(WCHAR), l);
    }
}

/* One operation (add or cancel). `split`: the POST gets fresh buffers and
 * the PRE's are retired as soon as the PRE returns; otherwise PRE and POST
 * share them and they are retired after the POST. */
static void lifetime_op(int cancel, DWORD status, unsigned op, int split)
{
    struct callbuf pre, post;
    char what[96];
    void *ctx = NULL;
    snprintf(what, sizeof what, "operation %u%s", op, split ? ", fresh POST buffers" : "");
    callbuf_new(&pre, cancel, 0, op);
    if (cancel) call_op(OP_CANCEL, pre.ni, NOTIFY_PRE, WN_SUCCESS, &ctx, pre.c, what);
    else call_op(OP_ADD, pre.ni, NOTIFY_PRE, WN_SUCCESS, &ctx, pre.a, what);
    if (split) {
        callbuf_retire(&pre);
        callbuf_new(&post, cancel, 1, op);
    } else {
        post = pre;
        if (cancel) {  /* lpProvider is defined in the POST after success */
            fence_unseal(pre.c);
            pre.c->lpProvider = status == WN_SUCCESS ? pre.provider : NULL;
            fence_seal(pre.c);
        }
    }
    if (cancel && split && status != WN_SUCCESS) {
        fence_unseal(post.c);
        post.c->lpProvider = NULL;
        fence_seal(post.c);
    }
    if (ctx) {
        if (cancel) call_op(OP_CANCEL, post.ni, NOTIFY_POST, status, &ctx, post.c, what);
        else call_op(OP_ADD, post.ni, NOTIFY_POST, status, &ctx, post.a, what);
    }
    callbuf_retire(&post);
    callbuf_ended(&pre, cancel, op, split ? "PRE" : "PRE and POST");
    if (split)
        callbuf_ended(&post, cancel, op, "POST");
}

enum { FIRST_OPS = 8, LATER_OPS = 32, BURST_OPS = 300, WAIT_S = 15 };

/* [design] MPR's NOTIFYINFO, NOTIFYADD/NOTIFYCANCEL and the names are the
 * caller's memory: gone once the operation has returned. A notifier that
 * keeps a pointer (instead of a copy), or hands one to work that runs
 * later on another thread (thread pool, its own thread), reads freed
 * memory. Retired buffers stay PAGE_NOACCESS and are never reused; a burst
 * of operations fills batches that flush by count, and the case goes on
 * for 15 s after the last one so that work flushed by a timer runs. */
void case_lifetime(void)
{
    if (!load_notifier()) return;
    std_names();
    announce_step("operations whose buffers become PAGE_NOACCESS once they return");
    LONG hits = trap_hits();
    for (unsigned op = 1; op <= FIRST_OPS; op++)
        lifetime_op(op % 4 >= 2, op & 1 ? WN_BAD_NETNAME : WN_SUCCESS, op, 0);
    announce_step("%d more operations over 1.3 s, %d at once, then %d s for work queued by the "
                  "notifier",
                  LATER_OPS, BURST_OPS, WAIT_S);
    for (unsigned op = FIRST_OPS + 1; op <= FIRST_OPS + LATER_OPS && trap_hits() == hits; op++) {
        lifetime_op(op % 4 >= 2, op & 1 ? WN_BAD_NETNAME : WN_SUCCESS, op, 0);
        Sleep(40);
    }
    unsigned last = FIRST_OPS + LATER_OPS + BURST_OPS;
    for (unsigned op = FIRST_OPS + LATER_OPS + 1; op <= last && trap_hits() == hits; op++)
        lifetime_op(op % 4 >= 2, op & 1 ? WN_BAD_NETNAME : WN_SUCCESS, op, 0);
    /* Nothing runs later when only the caller's thread ever ran it. */
    int waited_s = caller_thread_only() ? 0 : WAIT_S;
    for (int i = 0; i < waited_s * 10 && trap_hits() == hits; i++)
        Sleep(100);
    if (trap_hits() != hits && ended_fault()[0])
        result("drive.lifetime", "fail",
               "%s (fault caught by the notifier): keep copies, not "
               "pointers, also for work queued to another thread",
               ended_fault());
    else if (trap_hits() != hits)
        result("drive.lifetime", "fail",
               "touches %s (fault caught by the notifier): keep "
               "copies, not pointers",
               trap_label());
    else if (waited_s)
        result("drive.lifetime", "pass",
               "%d operations (add and cancel), each one's buffers "
               "PAGE_NOACCESS after its POST and kept so for %d s after the last: none touched "
               "later, on any thread",
               FIRST_OPS + LATER_OPS + BURST_OPS, waited_s);
    else
        result("drive.lifetime", "pass",
               "%d operations (add and cancel), each one's buffers PAGE_NOACCESS after its "
               "POST: none touched later (no thread but the caller's ever ran the notifier)",
               FIRST_OPS + LATER_OPS + BURST_OPS);
}

/* [doc] the PRE's structures are valid during the PRE call only; real MPR
 * may hand the POST the same ones, so this is a report. */
void case_prepost(void)
{
    if (!load_notifier()) return;
    std_names();
    announce_step("POSTs with fresh buffers, the PRE's PAGE_NOACCESS");
    LONG hits = trap_hits();
    for (unsigned op = 1; op <= 4; op++)
        lifetime_op(op >= 3, op & 1 ? WN_SUCCESS : WN_BAD_NETNAME, op, 1);
    if (trap_hits() != hits)
        result("drive.prepost", "warn", "reads the PRE's buffers after the PRE returned (fault caught by the notifier): keep copies, not pointers");
    else
        result("drive.prepost", "pass", "4 operations whose POST got fresh buffers: the PRE's were not touched after the PRE returned");
}

