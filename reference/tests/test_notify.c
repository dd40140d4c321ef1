/* Unit tests of the core: cn_on_add / cn_on_cancel validation, PRE/POST
 * pairing through records, name bounds in records. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/notify_core.h"
#include "core_util.h"
#include "wtest.h"

static void test_validation(void)
{
    static cn_notifier n;
    cn_notifyinfo info = {CN_NOTIFY_PRE, 0, NULL};
    cn_notifyadd add = {0};
    cn_notifycancel cancel = {0};
    uint32_t r;

    cn_notifier_init(&n, &test_platform);
    sink_reset();
    r = cn_on_add(&n, NULL, &add, CN_NAME_MAX);
    ok(r == CN_WN_BAD_VALUE, "[doc] add NULL info: %" PRIu32 "\n", r);
    r = cn_on_add(&n, &info, NULL, CN_NAME_MAX);
    ok(r == CN_WN_BAD_VALUE, "[doc] add NULL NOTIFYADD: %" PRIu32 "\n", r);
    r = cn_on_cancel(&n, NULL, &cancel, CN_NAME_MAX);
    ok(r == CN_WN_BAD_VALUE, "[doc] cancel NULL info: %" PRIu32 "\n", r);
    r = cn_on_cancel(&n, &info, NULL, CN_NAME_MAX);
    ok(r == CN_WN_BAD_VALUE, "[doc] cancel NULL NOTIFYCANCEL: %" PRIu32 "\n", r);
    const uint32_t bad[] = {0, 3, 0x80000001u, UINT32_MAX};
    for (unsigned i = 0; i < 4; i++) {
        info.dwNotifyStatus = bad[i];
        r = cn_on_add(&n, &info, &add, CN_NAME_MAX);
        ok(r == CN_WN_BAD_VALUE, "[doc] add dwNotifyStatus %#" PRIx32 ": %" PRIu32 "\n", bad[i], r);
        r = cn_on_cancel(&n, &info, &cancel, CN_NAME_MAX);
        ok(r == CN_WN_BAD_VALUE, "[doc] cancel dwNotifyStatus %#" PRIx32 ": %" PRIu32 "\n", bad[i], r);
    }
    ok(info.lpContext == NULL, "[design] rejected call set lpContext %p\n", info.lpContext);
    uint64_t inv = atomic_load(&n.invalid);
    ok(inv == 12, "invalid counter %" PRIu64 "\n", inv);
    ok(sink_lines == 0, "[design] rejected calls wrote %u records\n", sink_lines);
    r = cn_on_add(NULL, &info, &add, CN_NAME_MAX);
    ok(r == CN_WN_BAD_VALUE, "NULL notifier: %" PRIu32 "\n", r);
}

/* [design] a full add PRE/POST and cancel PRE/POST pair by key. */
static void test_notify_pairs(void)
{
    static cn_notifier n;
    cn_notifyinfo info = {CN_NOTIFY_PRE, 0, NULL};
    cn_notifyadd add = {0};
    cn_notifycancel cancel = {0};
    cn_record rec;
    cn_parse_result pr;
    uint64_t key;

    cn_notifier_init(&n, &test_platform);
    sink_reset();
    add.NetResource.dwType = 1;
    add.NetResource.lpLocalName = w16("Z:");
    add.NetResource.lpRemoteName = w16("\\\\srv\\share");
    add.dwAddFlags = CN_CONNECT_TEMPORARY;
    ok(cn_on_add(&n, &info, &add, CN_NAME_MAX) == CN_WN_SUCCESS, "add PRE failed\n");
    ok(info.lpContext != NULL, "[doc] PRE left lpContext NULL\n");
    ok(cn_pool_outstanding(&n.pool) == 1, "outstanding %" PRIu32 "\n", cn_pool_outstanding(&n.pool));
    static const char want[] =
        "{\"v\":1,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1234,\"tid\":5678,"
        "\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":4,\"force\":false,"
        "\"local\":\"Z:\",\"remote\":\"\\\\\\\\srv\\\\share\",\"provider\":null,"
        "\"truncated\":false,\"key\":1}\n";
    ok(sink_len == strlen(want) && !memcmp(sink_buf, want, sink_len),
       "[design] record:\n%.*s", (int)sink_len, sink_buf);
    pr = last_record(&rec);
    ok(pr == CN_PARSE_OK, "parse PRE: %s\n", cn_parse_result_name(pr));
    key = rec.key;
    ok(rec.remote && !strcmp(rec.remote, "\\\\srv\\share"), "remote %s\n", rec.remote);
    cn_record_free(&rec);

    info.dwNotifyStatus = CN_NOTIFY_POST;
    info.dwOperationStatus = CN_WN_BAD_NETNAME;
    add.NetResource.lpProvider = w16("Test Provider");
    ok(cn_on_add(&n, &info, &add, CN_NAME_MAX) == CN_WN_SUCCESS, "add POST failed\n");
    pr = last_record(&rec);
    ok(pr == CN_PARSE_OK && rec.key == key && rec.phase == CN_PHASE_POST &&
       rec.status == CN_WN_BAD_NETNAME && rec.seq == 2,
       "[doc] add POST: %s key %" PRIu64 " status %" PRIu32 " seq %" PRIu64 "\n",
       cn_parse_result_name(pr), rec.key, rec.status, rec.seq);
    ok(rec.provider && !strcmp(rec.provider, "Test Provider"), "provider %s\n", rec.provider);
    cn_record_free(&rec);
    ok(cn_pool_outstanding(&n.pool) == 0, "outstanding %" PRIu32 "\n", cn_pool_outstanding(&n.pool));

    /* [doc] lpProvider is undefined in a cancel PRE: a pointer that faults
     * when read must not be read. */
    info.dwNotifyStatus = CN_NOTIFY_PRE;
    info.dwOperationStatus = 0;
    info.lpContext = NULL;
    cancel.lpName = w16("Z:");
    cancel.lpProvider = (const cn_wchar *)(uintptr_t)0x10;
    cancel.dwFlags = CN_CONNECT_UPDATE_PROFILE;
    cancel.fForce = 7;
    ok(cn_on_cancel(&n, &info, &cancel, CN_NAME_MAX) == CN_WN_SUCCESS, "cancel PRE failed\n");
    pr = last_record(&rec);
    ok(pr == CN_PARSE_OK && rec.op == CN_OP_CANCEL && !rec.provider && rec.force == 1 &&
       rec.type == 0 && !rec.remote && rec.flags == 1,
       "[doc] cancel PRE: %s provider %s force %" PRId32 "\n", cn_parse_result_name(pr),
       rec.provider, rec.force);
    key = rec.key;
    cn_record_free(&rec);
    info.dwNotifyStatus = CN_NOTIFY_POST;
    cancel.lpProvider = w16("Test Provider");
    ok(cn_on_cancel(&n, &info, &cancel, CN_NAME_MAX) == CN_WN_SUCCESS, "cancel POST failed\n");
    pr = last_record(&rec);
    ok(pr == CN_PARSE_OK && rec.key == key && rec.provider &&
       !strcmp(rec.provider, "Test Provider"),
       "[doc] cancel POST: %s key %" PRIu64 "\n", cn_parse_result_name(pr), rec.key);
    cn_record_free(&rec);

    /* [doc] lpProvider names the provider only after a successful cancel:
     * in the POST of a failed one it is not read (a faulting pointer). */
    info.dwNotifyStatus = CN_NOTIFY_PRE;
    info.dwOperationStatus = 0;
    info.lpContext = NULL;
    cancel.lpProvider = (const cn_wchar *)(uintptr_t)0x10;
    cn_on_cancel(&n, &info, &cancel, CN_NAME_MAX);
    last_record(&rec);
    cn_record_free(&rec);
    info.dwNotifyStatus = CN_NOTIFY_POST;
    info.dwOperationStatus = CN_WN_NOT_CONNECTED;
    ok(cn_on_cancel(&n, &info, &cancel, CN_NAME_MAX) == CN_WN_SUCCESS,
       "failed cancel POST failed\n");
    pr = last_record(&rec);
    ok(pr == CN_PARSE_OK && rec.status == CN_WN_NOT_CONNECTED && !rec.provider,
       "[doc] failed cancel POST: %s status %" PRIu32 " provider %s\n", cn_parse_result_name(pr),
       rec.status, rec.provider);
    cn_record_free(&rec);
    info.dwOperationStatus = 0;
    cancel.lpProvider = w16("Test Provider");

    /* [design] a POST with a context never issued: key null, ctx reason. */
    info.lpContext = NULL;
    cn_on_cancel(&n, &info, &cancel, CN_NAME_MAX);
    pr = last_record(&rec);
    ok(pr == CN_PARSE_OK && rec.key == 0 && !strcmp(rec.ctx, "null"),
       "NULL POST: %s ctx %s\n", cn_parse_result_name(pr), rec.ctx);
    cn_record_free(&rec);
    info.lpContext = &info;
    cn_on_cancel(&n, &info, &cancel, CN_NAME_MAX);
    pr = last_record(&rec);
    ok(pr == CN_PARSE_OK && rec.key == 0 && !strcmp(rec.ctx, "forged"),
       "pointer POST: %s ctx %s\n", cn_parse_result_name(pr), rec.ctx);
    cn_record_free(&rec);
    uint64_t rej = atomic_load(&n.pool.rejected);
    ok(rej == 2, "rejected %" PRIu64 "\n", rej);

    /* No platform: calls still pair, nothing is written. */
    static cn_notifier quiet;
    cn_notifier_init(&quiet, NULL);
    info.dwNotifyStatus = CN_NOTIFY_PRE;
    info.lpContext = NULL;
    ok(cn_on_add(&quiet, &info, &add, CN_NAME_MAX) == CN_WN_SUCCESS && info.lpContext,
       "PRE without platform\n");
    info.dwNotifyStatus = CN_NOTIFY_POST;
    ok(cn_on_add(&quiet, &info, &add, CN_NAME_MAX) == CN_WN_SUCCESS &&
       cn_pool_outstanding(&quiet.pool) == 0, "POST without platform\n");

    /* [design] a failing sink is counted, never reported to MPR. */
    sink_fail = 1;
    info.dwNotifyStatus = CN_NOTIFY_PRE;
    ok(cn_on_add(&n, &info, &add, CN_NAME_MAX) == CN_WN_SUCCESS, "PRE with failing sink\n");
    uint64_t sf = atomic_load(&n.sink_failures);
    ok(sf == 1, "sink failures %" PRIu64 "\n", sf);
    sink_fail = 0;
}

/* [design] names are read up to name_bound only; truncated is reported. */
static void test_bounds(void)
{
    static cn_notifier n;
    cn_notifyinfo info = {CN_NOTIFY_PRE, 0, NULL};
    cn_notifyadd add = {0};
    cn_record rec;
    const size_t sizes[] = {1, 7, 300, 5000};

    cn_notifier_init(&n, &test_platform);
    for (unsigned i = 0; i < 4; i++) {
        size_t size = sizes[i];
        cn_wchar *b = malloc(size * sizeof(*b));   /* exact size, no NUL */
        for (size_t j = 0; j < size; j++)
            b[j] = (cn_wchar)('A' + j % 26);
        wtest_push_context("bound %u", (unsigned)size);
        sink_reset();
        add.NetResource.lpRemoteName = b;
        add.NetResource.lpLocalName = NULL;
        info.lpContext = NULL;
        cn_on_add(&n, &info, &add, size);
        cn_parse_result pr = last_record(&rec);
        ok(pr == CN_PARSE_OK && rec.truncated == 1 && rec.remote_len == size && !rec.local,
           "%s truncated %d len %lu\n", cn_parse_result_name(pr), rec.truncated,
           (unsigned long)rec.remote_len);
        cn_record_free(&rec);
        b[size - 1] = 0;
        cn_on_add(&n, &info, &add, size);
        pr = last_record(&rec);
        ok(pr == CN_PARSE_OK && rec.truncated == 0 && rec.remote_len == size - 1,
           "terminated: %s truncated %d len %lu\n", cn_parse_result_name(pr), rec.truncated,
           (unsigned long)rec.remote_len);
        cn_record_free(&rec);
        free(b);
        wtest_pop_context();
    }
}

int main(void)
{
    wtest_start("core.notify");
    test_validation();
    test_notify_pairs();
    test_bounds();
    return wtest_end();
}
