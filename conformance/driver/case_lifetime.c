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
}

/* [design] MPR's NOTIFYINFO, NOTIFYADD/NOTIFYCANCEL and the names are the
 * caller's memory: gone once the operation has returned. A notifier that
 * keeps a pointer (instead of a copy) reads freed memory later. */
void case_lifetime(void)
{
    if (!load_notifier()) return;
    std_names();
    announce_step("operations whose buffers become PAGE_NOACCESS once they return");
    LONG hits = trap_hits();
    for (unsigned op = 1; op <= 8; op++)
        lifetime_op(op % 4 >= 2, op & 1 ? WN_BAD_NETNAME : WN_SUCCESS, op, 0);
    if (trap_hits() != hits)
        result("drive.lifetime", "fail", "touches %s (fault caught by the notifier): keep copies, not pointers", trap_label());
    else
        result("drive.lifetime", "pass", "8 operations (add and cancel), each one's buffers PAGE_NOACCESS after its POST: none touched later");
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

