/* End to end through the patched MPR: every WNet add and cancel entry point
 * yields, in the reference notifier's log, one PRE and one POST record with
 * the caller's fields, the provider's result and one pairing key. */
#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <string.h>

#include "test_record.h"
#include "wp_log.h"
#include "wtest.h"

enum call {
    ADD_A, ADD2_W, ADD2_A, ADD3_W, USE_W, CANCEL_A, CANCEL_W, CANCEL2_W, CANCEL2_A
};

/* One WNet call and what the reference notifier must log for it. Names are
 * the UTF-8 the log holds; post_provider: NOTIFYCANCEL.lpProvider in POST. */
typedef struct op {
    enum call call;
    DWORD type, flags;
    BOOL force;
    const WCHAR *local, *remote, *provider;
    const char *local8, *remote8, *provider8, *post_provider8;
    DWORD status;
} op;

#define PROV L"connotify test provider"
#define PROV8 "connotify test provider"

static const op ops[] = {
    { ADD2_W, RESOURCETYPE_DISK, CONNECT_TEMPORARY, 0, L"Q:", L"\\\\e2e\\one", NULL,
      "Q:", "\\\\e2e\\one", NULL, NULL, WN_SUCCESS },
    { ADD2_W, RESOURCETYPE_DISK, 0, 0, L"Q:", L"\\\\e2e\\one", NULL,
      "Q:", "\\\\e2e\\one", NULL, NULL, WN_ALREADY_CONNECTED },
    { CANCEL2_W, 0, CONNECT_UPDATE_PROFILE, TRUE, L"Q:", NULL, NULL,
      "Q:", NULL, NULL, PROV8, WN_SUCCESS },
    { CANCEL2_W, 0, 0, FALSE, L"Q:", NULL, NULL,
      "Q:", NULL, NULL, NULL, WN_NOT_CONNECTED },
    { ADD_A, 0, 0, 0, L"R:", L"\\\\e2e\\two", NULL,
      "R:", "\\\\e2e\\two", NULL, NULL, WN_SUCCESS },
    { CANCEL_A, 0, 0, FALSE, L"R:", NULL, NULL,
      "R:", NULL, NULL, PROV8, WN_SUCCESS },
    { ADD3_W, RESOURCETYPE_DISK, 0, 0, NULL, L"\\\\e2e\\caf\x00e9", PROV,
      NULL, "\\\\e2e\\caf\xc3\xa9", PROV8, NULL, WN_SUCCESS },
    { CANCEL2_W, 0, 0, TRUE, L"\\\\e2e\\caf\x00e9", NULL, NULL,
      "\\\\e2e\\caf\xc3\xa9", NULL, NULL, PROV8, WN_SUCCESS },
    { ADD2_A, RESOURCETYPE_DISK, CONNECT_UPDATE_PROFILE, 0, L"S:", L"\\\\e2e\\four", PROV,
      "S:", "\\\\e2e\\four", PROV8, NULL, WN_SUCCESS },
    { CANCEL2_A, 0, CONNECT_UPDATE_PROFILE, FALSE, L"S:", NULL, NULL,
      "S:", NULL, NULL, PROV8, WN_SUCCESS },
    /* [design] the patch notifies WNetUseConnection too (docs/wine-patch.md) */
    { USE_W, RESOURCETYPE_DISK, 0, 0, L"T:", L"\\\\e2e\\five", NULL,
      "T:", "\\\\e2e\\five", NULL, NULL, WN_SUCCESS },
    { CANCEL_W, 0, 0, TRUE, L"T:", NULL, NULL,
      "T:", NULL, NULL, PROV8, WN_SUCCESS },
};

static char *to_acp(const WCHAR *s, char *buf, int cap)
{
    if (!s)
        return NULL;
    WideCharToMultiByte(CP_ACP, 0, s, -1, buf, cap, NULL, NULL);
    return buf;
}

static DWORD run(const op *o)
{
    char local[64], remote[64], provider[64];
    NETRESOURCEW nr;
    NETRESOURCEA na;

    memset(&nr, 0, sizeof(nr));
    nr.dwType = o->type;
    nr.lpLocalName = (WCHAR *)o->local;
    nr.lpRemoteName = (WCHAR *)o->remote;
    nr.lpProvider = (WCHAR *)o->provider;
    memset(&na, 0, sizeof(na));
    na.dwType = o->type;
    na.lpLocalName = to_acp(o->local, local, sizeof(local));
    na.lpRemoteName = to_acp(o->remote, remote, sizeof(remote));
    na.lpProvider = to_acp(o->provider, provider, sizeof(provider));

    switch (o->call) {
    case ADD_A: return WNetAddConnectionA(na.lpRemoteName, NULL, na.lpLocalName);
    case ADD2_W: return WNetAddConnection2W(&nr, NULL, NULL, o->flags);
    case ADD2_A: return WNetAddConnection2A(&na, NULL, NULL, o->flags);
    case ADD3_W: return WNetAddConnection3W(NULL, &nr, NULL, NULL, o->flags);
    case USE_W: return WNetUseConnectionW(NULL, &nr, NULL, NULL, o->flags, NULL, NULL, NULL);
    case CANCEL_A: return WNetCancelConnectionA(na.lpLocalName, o->force);
    case CANCEL_W: return WNetCancelConnectionW(o->local, o->force);
    case CANCEL2_W: return WNetCancelConnection2W(o->local, o->flags, o->force);
    case CANCEL2_A: return WNetCancelConnection2A(na.lpLocalName, o->flags, o->force);
    }
    return ~0u;
}

static int is_cancel(const op *o)
{
    return o->call >= CANCEL_A;
}

static void check_record(const cn_record *r, const op *o, cn_phase phase, uint64_t pre_key)
{
    const char *provider = o->provider8;

    if (is_cancel(o))
        provider = phase == CN_PHASE_POST ? o->post_provider8 : NULL;
    ok(r->op == (is_cancel(o) ? CN_OP_CANCEL : CN_OP_ADD), "[doc] op %d\n", r->op);
    ok(r->phase == phase, "[doc] phase %d, want %d\n", r->phase, phase);
    ok(r->status == (phase == CN_PHASE_PRE ? WN_SUCCESS : o->status),
       "[doc] dwOperationStatus %u, want %lu\n", r->status,
       phase == CN_PHASE_PRE ? WN_SUCCESS : o->status);
    ok(r->type == o->type, "[doc] dwType %u, want %lu\n", r->type, o->type);
    ok(r->flags == o->flags, "[doc] flags %#x, want %#lx\n", r->flags, o->flags);
    ok(!r->force == !o->force, "[doc] fForce %d, want %d\n", r->force, o->force);
    ok(wp_name_eq(r->local, r->local_len, o->local8), "[doc] local name \"%s\", want \"%s\"\n",
       r->local ? r->local : "(null)", o->local8 ? o->local8 : "(null)");
    ok(wp_name_eq(r->remote, r->remote_len, o->remote8), "[doc] remote name \"%s\", want \"%s\"\n",
       r->remote ? r->remote : "(null)", o->remote8 ? o->remote8 : "(null)");
    ok(wp_name_eq(r->provider, r->provider_len, provider), "[doc] provider \"%s\", want \"%s\"\n",
       r->provider ? r->provider : "(null)", provider ? provider : "(null)");
    ok(!r->truncated, "[design] no name truncated\n");
    ok(r->pid == GetCurrentProcessId(), "[design] pid %u\n", r->pid);
    ok(r->tid == GetCurrentThreadId(), "[doc] notifier called on the caller's thread, tid %u\n", r->tid);
    ok(!r->ctx[0], "[design] context accepted, ctx \"%s\"\n", r->ctx);
    if (phase == CN_PHASE_PRE)
        ok(r->key != 0, "[design] PRE has a pairing key\n");
    else
        ok(r->key == pre_key, "[doc] POST got the PRE's context: key %llu, want %llu\n",
           (unsigned long long)r->key, (unsigned long long)pre_key);
}

/* [w9x] PRE in reverse registration order, POST in reverse PRE order, both
 * around the provider call; Wine enumerates connotify_probe1 before
 * connotify_probe2 [wine]. */
static void check_probe_order(tr_shared *tr)
{
    unsigned i, n = tr_count(tr);
    uint32_t pre1 = 0, pre2 = 0, prov = 0, post1 = 0, post2 = 0;

    for (i = 0; i < n; i++) {
        const tr_event *e = &tr->events[i];
        int pre = e->notify_status == NOTIFY_PRE;
        if (e->source == TR_SRC_PROVIDER && e->func == TR_FN_NPADDCONNECTION3)
            prov = e->order;
        else if (e->source == TR_SRC_PROBE1 && e->func == TR_FN_ADDCONNECTNOTIFY)
            *(pre ? &pre1 : &post1) = e->order;
        else if (e->source == TR_SRC_PROBE2 && e->func == TR_FN_ADDCONNECTNOTIFY)
            *(pre ? &pre2 : &post2) = e->order;
    }
    if (!ok(pre1 && pre2 && prov && post1 && post2,
            "probe/provider events missing: pre1 %u pre2 %u provider %u post1 %u post2 %u\n",
            pre1, pre2, prov, post1, post2))
        return;
    ok(pre2 < pre1 && pre1 < prov, "[w9x] PRE reverse registration order: probe2 %u, probe1 %u, provider %u\n",
       pre2, pre1, prov);
    ok(prov < post1 && post1 < post2, "[w9x] POST reverse PRE order: provider %u, probe1 %u, probe2 %u\n",
       prov, post1, post2);
}

static void test_log(void)
{
    const WCHAR *path = wp_log_path();
    tr_shared *tr = tr_open();
    wp_log log;
    size_t i, n = sizeof(ops) / sizeof(ops[0]);

    if (!ok(path != NULL, "CONNOTIFY_LOG is not set\n") ||
        !ok(tr != NULL, "no shared record\n"))
        return;
    ok(wp_log_clear(path), "cannot remove %ls: error %lu\n", path, GetLastError());
    tr_reset(tr);

    for (i = 0; i < n; i++) {
        DWORD ret;
        wtest_push_context("op %lu", (unsigned long)i);
        ret = run(&ops[i]);
        ok(ret == ops[i].status, "returned %lu, want %lu\n", ret, ops[i].status);
        if (i == 0)
            check_probe_order(tr);
        wtest_pop_context();
    }

    if (!wp_log_read(path, &log))
        return;
    ok(log.count == 2 * n, "[design] %lu records, want %lu (one PRE and one POST per call)\n",
       (unsigned long)log.count, (unsigned long)(2 * n));
    for (i = 0; i < n && 2 * i + 1 < log.count; i++) {
        wtest_push_context("op %lu", (unsigned long)i);
        check_record(&log.rec[2 * i], &ops[i], CN_PHASE_PRE, 0);
        check_record(&log.rec[2 * i + 1], &ops[i], CN_PHASE_POST, log.rec[2 * i].key);
        wtest_pop_context();
    }
    for (i = 1; i < log.count; i++)
        if (!ok(log.rec[i].seq == log.rec[0].seq + i, "[design] seq %llu after %llu\n",
                (unsigned long long)log.rec[i].seq, (unsigned long long)log.rec[i - 1].seq))
            break;
    wp_log_free(&log);
}

int main(void)
{
    wtest_start("e2e_reference");
    test_log();
    return wtest_end();
}
