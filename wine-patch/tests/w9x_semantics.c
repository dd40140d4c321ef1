/* The error semantics the patched MPR takes from the Windows 95 DDK where NT
 * documents nothing ([w9x], docs/wine-patch.md): a PRE error or WN_CANCEL
 * ends the operation without provider call or POST; WN_RETRY from the POST
 * of a failed operation gives one retry without a second PRE; other POST
 * returns are ignored; PRE in reverse registration order, POST in reverse
 * PRE order. These are reports on Windows, but gates for the patch: it
 * promises them. Probes are scripted through the shared record. */
#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <string.h>

#include "test_record.h"
#include "wtest.h"

static tr_shared *tr;

static unsigned count(enum tr_source src, enum tr_func func, DWORD phase)
{
    unsigned i, n = 0, all = tr_count(tr);
    for (i = 0; i < all; i++) {
        const tr_event *e = &tr->events[i];
        if (e->source == src && e->func == func && (!phase || e->notify_status == phase))
            n++;
    }
    return n;
}

static const tr_event *find(enum tr_source src, enum tr_func func, DWORD phase, unsigned nth)
{
    unsigned i, all = tr_count(tr);
    for (i = 0; i < all; i++) {
        const tr_event *e = &tr->events[i];
        if (e->source == src && e->func == func && (!phase || e->notify_status == phase) && !nth--)
            return e;
    }
    return NULL;
}

static unsigned provider_adds(void)
{
    return count(TR_SRC_PROVIDER, TR_FN_NPADDCONNECTION3, 0) +
           count(TR_SRC_PROVIDER, TR_FN_NPADDCONNECTION, 0);
}

static DWORD add(const WCHAR *local, const WCHAR *remote)
{
    NETRESOURCEW nr;

    memset(&nr, 0, sizeof(nr));
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)local;
    nr.lpRemoteName = (WCHAR *)remote;
    return WNetAddConnection2W(&nr, NULL, NULL, 0);
}

static void provider_queue(DWORD a, DWORD b)
{
    tr->provider.queue[0] = a;
    tr->provider.queue[1] = b;
    tr->provider.queue_len = 2;
}

/* PRE order probe2, probe1 ([wine] values enumerate by name); the first
 * error ends the operation. */
static void test_pre_error(void)
{
    DWORD ret;

    tr_reset(tr);
    tr->probe[TR_SRC_PROBE2].pre_ret = WN_ACCESS_DENIED;
    tr->probe[TR_SRC_PROBE2].pre_count = 1;
    ret = add(L"P:", L"\\\\w9x\\pre-error");
    ok(ret == WN_ACCESS_DENIED, "[w9x] PRE error returned to the caller: %lu\n", ret);
    ok(count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE) == 0,
       "[w9x] no PRE after the failing one (reverse registration order)\n");
    ok(provider_adds() == 0, "[w9x] provider not called after a PRE error: %u calls\n", provider_adds());
    ok(count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 0, "[w9x] no POST after a PRE error\n");
    ok(WNetCancelConnection2W(L"P:", 0, TRUE) == WN_NOT_CONNECTED, "[w9x] nothing was connected\n");
}

static void test_pre_cancel(void)
{
    DWORD ret;

    tr_reset(tr);
    tr->probe[TR_SRC_PROBE1].pre_ret = WN_CANCEL;
    tr->probe[TR_SRC_PROBE1].pre_count = 1;
    ret = add(L"P:", L"\\\\w9x\\pre-cancel");
    ok(ret == WN_CANCEL, "[w9x] WN_CANCEL from PRE returned to the caller: %lu\n", ret);
    ok(count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE) == 1, "[w9x] probe2's PRE ran first\n");
    ok(provider_adds() == 0, "[w9x] provider not called after WN_CANCEL: %u calls\n", provider_adds());
    ok(count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 0 &&
       count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 0,
       "[w9x] no POST at all, even to a notifier whose PRE set a context\n");

    tr_reset(tr);
    tr->probe[TR_SRC_PROBE2].pre_ret = WN_CANCEL;
    tr->probe[TR_SRC_PROBE2].pre_count = 1;
    ret = WNetCancelConnection2W(L"P:", 0, TRUE);
    ok(ret == WN_CANCEL, "[w9x] cancel: WN_CANCEL from PRE returned: %lu\n", ret);
    ok(count(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0) == 0,
       "[w9x] NPCancelConnection not called after WN_CANCEL\n");
}

static void test_post_retry(void)
{
    const tr_event *e;
    DWORD ret;

    /* First attempt fails, the retry succeeds. */
    tr_reset(tr);
    provider_queue(WN_BAD_NETNAME, WN_SUCCESS);
    tr->probe[TR_SRC_PROBE1].post_ret = WN_RETRY;
    tr->probe[TR_SRC_PROBE1].post_count = -1;
    ret = add(L"P:", L"\\\\w9x\\retry");
    ok(ret == WN_SUCCESS, "[w9x] result of the retry returned: %lu\n", ret);
    ok(provider_adds() == 2, "[w9x] provider called twice: %u\n", provider_adds());
    ok(count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE) == 1 &&
       count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE) == 1, "[w9x] no second PRE\n");
    ok(count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 2,
       "[w9x] the notifier that asked for the retry gets a second POST: %u\n",
       count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST));
    if ((e = find(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST, 0)))
        ok(e->op_status == WN_BAD_NETNAME, "[doc] first POST status %u\n", e->op_status);
    if ((e = find(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST, 1)))
        ok(e->op_status == WN_SUCCESS && e->ctx_in == find(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE, 0)->ctx_out,
           "[design] second POST: status %u, the same context\n", e->op_status);
    ok(count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 1,
       "[design] a notifier that did not ask gets one POST: %u\n",
       count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST));
    ok(WNetCancelConnection2W(L"P:", 0, TRUE) == WN_SUCCESS, "the retry connected P:\n");

    /* One retry only. */
    tr_reset(tr);
    tr->provider.result_set = 1;
    tr->provider.result = WN_BAD_NETNAME;
    tr->probe[TR_SRC_PROBE1].post_ret = WN_RETRY;
    tr->probe[TR_SRC_PROBE1].post_count = -1;
    ret = add(L"P:", L"\\\\w9x\\retry-once");
    ok(ret == WN_BAD_NETNAME, "[w9x] failure returned after the retry: %lu\n", ret);
    ok(provider_adds() == 2, "[design] exactly one retry: %u provider calls\n", provider_adds());

    /* WN_RETRY after a success counts as success. */
    tr_reset(tr);
    tr->probe[TR_SRC_PROBE2].post_ret = WN_RETRY;
    tr->probe[TR_SRC_PROBE2].post_count = -1;
    ret = add(L"P:", L"\\\\w9x\\retry-success");
    ok(ret == WN_SUCCESS, "[w9x] WN_RETRY after a success ignored: %lu\n", ret);
    ok(provider_adds() == 1, "[w9x] no retry after a success: %u provider calls\n", provider_adds());

    /* Cancel: the same rule. */
    tr_reset(tr);
    provider_queue(WN_OPEN_FILES, WN_SUCCESS);
    tr->probe[TR_SRC_PROBE2].post_ret = WN_RETRY;
    tr->probe[TR_SRC_PROBE2].post_count = 1;
    ret = WNetCancelConnection2W(L"P:", 0, FALSE);
    ok(ret == WN_SUCCESS, "[w9x] cancel retried after WN_OPEN_FILES: %lu\n", ret);
    ok(count(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0) == 2, "[w9x] NPCancelConnection twice: %u\n",
       count(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0));
    if ((e = find(TR_SRC_PROBE2, TR_FN_CANCELCONNECTNOTIFY, NOTIFY_POST, 1)))
        ok(e->provider.state == TR_NAME_OK && !wcscmp(e->provider.s, TR_PROVIDER_NAME),
           "[doc] second POST names the provider that cancelled\n");
    else
        ok(0, "[w9x] no second cancel POST\n");
}

static void test_post_error_ignored(void)
{
    DWORD ret;

    tr_reset(tr);
    tr->provider.result_set = 1;
    tr->provider.result = WN_BAD_NETNAME;
    tr->probe[TR_SRC_PROBE1].post_ret = WN_ACCESS_DENIED;
    tr->probe[TR_SRC_PROBE1].post_count = -1;
    ret = add(L"P:", L"\\\\w9x\\post-error");
    ok(ret == WN_BAD_NETNAME, "[design] POST errors ignored, provider result returned: %lu\n", ret);
    ok(provider_adds() == 1, "[design] no retry for other POST errors: %u\n", provider_adds());
}

/* [doc] no POST when PRE leaves lpContext NULL; the others still get theirs. */
static void test_null_context(void)
{
    DWORD ret;

    tr_reset(tr);
    tr->probe[TR_SRC_PROBE1].ctx_mode = TR_CTX_NULL;
    ret = add(L"P:", L"\\\\w9x\\null-context");
    ok(ret == WN_SUCCESS, "add returned %lu\n", ret);
    ok(count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 0, "[doc] no POST without context\n");
    ok(count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) == 1, "[doc] probe2 still gets its POST\n");
    ok(WNetCancelConnection2W(L"P:", 0, TRUE) == WN_SUCCESS, "cancel P:\n");
}

int main(void)
{
    wtest_start("w9x_semantics");
    tr = tr_open();
    if (!ok(tr != NULL, "no shared record\n"))
        return wtest_end();
    test_pre_error();
    test_pre_cancel();
    test_post_retry();
    test_post_error_ignored();
    test_null_context();
    tr_reset(tr);
    return wtest_end();
}
