/* Unit tests of the core: the context pool (forged, stale, duplicate and
 * dropped contexts; 8 threads at once). */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/notify_core.h"
#include "core_util.h"
#include "wtest.h"

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
        wtest_push_context("forged value %u", i);
        key = 99;
        r = cn_pool_release(&p, values[i], &key);
        ok(r == CN_CTX_FORGED && key == 0, "[design] %#lx: %s key %" PRIu64 "\n",
           (unsigned long)values[i], cn_ctx_result_name(r), key);
        wtest_pop_context();
    }
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
    trace("pool threads: %d x %d ops, %lu contexts, %u dropped\n", THREADS, OPS,
          (unsigned long)n, drops);
    free(all);
    free(w);
}

int main(void)
{
    wtest_start("core.pool");
    test_pool_forged();
    test_pool_full_and_stale();
    test_pool_threads();
    return wtest_end();
}
