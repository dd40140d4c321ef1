/* The lpContext rules [doc]: a PRE that leaves lpContext NULL gets no POST
 * for that notifier; a non-NULL value comes back exactly in POST; two
 * notifiers each get their own value, for add and for cancel, on success
 * and on failure. */
#include <stdio.h>
#include <stdint.h>

#include "mprtest.h"

struct ctx_case {
    const char *what;
    int set1, set2;             /* probe sets a context */
    uint64_t value1, value2;    /* fixed value; 0: the probe's default */
};

static const struct ctx_case cases[] = {
    {"probe1 sets, probe2 leaves NULL", 1, 0, 0, 0},
    {"probe1 leaves NULL, probe2 sets", 0, 1, 0, 0},
    {"both leave NULL", 0, 0, 0, 0},
    {"both set their default values", 1, 1, 0, 0},
    /* Extreme values: an odd small number and all bits set. MPR must not
     * treat either as special. */
    {"probe1 = 1, probe2 = all ones", 1, 1, 1, (uint64_t)UINTPTR_MAX},
    {"probe1 = all ones, probe2 = 1", 1, 1, (uint64_t)UINTPTR_MAX, 1},
};

static void script(const struct ctx_case *c)
{
    tr_probe_script *p1 = &mt_rec->probe[TR_SRC_PROBE1], *p2 = &mt_rec->probe[TR_SRC_PROBE2];
    p1->ctx_mode = c->set1 ? TR_CTX_SET : TR_CTX_NULL;
    p2->ctx_mode = c->set2 ? TR_CTX_SET : TR_CTX_NULL;
    if (c->value1) {
        p1->ctx_fixed = 1;
        p1->ctx_base = c->value1;
    }
    if (c->value2) {
        p2->ctx_fixed = 1;
        p2->ctx_base = c->value2;
    }
}

/* Each POST got its own notifier's value, never the other's [doc]. */
static void check_own(const struct ctx_case *c, enum tr_func func)
{
    const tr_event *post1 = mt_find(TR_SRC_PROBE1, func, NOTIFY_POST, 0);
    const tr_event *post2 = mt_find(TR_SRC_PROBE2, func, NOTIFY_POST, 0);
    const tr_event *pre1 = mt_find(TR_SRC_PROBE1, func, NOTIFY_PRE, 0);
    const tr_event *pre2 = mt_find(TR_SRC_PROBE2, func, NOTIFY_PRE, 0);

    if (!(c->set1 && c->set2))
        return;
    if (pre1 && pre2)
        ok(pre1->ctx_out != pre2->ctx_out || c->value1 == c->value2,
           "[design] the probes set distinct contexts %#llx and %#llx\n",
           (unsigned long long)pre1->ctx_out, (unsigned long long)pre2->ctx_out);
    if (!(pre1 && pre2 && post1 && post2)) {
        dispatch_ok(0, "[doc]", "each notifier gets its own lpContext in POST", "probe1 and probe2 values back",
                    "PRE %u/%u POST %u/%u calls", !!pre1, !!pre2, !!post1, !!post2);
        return;
    }
    dispatch_ok(post1->ctx_in == pre1->ctx_out && post2->ctx_in == pre2->ctx_out, "[doc]",
                "each notifier gets its own lpContext in POST", "probe1 and probe2 values back",
                "%#llx/%#llx for %#llx/%#llx", (unsigned long long)post1->ctx_in,
                (unsigned long long)post2->ctx_in, (unsigned long long)pre1->ctx_out,
                (unsigned long long)pre2->ctx_out);
}

static void run_add(const struct ctx_case *c, DWORD scripted)
{
    NETRESOURCEW nr = {0};
    mt_op op = {0};
    DWORD ret;

    mt_reset();
    script(c);
    if (scripted != WN_SUCCESS) {
        mt_rec->provider.result_set = 1;
        mt_rec->provider.result = scripted;
    }
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)L"X:";
    nr.lpRemoteName = (WCHAR *)L"\\\\connotify.invalid\\context";
    nr.lpProvider = (WCHAR *)TR_PROVIDER_NAME;
    op.local = nr.lpLocalName;
    op.remote = nr.lpRemoteName;
    op.provider = nr.lpProvider;
    op.check_provider = 1;
    op.type = RESOURCETYPE_DISK;
    op.check_type = 1;
    op.flags = CONNECT_TEMPORARY;
    op.status = scripted;
    ret = WNetAddConnection2W(&nr, NULL, NULL, CONNECT_TEMPORARY);
    ok(ret == scripted, "[doc] WNetAddConnection2W returned %s for the provider's %s\n", mt_status_name(ret),
       mt_status_name(scripted));
    mt_check_provider(&op);
    mt_check_notify(TR_SRC_PROBE1, &op, c->set1);
    mt_check_notify(TR_SRC_PROBE2, &op, c->set2);
    check_own(c, TR_FN_ADDCONNECTNOTIFY);
}

static void run_cancel(const struct ctx_case *c, DWORD scripted)
{
    mt_op op = {0};
    DWORD ret;

    mt_reset();
    mt_connect(L"X:", L"\\\\connotify.invalid\\context");
    script(c);
    if (scripted != WN_SUCCESS) {
        mt_rec->provider.result_set = 1;
        mt_rec->provider.result = scripted;
    }
    op.cancel = 1;
    op.local = L"X:";
    op.force = TRUE;
    op.status = scripted;
    ret = WNetCancelConnection2W(L"X:", 0, TRUE);
    ok(ret == scripted, "[doc] WNetCancelConnection2W returned %s for the provider's %s\n", mt_status_name(ret),
       mt_status_name(scripted));
    mt_check_provider(&op);
    mt_check_notify(TR_SRC_PROBE1, &op, c->set1);
    mt_check_notify(TR_SRC_PROBE2, &op, c->set2);
    check_own(c, TR_FN_CANCELCONNECTNOTIFY);
}

static void test_add_context(void)
{
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        wtest_push_context("add %s", cases[i].what);
        run_add(&cases[i], WN_SUCCESS);
        wtest_pop_context();
        wtest_push_context("add %s, provider fails", cases[i].what);
        run_add(&cases[i], WN_BAD_NETNAME);
        wtest_pop_context();
    }
}

static void test_cancel_context(void)
{
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        wtest_push_context("cancel %s", cases[i].what);
        run_cancel(&cases[i], WN_SUCCESS);
        wtest_pop_context();
        wtest_push_context("cancel %s, provider fails", cases[i].what);
        run_cancel(&cases[i], WN_NOT_CONNECTED);
        wtest_pop_context();
    }
}

int main(void)
{
    mt_init("mpr_context");
    test_add_context();
    test_cancel_context();
    return mt_finish();
}
