/* Unit tests of the portable notifier core: validation, name bounds, the
 * context pool, record formatting and the strict reader. Exit status is the
 * number of failures (capped at 255). Portable: native (ASan+UBSan) and
 * MinGW under Wine. */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/notify_core.h"
#include "connotify/record_schema.h"

static unsigned tests, failures;
static const char *context = "";

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int check_(int ok, const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    tests++;
    if (ok)
        return 1;
    failures++;
    printf("%s:%d: %sTest failed: ", file, line, context);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    return 0;
}
#define ok(cond, ...) check_(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static char ctxbuf[64];
static void push_context(const char *what, unsigned i)
{
    snprintf(ctxbuf, sizeof(ctxbuf), "%s %u: ", what, i);
    context = ctxbuf;
}
static void pop_context(void) { context = ""; }

/* ---- a platform with a memory sink ---- */

static char sink_buf[1 << 20];
static size_t sink_len;
static unsigned sink_lines;
static int sink_fail;

static uint32_t fixed_pid(void) { return 1234; }
static uint32_t fixed_tid(void) { return 5678; }
static uint64_t fixed_now(void) { return UINT64_C(1795678681123); }
static int mem_sink(void *arg, const char *line, size_t len)
{
    (void)arg;
    if (sink_fail || len > sizeof(sink_buf) - sink_len)
        return -1;
    memcpy(sink_buf + sink_len, line, len);
    sink_len += len;
    sink_lines++;
    return 0;
}
static const cn_platform test_platform = {fixed_pid, fixed_tid, fixed_now, mem_sink, NULL};

static void sink_reset(void)
{
    sink_len = 0;
    sink_lines = 0;
    sink_fail = 0;
}

/* Last line in the sink, parsed. */
static cn_parse_result last_record(cn_record *rec)
{
    size_t start = sink_len ? sink_len - 1 : 0;

    while (start > 0 && sink_buf[start - 1] != '\n')
        start--;
    return cn_record_parse(sink_buf + start, sink_len - start, rec, NULL);
}

static cn_wchar *w16(const char *ascii)
{
    static cn_wchar buf[8][64];
    static unsigned n;
    cn_wchar *w = buf[n++ % 8];
    size_t i = 0;

    for (; ascii[i] && i < 63; i++)
        w[i] = (unsigned char)ascii[i];
    w[i] = 0;
    return w;
}

/* ---- names ---- */

static void test_wcsnlen(void)
{
    const cn_wchar name[] = {'Z', ':', 0, 'x'};
    int trunc = -1;
    size_t n;

    n = cn_wcsnlen(NULL, 10, &trunc);
    ok(n == 0 && trunc == 0, "NULL: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 4, &trunc);
    ok(n == 2 && trunc == 0, "Z:: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 2, &trunc);
    ok(n == 2 && trunc == 1, "bound 2: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 0, &trunc);
    ok(n == 0 && trunc == 1, "bound 0: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 4, NULL);
    ok(n == 2, "no trunc out: len %lu\n", (unsigned long)n);

    /* Exact-size heap buffer without NUL: ASan reports any read past it. */
    for (size_t size = 1; size <= 300; size += 37) {
        cn_wchar *b = malloc(size * sizeof(*b));
        for (size_t i = 0; i < size; i++)
            b[i] = 'a';
        n = cn_wcsnlen(b, size, &trunc);
        ok(n == size && trunc == 1, "unterminated %lu: len %lu trunc %d\n",
           (unsigned long)size, (unsigned long)n, trunc);
        free(b);
    }
}

static void test_utf16_to_utf8(void)
{
    static const struct {
        cn_wchar in[4];
        size_t len;
        const char *out;
    } cases[] = {
        {{'a', 'b'}, 2, "ab"},
        {{0xe9}, 1, "\xc3\xa9"},
        {{0x20ac}, 1, "\xe2\x82\xac"},
        {{0xd83d, 0xde00}, 2, "\xf0\x9f\x98\x80"},
        {{0xd83d}, 1, "\xef\xbf\xbd"},                 /* high at end */
        {{0xd83d, 'x'}, 2, "\xef\xbf\xbdx"},           /* high, no low */
        {{0xde00, 'x'}, 2, "\xef\xbf\xbdx"},           /* lone low */
        {{0xd83d, 0xd83d, 0xde00}, 3, "\xef\xbf\xbd\xf0\x9f\x98\x80"},
        {{0}, 1, ""},                                   /* embedded NUL: 1 byte */
        {{0xffff}, 1, "\xef\xbf\xbf"},
    };
    char out[16];

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t want = cases[i].len == 1 && !cases[i].in[0] ? 1 : strlen(cases[i].out);
        size_t n = cn_utf16_to_utf8(cases[i].in, cases[i].len, out, sizeof(out));
        push_context("utf16 case", i);
        ok(n == want && !memcmp(out, cases[i].out, want), "got %lu bytes\n", (unsigned long)n);
    }
    pop_context();

    /* Only whole characters fit: "a" + 3-byte euro in cap 3 gives "a". */
    const cn_wchar ae[] = {'a', 0x20ac};
    memset(out, 'x', sizeof(out));
    size_t n = cn_utf16_to_utf8(ae, 2, out, 3);
    ok(n == 4 && !strcmp(out, "a"), "cap 3: n %lu out \"%s\"\n", (unsigned long)n, out);
    n = cn_utf16_to_utf8(ae, 2, NULL, 0);
    ok(n == 4, "cap 0: n %lu\n", (unsigned long)n);
    n = cn_utf16_to_utf8(NULL, 5, out, sizeof(out));
    ok(n == 0 && !out[0], "NULL: n %lu\n", (unsigned long)n);
}

/* ---- validation ---- */

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
        push_context("bound", (unsigned)size);
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
    }
    pop_context();
}

/* ---- pool ---- */

static void test_pool_forged(void)
{
    static cn_pool p;
    uint64_t key = 99;
    int local;
    void *heap = malloc(16);
    uintptr_t good, values[12];
    unsigned nv = 0;
    cn_ctx_result r;

    cn_pool_init(&p);
    r = cn_pool_release(&p, 0, &key);
    ok(r == CN_CTX_NULL && key == 0, "[design] NULL: %s key %" PRIu64 "\n", cn_ctx_result_name(r), key);
    good = cn_pool_acquire(&p, &key);
    ok(good != 0 && key == 1, "acquire: %#lx key %" PRIu64 "\n", (unsigned long)good, key);
    ok(good <= UINT32_MAX, "[design] context above 32 bits: %#lx\n", (unsigned long)good);
    values[nv++] = 1;
    values[nv++] = 0xdeadbeef;
    values[nv++] = (uintptr_t)&local;
    values[nv++] = (uintptr_t)heap;
    values[nv++] = (uintptr_t)&p;
    values[nv++] = good & ~(uintptr_t)0x80000000u;     /* wrong marker */
    values[nv++] = good | 1;                            /* odd */
    values[nv++] = good & ~(uintptr_t)3;                /* aligned like a pointer */
    values[nv++] = good + (1u << 12);                   /* generation never issued */
    values[nv++] = good - (1u << 12);                   /* generation 0 */
    values[nv++] = good + 4;                            /* slot never used */
#if UINTPTR_MAX > 0xffffffffu
    values[nv++] = good | ((uintptr_t)1 << 32);          /* above 32 bits */
#else
    values[nv++] = 2;
#endif
    for (unsigned i = 0; i < nv; i++) {
        push_context("forged value", i);
        key = 99;
        r = cn_pool_release(&p, values[i], &key);
        ok(r == CN_CTX_FORGED && key == 0, "[design] %#lx: %s key %" PRIu64 "\n",
           (unsigned long)values[i], cn_ctx_result_name(r), key);
    }
    pop_context();
    uint64_t rej = atomic_load(&p.rejected);
    ok(rej == nv + 1, "rejected %" PRIu64 ", want %u\n", rej, nv + 1);
    ok(cn_pool_outstanding(&p) == 1, "outstanding %" PRIu32 "\n", cn_pool_outstanding(&p));
    r = cn_pool_release(&p, good, &key);
    ok(r == CN_CTX_OK && key == 1, "real context after forgeries: %s key %" PRIu64 "\n",
       cn_ctx_result_name(r), key);
    r = cn_pool_release(&p, good, &key);
    ok(r == CN_CTX_DUPLICATE && key == 0, "[design] second POST: %s\n", cn_ctx_result_name(r));
    ok(cn_pool_outstanding(&p) == 0, "outstanding %" PRIu32 "\n", cn_pool_outstanding(&p));
    ok(!strcmp(cn_ctx_result_name(CN_CTX_OK), "ok") &&
       !strcmp(cn_ctx_result_name((cn_ctx_result)42), "unknown"), "ctx names\n");
    free(heap);
}

static void test_pool_full_and_stale(void)
{
    static cn_pool p;
    static uintptr_t ctx[CN_POOL_SLOTS];
    static uint64_t keys[CN_POOL_SLOTS];
    uint64_t key;
    cn_ctx_result r;

    cn_pool_init(&p);
    for (unsigned i = 0; i < CN_POOL_SLOTS; i++) {
        ctx[i] = cn_pool_acquire(&p, &keys[i]);
        if (!ok(ctx[i] != 0 && keys[i] == i + 1, "acquire %u: %#lx key %" PRIu64 "\n", i,
                (unsigned long)ctx[i], keys[i]))
            break;
    }
    ok(cn_pool_outstanding(&p) == CN_POOL_SLOTS, "outstanding %" PRIu32 "\n", cn_pool_outstanding(&p));
    uintptr_t c = cn_pool_acquire(&p, &key);
    uint64_t dropped = atomic_load(&p.dropped);
    ok(c == 0 && key == 0 && dropped == 1, "[design] full pool: %#lx key %" PRIu64 " dropped %" PRIu64 "\n",
       (unsigned long)c, key, dropped);
    ok(cn_pool_outstanding(&p) == CN_POOL_SLOTS, "outstanding after drop %" PRIu32 "\n",
       cn_pool_outstanding(&p));

    /* The one free slot is reused with a new generation: the old context
     * is stale, the new one pairs. */
    r = cn_pool_release(&p, ctx[100], &key);
    ok(r == CN_CTX_OK && key == keys[100], "release 100: %s\n", cn_ctx_result_name(r));
    c = cn_pool_acquire(&p, &key);
    ok(c != 0 && c != ctx[100] && key == CN_POOL_SLOTS + 1, "reuse: %#lx key %" PRIu64 "\n",
       (unsigned long)c, key);
    r = cn_pool_release(&p, ctx[100], &key);
    ok(r == CN_CTX_STALE && key == 0, "[design] old generation: %s\n", cn_ctx_result_name(r));
    r = cn_pool_release(&p, c, &key);
    ok(r == CN_CTX_OK && key == CN_POOL_SLOTS + 1, "new generation: %s key %" PRIu64 "\n",
       cn_ctx_result_name(r), key);
    r = cn_pool_release(&p, ctx[100], &key);
    ok(r == CN_CTX_STALE, "old generation, slot free: %s\n", cn_ctx_result_name(r));
    for (unsigned i = 0; i < CN_POOL_SLOTS; i++)
        if (i != 100)
            cn_pool_release(&p, ctx[i], &key);
    ok(cn_pool_outstanding(&p) == 0, "outstanding %" PRIu32 "\n", cn_pool_outstanding(&p));
    uint64_t rej = atomic_load(&p.rejected);
    ok(rej == 2, "rejected %" PRIu64 "\n", rej);

    /* [doc] PRE with a full pool leaves lpContext NULL: record ctx "dropped". */
    static cn_notifier n;
    cn_notifyinfo info = {CN_NOTIFY_PRE, 0, NULL};
    cn_notifyadd add = {0};
    cn_record rec;
    cn_notifier_init(&n, &test_platform);
    for (unsigned i = 0; i < CN_POOL_SLOTS; i++)
        cn_pool_acquire(&n.pool, &key);
    sink_reset();
    info.lpContext = (void *)(uintptr_t)0x1234;
    cn_on_add(&n, &info, &add, CN_NAME_MAX);
    cn_parse_result pr = last_record(&rec);
    ok(info.lpContext == NULL, "[doc] full pool lpContext %p\n", info.lpContext);
    ok(pr == CN_PARSE_OK && rec.key == 0 && !strcmp(rec.ctx, "dropped"),
       "dropped record: %s key %" PRIu64 " ctx %s\n", cn_parse_result_name(pr), rec.key, rec.ctx);
    cn_record_free(&rec);
}

#define THREADS 8
#define OPS 100000
#define HOLD 160   /* 8 x 160 > 1024: threads also see a full pool */

typedef struct worker {
    cn_pool *pool;
    uint64_t keys[OPS];
    unsigned nkeys, drops, bad, over;
} worker;

/* All workers start together, so they overlap even where thread start-up
 * is slow (Wine). */
static atomic_uint ready;

static void *pool_worker(void *arg)
{
    worker *w = arg;
    uintptr_t live[HOLD];
    uint64_t live_key[HOLD];
    unsigned head = 0, count = 0;

    atomic_fetch_add(&ready, 1);
    while (atomic_load(&ready) < THREADS)
        ;

    for (unsigned op = 0; op < OPS; op++) {
        uint64_t key;
        if (count < HOLD && (op % 3 != 2 || !count)) {
            uintptr_t c = cn_pool_acquire(w->pool, &key);
            if (cn_pool_outstanding(w->pool) > CN_POOL_SLOTS)
                w->over++;
            if (!c) {
                w->drops++;
                continue;
            }
            live[(head + count) % HOLD] = c;
            live_key[(head + count) % HOLD] = key;
            count++;
            w->keys[w->nkeys++] = key;
        } else {
            if (cn_pool_release(w->pool, live[head], &key) != CN_CTX_OK || key != live_key[head])
                w->bad++;
            head = (head + 1) % HOLD;
            count--;
        }
    }
    for (; count; count--, head = (head + 1) % HOLD) {
        uint64_t key;
        if (cn_pool_release(w->pool, live[head], &key) != CN_CTX_OK || key != live_key[head])
            w->bad++;
    }
    return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void test_pool_threads(void)
{
    static cn_pool p;
    worker *w = calloc(THREADS, sizeof(*w));
    pthread_t t[THREADS];
    uint64_t *all = malloc(sizeof(uint64_t) * THREADS * OPS);
    size_t n = 0;
    unsigned drops = 0, bad = 0, over = 0, dup = 0;

    cn_pool_init(&p);
    for (unsigned i = 0; i < THREADS; i++) {
        w[i].pool = &p;
        ok(!pthread_create(&t[i], NULL, pool_worker, &w[i]), "pthread_create %u\n", i);
    }
    for (unsigned i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        memcpy(all + n, w[i].keys, w[i].nkeys * sizeof(uint64_t));
        n += w[i].nkeys;
        drops += w[i].drops;
        bad += w[i].bad;
        over += w[i].over;
    }
    qsort(all, n, sizeof(*all), cmp_u64);
    for (size_t i = 1; i < n; i++)
        dup += all[i] == all[i - 1];
    uint64_t dropped = atomic_load(&p.dropped), rej = atomic_load(&p.rejected);
    ok(dup == 0, "[design] %u duplicate keys among %lu\n", dup, (unsigned long)n);
    ok(bad == 0, "[design] %u releases failed or mispaired\n", bad);
    ok(over == 0, "[design] outstanding above the pool %u times\n", over);
    ok(dropped == drops, "dropped %" PRIu64 ", threads saw %u\n", dropped, drops);
    ok(rej == 0, "rejected %" PRIu64 "\n", rej);
    ok(cn_pool_outstanding(&p) == 0, "outstanding at end %" PRIu32 "\n", cn_pool_outstanding(&p));
    printf("test_core: pool threads: %d x %d ops, %lu contexts, %u dropped\n", THREADS, OPS,
           (unsigned long)n, drops);
    free(all);
    free(w);
}

/* ---- records ---- */

static cn_event base_event(void)
{
    cn_event ev = {0};
    ev.op = CN_OP_ADD;
    ev.phase = CN_PHASE_PRE;
    ev.seq = 12;
    ev.pid = 1234;
    ev.tid = 5678;
    ev.time_ms = UINT64_C(1795678681123);
    ev.key = 17;
    return ev;
}

static size_t format(const cn_event *ev, char *buf, size_t cap)
{
    size_t n = cn_record_format(ev, buf, cap);
    ok(n < cap, "record of %lu bytes does not fit %lu\n", (unsigned long)n, (unsigned long)cap);
    ok(n <= cn_record_max(ev->local.len, ev->remote.len, ev->provider.len),
       "record of %lu bytes above cn_record_max\n", (unsigned long)n);
    return n;
}

static void test_escaping(void)
{
    static char buf[4096];
    cn_wchar name[40];
    cn_event ev = base_event();
    cn_record rec;
    size_t n, len = 0;

    /* Every control char, DEL, quote and backslash. */
    for (cn_wchar c = 0; c < 0x20; c++)
        name[len++] = c;
    name[len++] = 0x7f;
    name[len++] = '"';
    name[len++] = '\\';
    name[len++] = '/';
    ev.remote.p = name;
    ev.remote.len = len;
    n = format(&ev, buf, sizeof(buf));
    static const char want[] =
        "\"remote\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
        "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015"
        "\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
        "\\u007f\\\"\\\\/\"";
    ok(strstr(buf, want) != NULL, "[design] escaped controls:\n%s", buf);
    for (size_t i = 0; i < n - 1; i++)
        if (!ok((unsigned char)buf[i] >= 0x20 && buf[i] != 0x7f, "raw byte %#x at %lu\n",
                (unsigned char)buf[i], (unsigned long)i))
            break;
    cn_parse_result pr = cn_record_parse(buf, n, &rec, NULL);
    ok(pr == CN_PARSE_OK && rec.remote_len == len, "round trip: %s len %lu\n",
       cn_parse_result_name(pr), (unsigned long)rec.remote_len);
    for (size_t i = 0; pr == CN_PARSE_OK && i < len; i++)
        if (!ok((unsigned char)rec.remote[i] == name[i], "byte %lu: %#x\n", (unsigned long)i,
                (unsigned char)rec.remote[i]))
            break;
    cn_record_free(&rec);

    /* Surrogates: a pair stays a pair, unpaired ones become U+FFFD. */
    static const struct {
        cn_wchar in[4];
        size_t len;
        const char *json, *utf8;
    } sur[] = {
        {{0xd83d, 0xde00}, 2, "\"\xf0\x9f\x98\x80\"", "\xf0\x9f\x98\x80"},
        {{0xd83d}, 1, "\"\xef\xbf\xbd\"", "\xef\xbf\xbd"},
        {{0xde00}, 1, "\"\xef\xbf\xbd\"", "\xef\xbf\xbd"},
        {{0xde00, 0xd83d}, 2, "\"\xef\xbf\xbd\xef\xbf\xbd\"", "\xef\xbf\xbd\xef\xbf\xbd"},
        {{'a', 0xd800, 'b'}, 3, "\"a\xef\xbf\xbd" "b\"", "a\xef\xbf\xbd" "b"},
    };
    for (unsigned i = 0; i < sizeof(sur) / sizeof(sur[0]); i++) {
        push_context("surrogate case", i);
        ev.remote.p = sur[i].in;
        ev.remote.len = sur[i].len;
        n = format(&ev, buf, sizeof(buf));
        ok(strstr(buf, sur[i].json) != NULL, "json %s", buf);
        pr = cn_record_parse(buf, n, &rec, NULL);
        ok(pr == CN_PARSE_OK && rec.remote && !strcmp(rec.remote, sur[i].utf8),
           "read back %s\n", cn_parse_result_name(pr));
        cn_record_free(&rec);
    }
    pop_context();

    /* [design] a remote name with a newline, a quote and an unpaired
     * surrogate round-trips. */
    const cn_wchar tricky[] = {'\\', '\\', 's', '\n', '"', 0xdc01, 'x'};
    ev.remote.p = tricky;
    ev.remote.len = 7;
    ev.local.p = w16("Z:");
    ev.local.len = 2;
    ev.provider.p = w16("Prov\"ider");
    ev.provider.len = 9;
    n = format(&ev, buf, sizeof(buf));
    ok(!memchr(buf, '\n', n - 1), "newline inside the record\n");
    pr = cn_record_parse(buf, n, &rec, NULL);
    ok(pr == CN_PARSE_OK && rec.remote && rec.remote_len == 9 &&
       !memcmp(rec.remote, "\\\\s\n\"\xef\xbf\xbdx", 9),
       "[design] tricky remote: %s\n", cn_parse_result_name(pr));
    ok(rec.local && !strcmp(rec.local, "Z:") && rec.provider &&
       !strcmp(rec.provider, "Prov\"ider") && rec.seq == 12 && rec.key == 17 &&
       rec.pid == 1234 && rec.tid == 5678 && rec.time_ms == UINT64_C(1795678681123) &&
       !strcmp(rec.time, "2026-11-26T07:38:01.123Z"),
       "fields: local %s provider %s time %s\n", rec.local, rec.provider, rec.time);
    cn_record_free(&rec);

    /* A buffer too small: the length needed is returned. */
    size_t need = cn_record_format(&ev, buf, 10);
    ok(need == n, "small buffer: need %lu, want %lu\n", (unsigned long)need, (unsigned long)n);
}

/* Every field at its widest stays under cn_record_max, and reads back. */
static void test_record_extremes(void)
{
    static char buf[1 << 16];
    static cn_wchar names[3][64];
    cn_event ev = base_event();
    cn_record rec;
    size_t n;

    for (unsigned i = 0; i < 3; i++)
        for (unsigned j = 0; j < 64; j++)
            names[i][j] = (cn_wchar)(j % 2 ? 0x01 : 0xd800);
    ev.op = CN_OP_CANCEL;
    ev.phase = CN_PHASE_POST;
    ev.seq = UINT64_MAX;
    ev.pid = ev.tid = ev.status = ev.flags = UINT32_MAX;
    ev.force = 1;
    ev.time_ms = UINT64_C(253402300799999);
    ev.key = 0;
    ev.ctx = "duplicate";
    ev.local.p = names[0];
    ev.local.len = 64;
    ev.provider.p = names[2];
    ev.provider.len = 64;
    ev.local.truncated = 1;
    n = format(&ev, buf, sizeof(buf));
    cn_parse_result pr = cn_record_parse(buf, n, &rec, NULL);
    ok(pr == CN_PARSE_OK && rec.seq == UINT64_MAX && rec.pid == UINT32_MAX &&
       rec.truncated == 1 && rec.force == 1 && !strcmp(rec.ctx, "duplicate") &&
       !strcmp(rec.time, "9999-12-31T23:59:59.999Z"),
       "extremes: %s time %s\n%s", cn_parse_result_name(pr), rec.time, buf);
    cn_record_free(&rec);
    size_t fixed = cn_record_max(0, 0, 0);
    ev.local.len = ev.provider.len = 0;
    n = cn_record_format(&ev, buf, sizeof(buf));
    ok(n <= fixed, "empty names: %lu > %lu\n", (unsigned long)n, (unsigned long)fixed);
    ok(cn_record_max(SIZE_MAX, 1, 1) == SIZE_MAX && cn_record_max(1, SIZE_MAX / 2, 1) == SIZE_MAX &&
       cn_record_max(1, 1, SIZE_MAX - 1) == SIZE_MAX, "cn_record_max saturates\n");

    /* Time beyond year 9999 is clamped. */
    ev.time_ms = UINT64_MAX;
    n = cn_record_format(&ev, buf, sizeof(buf));
    ok(strstr(buf, "\"9999-12-31T23:59:59.999Z\"") != NULL, "clamped time: %s", buf);
}

static void test_time(void)
{
    static const struct {
        uint64_t ms;
        const char *s;
    } t[] = {
        {0, "1970-01-01T00:00:00.000Z"},
        {UINT64_C(951782400000), "2000-02-29T00:00:00.000Z"},
        {UINT64_C(951782399999), "2000-02-28T23:59:59.999Z"},
        {UINT64_C(1735603200000), "2024-12-31T00:00:00.000Z"},
        {UINT64_C(4107542400000), "2100-03-01T00:00:00.000Z"},
        {UINT64_C(1795678681123), "2026-11-26T07:38:01.123Z"},
    };
    static char buf[512];
    cn_event ev = base_event();
    cn_record rec;

    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        push_context("time case", i);
        ev.time_ms = t[i].ms;
        size_t n = format(&ev, buf, sizeof(buf));
        ok(strstr(buf, t[i].s) != NULL, "want %s in %s", t[i].s, buf);
        cn_parse_result pr = cn_record_parse(buf, n, &rec, NULL);
        ok(pr == CN_PARSE_OK && rec.time_ms == t[i].ms, "read back %s %" PRIu64 "\n",
           cn_parse_result_name(pr), rec.time_ms);
        cn_record_free(&rec);
    }
    pop_context();
    /* Every day from 1970 to 2500 round-trips. */
    unsigned bad = 0;
    for (uint64_t day = 0; day < 194000; day += 1) {
        ev.time_ms = day * 86400000 + 45296789;   /* 12:34:56.789 */
        size_t n = cn_record_format(&ev, buf, sizeof(buf));
        if (cn_record_parse(buf, n, &rec, NULL) != CN_PARSE_OK || rec.time_ms != ev.time_ms)
            bad++;
        cn_record_free(&rec);
    }
    ok(bad == 0, "%u days did not round-trip\n", bad);
}

/* ---- the reader ---- */

#define GOOD "{\"v\":1,\"seq\":12,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1234," \
    "\"tid\":5678,\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":4," \
    "\"force\":false,\"local\":\"Z:\",\"remote\":\"\\\\\\\\srv\\\\share\",\"provider\":null," \
    "\"truncated\":false,\"key\":17}"
#define HEAD "{\"v\":1,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2,"
#define ADDPRE "\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false,"
#define NAMES "\"local\":null,\"remote\":\"r\",\"provider\":null,\"truncated\":false,"

static void test_reader_accepts(void)
{
    static const struct {
        const char *line;
        const char *remote;   /* expected remote, or NULL */
        size_t remote_len;
    } good[] = {
        {GOOD, "\\\\srv\\share", 11},
        {GOOD "\n", "\\\\srv\\share", 11},
        {" { \"v\" : 1 ,\t\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2,"
         ADDPRE NAMES "\"key\":3\r}", "r", 1},
        /* any order, escapes in every string */
        {"{\"key\":3,\"truncated\":true,\"provider\":\"p\",\"remote\":\"\\u0000\\/\\uD83D\\uDE00\","
         "\"local\":\"\",\"force\":false,\"flags\":0,\"type\":0,\"status\":2250,"
         "\"phase\":\"p\\u006fst\",\"op\":\"\\u0061dd\",\"tid\":0,\"pid\":0,"
         "\"time\":\"1970-01-01T00:00:00.000Z\",\"seq\":0,\"\\u0076\":1}",
         "\0/\xf0\x9f\x98\x80", 6},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\\ud800\\ud800\\udc00\\udc00\",\"provider\":null,"
         "\"truncated\":false,\"key\":3}", "\xef\xbf\xbd\xf0\x90\x80\x80\xef\xbf\xbd", 10},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\\ud800\\n\\ud800\",\"provider\":null,"
         "\"truncated\":false,\"key\":3}", "\xef\xbf\xbd\n\xef\xbf\xbd", 7},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\\ud800\\u0041\",\"provider\":null,"
         "\"truncated\":false,\"key\":3}", "\xef\xbf\xbd" "A", 4},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\xc3\xa9\xe2\x82\xac\xf4\x8f\xbf\xbf\","
         "\"provider\":null,\"truncated\":false,\"key\":3}", "\xc3\xa9\xe2\x82\xac\xf4\x8f\xbf\xbf", 9},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"dropped\"}", "r", 1},
        {HEAD "\"op\":\"cancel\",\"phase\":\"post\",\"status\":0,\"type\":0,\"flags\":1,"
         "\"force\":true,\"local\":\"Z:\",\"remote\":null,\"provider\":\"P\",\"truncated\":false,"
         "\"key\":18446744073709551615}", NULL, 0},
    };
    cn_record rec;

    for (unsigned i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        size_t off = 99;
        push_context("good line", i);
        cn_parse_result r = cn_record_parse(good[i].line, strlen(good[i].line), &rec, &off);
        ok(r == CN_PARSE_OK, "%s at %lu\n", cn_parse_result_name(r), (unsigned long)off);
        if (good[i].remote)
            ok(rec.remote && rec.remote_len == good[i].remote_len &&
               !memcmp(rec.remote, good[i].remote, good[i].remote_len),
               "remote len %lu\n", (unsigned long)rec.remote_len);
        else
            ok(!rec.remote, "remote %s\n", rec.remote);
        cn_record_free(&rec);
    }
    pop_context();
}

static void test_reader_rejects(void)
{
    static const struct {
        const char *line;
        cn_parse_result want;
    } bad[] = {
        {"", CN_PARSE_SYNTAX},
        {"\n", CN_PARSE_SYNTAX},
        {"[]", CN_PARSE_SYNTAX},
        {"{}", CN_PARSE_FIELD},
        {"{", CN_PARSE_SYNTAX},
        {GOOD "x", CN_PARSE_SYNTAX},
        {GOOD " ", CN_PARSE_SYNTAX},
        {GOOD "\n\n", CN_PARSE_SYNTAX},
        {GOOD "{}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":3", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":3,}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":3;}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\" 3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "key:3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":03}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":-3}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":3.0}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":3e2}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":18446744073709551616}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":0}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":nul}", CN_PARSE_SYNTAX},
        {HEAD "\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"force\":tru}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":true}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":\"3\"}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"key\":3}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"extra\":1}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"averyveryverylongfieldname\":1}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"ctx\":\"stale\"}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":null}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"stale\"}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"other\"}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":null}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", CN_PARSE_VALUE},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"r\",\"provider\":null,\"key\":3}", CN_PARSE_FIELD},
        {HEAD ADDPRE "\"local\":1,\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_FIELD},
        {HEAD ADDPRE "\"local\":x,\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        /* strings */
        {HEAD ADDPRE "\"local\":\"a\nb\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\tb\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\x7f\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\x\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\u12g4\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\u12\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"abc", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xc3\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xc3", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\x80\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xff\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xc0\xaf\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xe0\x80\xaf\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xed\xa0\x80\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xf4\x90\x80\x80\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\\ud800\\u12", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"loc\\u0000l\":null", CN_PARSE_FIELD},
        {"{\"v\":1\x01}", CN_PARSE_SYNTAX},
        {"{\"\xc3\":1}", CN_PARSE_SYNTAX},
        /* values */
        {"{\"v\":2,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2," ADDPRE NAMES "\"key\":3}", CN_PARSE_VALUE},
        {"{\"v\":0,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2," ADDPRE NAMES "\"key\":3}", CN_PARSE_VALUE},
        {"{\"v\":1,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":4294967296,\"tid\":2," ADDPRE NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"ADD\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false," NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"add\",\"phase\":\"mid\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false," NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":true," NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false,\"local\":null,\"remote\":null,\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"pre\",\"status\":0,\"type\":0,\"flags\":0,\"force\":false,\"local\":null,\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"pre\",\"status\":0,\"type\":0,\"flags\":0,\"force\":false,\"local\":null,\"remote\":null,\"provider\":\"p\",\"truncated\":false,\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"post\",\"status\":0,\"type\":0,\"flags\":0,\"force\":false,\"local\":null,\"remote\":null,\"provider\":\"p\",\"truncated\":false,\"key\":null,\"ctx\":\"dropped\"}", CN_PARSE_VALUE},
        {HEAD "\"op\":1,\"phase\":\"pre\"", CN_PARSE_FIELD},
        /* time */
        {"{\"time\":\"2026-11-26T07:38:01.123\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26 07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-2a207:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"1969-12-31T23:59:59.999Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-13-26T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-00-26T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-00T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-31T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2025-02-29T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"1900-02-29T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T24:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T07:60:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T07:38:60.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T07:38:01.123Z\\u0000\"}", CN_PARSE_VALUE},
    };
    cn_record rec;

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        size_t len = strlen(bad[i].line), off = 0;
        /* exact-size copy: ASan catches a read past len */
        char *copy = malloc(len ? len : 1);
        memcpy(copy, bad[i].line, len);
        push_context("bad line", i);
        cn_parse_result r = cn_record_parse(copy, len, &rec, &off);
        ok(r == bad[i].want, "got %s at %lu, want %s\n", cn_parse_result_name(r),
           (unsigned long)off, cn_parse_result_name(bad[i].want));
        ok(off <= len, "offset %lu past %lu\n", (unsigned long)off, (unsigned long)len);
        ok(!rec.local && !rec.remote && !rec.provider, "names left allocated\n");
        free(copy);
    }
    pop_context();

    /* A remembered offset: the duplicate field's name. */
    const char dup[] = "{\"v\":1,\"v\":1}";
    size_t off = 0;
    cn_record_parse(dup, strlen(dup), &rec, &off);
    ok(off == 7, "duplicate at %lu, want 7\n", (unsigned long)off);
    ok(!strcmp(cn_parse_result_name(CN_PARSE_NOMEM), "nomem") &&
       !strcmp(cn_parse_result_name((cn_parse_result)42), "unknown"), "parse result names\n");
    /* Prefixes of a good line never parse and never read past their end. */
    const char good[] = GOOD;
    unsigned prefix_ok = 0;
    for (size_t len = 0; len < sizeof(good) - 1; len++) {
        char *copy = malloc(len ? len : 1);
        memcpy(copy, good, len);
        prefix_ok += cn_record_parse(copy, len, &rec, NULL) == CN_PARSE_OK;
        cn_record_free(&rec);
        free(copy);
    }
    ok(prefix_ok == 0, "%u prefixes parsed\n", prefix_ok);
}

/* ---- the schema list (connotify/record_schema.h) ---- */

#define SCHEMA_ROW(name, kind) {#name, CN_RECORD_KEY(name), #kind},
static const struct {
    const char *name, *key, *kind;
} schema[] = {CN_RECORD_FIELDS(SCHEMA_ROW)};
#define SCHEMA_COUNT (sizeof(schema) / sizeof(schema[0]))

/* A record with every field, ctx included: an add POST whose context was
 * stale. */
static size_t schema_line(char *buf, size_t cap)
{
    cn_event ev = base_event();

    ev.phase = CN_PHASE_POST;
    ev.key = 0;
    ev.ctx = "stale";
    ev.local.p = w16("Z:");
    ev.local.len = 2;
    ev.remote.p = w16("r");
    ev.remote.len = 1;
    ev.provider.p = w16("p");
    ev.provider.len = 1;
    return cn_record_format(&ev, buf, cap);
}

/* The "key":value member of field i in line: *start and *end (past the
 * value, before ',' or '}'). The line's values hold no ',' or '}'. */
static int member(const char *line, unsigned i, size_t *start, size_t *end)
{
    const char *p = strstr(line, schema[i].key);

    if (!p)
        return 0;
    *start = (size_t)(p - line);
    *end = *start + strcspn(p, ",}");
    return 1;
}

/* The formatter writes every field once, in the list's order. */
static void test_schema_order(void)
{
    char line[1024];
    size_t n = schema_line(line, sizeof(line)), prev = 0, start, end;

    ok(n < sizeof(line), "line of %lu bytes\n", (unsigned long)n);
    for (unsigned i = 0; i < SCHEMA_COUNT; i++) {
        push_context(schema[i].name, i);
        ok(member(line, i, &start, &end) && start > prev && line[start - 1] == (i ? ',' : '{') &&
           !strstr(line + end, schema[i].key),
           "%s once, after the one before it, in %s", schema[i].key, line);
        prev = start;
    }
    pop_context();
}

/* A JSON value of a type the kind never takes. */
static const char *wrong_value(const char *kind)
{
    if (!strcmp(kind, "BOOL") || !strcmp(kind, "TRUNCATED"))
        return "0";
    if (!strcmp(kind, "NAME") || !strcmp(kind, "KEY"))
        return "false";
    if (!strcmp(kind, "VERSION") || !strcmp(kind, "U64") || !strcmp(kind, "U32"))
        return "\"1\"";
    return "1";   /* TIME, OP, PHASE, CTX: strings only */
}

/* Without a field, with it twice, or with a value of a type its kind does
 * not take, the reader answers "field". */
static void test_schema_fields(void)
{
    char line[1024], edit[2048];
    size_t n = schema_line(line, sizeof(line)), start, end;
    cn_parse_result r;
    cn_record rec;

    r = cn_record_parse(line, n, &rec, NULL);
    ok(r == CN_PARSE_OK, "every field: %s\n", cn_parse_result_name(r));
    cn_record_free(&rec);
    for (unsigned i = 0; i < SCHEMA_COUNT; i++) {
        const char *kind = schema[i].kind, *wrong = wrong_value(kind);

        push_context(schema[i].name, i);
        if (!ok(member(line, i, &start, &end), "%s not in %s", schema[i].key, line))
            continue;
        /* Missing: the member and the ',' on one side of it. */
        size_t cut_from = line[start - 1] == ',' ? start - 1 : start;
        size_t cut_to = line[start - 1] == ',' ? end : end + 1;
        snprintf(edit, sizeof(edit), "%.*s%s", (int)cut_from, line, line + cut_to);
        r = cn_record_parse(edit, strlen(edit), &rec, NULL);
        ok(r == CN_PARSE_FIELD, "missing: %s in %s", cn_parse_result_name(r), edit);
        cn_record_free(&rec);
        /* Twice: the member again right after itself. */
        snprintf(edit, sizeof(edit), "%.*s,%.*s%s", (int)end, line, (int)(end - start),
                 line + start, line + end);
        r = cn_record_parse(edit, strlen(edit), &rec, NULL);
        ok(r == CN_PARSE_FIELD, "twice: %s in %s", cn_parse_result_name(r), edit);
        cn_record_free(&rec);
        /* Mistyped. */
        snprintf(edit, sizeof(edit), "%.*s%s%s%s", (int)start, line, schema[i].key, wrong,
                 line + end);
        r = cn_record_parse(edit, strlen(edit), &rec, NULL);
        ok(r == CN_PARSE_FIELD, "%s value %s: %s in %s", kind, wrong, cn_parse_result_name(r),
           edit);
        cn_record_free(&rec);
    }
    pop_context();
}

int main(void)
{
    test_wcsnlen();
    test_utf16_to_utf8();
    test_validation();
    test_notify_pairs();
    test_bounds();
    test_pool_forged();
    test_pool_full_and_stale();
    test_pool_threads();
    test_escaping();
    test_record_extremes();
    test_time();
    test_reader_accepts();
    test_reader_rejects();
    test_schema_order();
    test_schema_fields();
    printf("test_core: %u tests executed (0 marked as todo, 0 as flaky, %u failures), 0 skipped.\n",
           tests, failures);
    return failures > 255 ? 255 : (int)failures;
}
