/* Property: for any sequence of PRE/POST calls with arbitrary dwNotifyStatus,
 * dwOperationStatus and lpContext values (forged, stale, duplicate, NULL, a
 * POST with no PRE), every PRE gets a context never issued before (the
 * next generation of a free slot), every POST gets exactly the verdict a
 * model of each slot's generations gives (forged, stale, duplicate, null,
 * or paired with the key of the one PRE that issued it), contexts are never
 * dereferenced, outstanding contexts never exceed the pool, and every valid
 * call, written or not, takes the next seq from 1. The pool may start at any
 * generation (near the 19-bit tag's and the 31-bit count's wrap-around), as
 * a pool that has served that many calls would be. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_data_producer.h"

typedef struct live_ctx {
    uintptr_t ctx;
    uint64_t key;
} live_ctx;

#define HISTORY 64u

/* Open-addressing index of live contexts: lookups stay O(1) with the
 * whole pool live. Entries are live[] index + 1. */
#define TABLE (2u * CN_POOL_SLOTS)
_Static_assert(TABLE <= 65535u, "uint16_t entries");

/* Burst sizes: 1..BURST_SMALL PREs, or PREs up to a full pool plus
 * 0..BURST_OVER more (dropped). The same input bytes mean the same burst
 * with any pool size (fuzz build: 16 slots, replays: 1024). */
#define BURST_SMALL 64u
#define BURST_OVER  15u

/* The context layout [design] (docs/reference-core.md): bit 31 set, bits
 * 30..12 the slot's generation (low 19 bits), bits 11..2 the slot, bits
 * 1..0 are 10. An input issues far fewer than 2^19 contexts per slot. */
#define CTX_MARKER UINT32_C(0x80000000)
#define CTX_GEN(c)  (((uint32_t)(c) >> 12) & GEN_TAG)
#define CTX_SLOT(c) (((uint32_t)(c) >> 2) & UINT32_C(0x3ff))
/* [design] A slot's generation counts to 2^31 - 1, then wraps to 1 (0 means
 * never issued); a context carries its low 19 bits as the tag. */
#define GEN_TAG   UINT32_C(0x7ffff)
#define GEN_COUNT UINT32_C(0x7fffffff)

/* What the pool has issued per slot: identity, not values. */
typedef struct slot_model {
    uint32_t gen;      /* last generation issued (31 bits), 0: never */
    int in_use;        /* that generation is not yet consumed */
} slot_model;

typedef struct model {
    slot_model slots[CN_POOL_SLOTS];
    live_ctx live[CN_POOL_SLOTS];  /* issued, not yet consumed */
    size_t nlive;
    uint16_t table[TABLE];
    uintptr_t consumed[HISTORY];   /* ring of consumed contexts */
    size_t nconsumed;
    uint64_t last_key, seq; /* seq: valid calls so far */
    uint64_t dropped, rejected, invalid, sink_failures;
} model;

static size_t home(uintptr_t ctx)
{
    uint64_t h = (uint64_t)ctx * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 48) & (TABLE - 1);
}

/* Table slot holding ctx, or the empty slot where it would go. */
static size_t probe(const model *m, uintptr_t ctx)
{
    size_t i = home(ctx);
    while (m->table[i] && m->live[m->table[i] - 1].ctx != ctx)
        i = (i + 1) & (TABLE - 1);
    return i;
}

static size_t find_live(const model *m, uintptr_t ctx)
{
    size_t i = probe(m, ctx);
    return m->table[i] ? m->table[i] - 1u : SIZE_MAX;
}

static void add_live(model *m, uintptr_t ctx, uint64_t key)
{
    m->live[m->nlive].ctx = ctx;
    m->live[m->nlive].key = key;
    m->table[probe(m, ctx)] = (uint16_t)(++m->nlive);
}

/* Removes live[idx] (backward-shift deletion), moves the last entry in. */
static void remove_live(model *m, size_t idx)
{
    size_t i = probe(m, m->live[idx].ctx), j = i;
    m->table[i] = 0;
    for (;;) {
        size_t h;
        j = (j + 1) & (TABLE - 1);
        if (!m->table[j])
            break;
        h = home(m->live[m->table[j] - 1].ctx);
        if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
            m->table[i] = m->table[j];
            m->table[j] = 0;
            i = j;
        }
    }
    if (idx != --m->nlive) {
        m->live[idx] = m->live[m->nlive];
        m->table[probe(m, m->live[idx].ctx)] = (uint16_t)(idx + 1);
    }
}

static const cn_wchar local_name[] = {'Z', ':', 0};
static const cn_wchar remote_name[] = {'\\', '\\', 's', 'r', 'v', '\\', 's', 'h', 'a', 'r', 'e', 0};
static const cn_wchar provider_name[] = {'F', 'u', 'z', 'z', 0};

static const uint32_t statuses[] = {
    CN_WN_SUCCESS, CN_WN_ACCESS_DENIED, CN_WN_BAD_VALUE, CN_WN_BAD_NETNAME,
    CN_WN_ALREADY_CONNECTED, CN_WN_NOT_CONNECTED, CN_WN_CANCEL, CN_WN_RETRY, 0xFFFFFFFFu,
};

/* Index of a live context (nlive > 0), two bytes whatever the pool size,
 * so an input means the same in the fuzz build and the replays. */
static size_t pick_live(fuzz_data_producer *p, const model *m)
{
    return fdp_u32_range(p, 0, 0xffff) % m->nlive;
}

static int was_consumed(const model *m, uintptr_t ctx)
{
    size_t n = m->nconsumed < HISTORY ? m->nconsumed : HISTORY;
    for (size_t i = 0; i < n; i++)
        if (m->consumed[i] == ctx)
            return 1;
    return 0;
}

static void consume(model *m, size_t idx)
{
    m->slots[CTX_SLOT(m->live[idx].ctx)].in_use = 0;
    m->consumed[m->nconsumed++ % HISTORY] = m->live[idx].ctx;
    remove_live(m, idx);
}

static int ctx_shaped(uintptr_t ctx)
{
    return ctx <= UINT32_MAX && (ctx & CTX_MARKER) && (ctx & 3u) == 2u;
}

/* [design] The verdict on a POST's context: a tag no generation the slot
 * issued (1 up to its current one) has is forged, another generation's tag
 * stale, the current one once consumed duplicate. Past 2^19 - 1 uses every
 * tag has been some generation's. */
static cn_ctx_result expect_release(const model *m, uintptr_t ctx)
{
    const slot_model *sl;
    uint32_t g;

    if (!ctx)
        return CN_CTX_NULL;
    if (!ctx_shaped(ctx) || CTX_SLOT(ctx) >= CN_POOL_SLOTS)
        return CN_CTX_FORGED;
    sl = &m->slots[CTX_SLOT(ctx)];
    g = CTX_GEN(ctx);
    if (sl->gen <= GEN_TAG && (g == 0 || g > sl->gen))
        return CN_CTX_FORGED;
    if (g != (sl->gen & GEN_TAG))
        return CN_CTX_STALE;
    return sl->in_use ? CN_CTX_OK : CN_CTX_DUPLICATE;
}

/* The generation after gen: 2^31 - 1 is followed by 1, never by 0. */
static uint32_t next_gen(uint32_t gen)
{
    return gen == GEN_COUNT ? 1u : gen + 1u;
}

/* [design] The words of rejection reasons (docs/reference-core.md), apart
 * from cn_ctx_result_name, which the records are compared with. */
static const char *reason_word(cn_ctx_result r)
{
    static const char *const words[] = {"ok", "forged", "stale", "duplicate", "null"};
    FUZZ_ASSERT((unsigned)r < 5u, "verdict %d", (int)r);
    return words[r];
}

/* A context a PRE got: the next generation of a slot the model has free,
 * so never a context issued before. */
static void check_issued(model *m, uintptr_t ctx)
{
    slot_model *sl;

    FUZZ_ASSERT(ctx_shaped(ctx) && CTX_SLOT(ctx) < CN_POOL_SLOTS,
                "PRE issued %#llx, not a context of a %u-slot pool", (unsigned long long)ctx,
                CN_POOL_SLOTS);
    sl = &m->slots[CTX_SLOT(ctx)];
    FUZZ_ASSERT(!sl->in_use, "PRE issued %#llx: slot %u is live", (unsigned long long)ctx,
                (unsigned)CTX_SLOT(ctx));
    FUZZ_ASSERT(CTX_GEN(ctx) == (next_gen(sl->gen) & GEN_TAG),
                "PRE issued %#llx: tag %u of "
                "slot %u, the slot issued generation %u before (a stale context reissued)",
                (unsigned long long)ctx, (unsigned)CTX_GEN(ctx), (unsigned)CTX_SLOT(ctx),
                (unsigned)sl->gen);
    sl->gen = next_gen(sl->gen);
    sl->in_use = 1;
}

/* One valid call: PRE (ctx is the incoming lpContext, overwritten) or POST
 * with ctx. A quiet call (bursts) writes no record: platform without sink. */
static void call(cn_notifier *n, fuzz_capture *cap, model *m, int cancel, cn_phase phase,
                 uint32_t status, uintptr_t ctx, int sink_fails, int quiet)
{
    static const cn_platform silent = {NULL, NULL, NULL, NULL, NULL};
    const cn_platform *loud = n->platform;
    cn_notifyinfo info;
    cn_notifyadd add;
    cn_notifycancel cn;
    cn_record rec;
    uint32_t ret;
    size_t idx = SIZE_MAX;
    uintptr_t issued = 0;
    uint64_t key = 0, rejected = atomic_load(&n->pool.rejected);
    cn_ctx_result want = CN_CTX_OK;

    memset(&add, 0, sizeof(add));
    add.NetResource.dwType = 1;
    add.NetResource.lpLocalName = local_name;
    add.NetResource.lpRemoteName = remote_name;
    add.NetResource.lpProvider = provider_name;
    add.dwAddFlags = CN_CONNECT_TEMPORARY;
    memset(&cn, 0, sizeof(cn));
    cn.lpName = local_name;
    /* [doc] undefined in PRE: the null page, any read faults. */
    cn.lpProvider = phase == CN_PHASE_PRE ? (const cn_wchar *)(uintptr_t)0x10 : provider_name;

    info.dwNotifyStatus = phase == CN_PHASE_PRE ? CN_NOTIFY_PRE : CN_NOTIFY_POST;
    info.dwOperationStatus = status;
    info.lpContext = (void *)ctx;
    cap->fail = sink_fails;
    if (quiet)
        n->platform = &silent;
    ret = cancel ? cn_on_cancel(n, &info, &cn, CN_NAME_MAX) : cn_on_add(n, &info, &add, CN_NAME_MAX);
    n->platform = loud;
    m->seq++;
    FUZZ_ASSERT(ret == CN_WN_SUCCESS, "valid %s call returned %u", phase == CN_PHASE_PRE ? "PRE" : "POST",
                (unsigned)ret);

    if (phase == CN_PHASE_PRE) {
        if (m->nlive < CN_POOL_SLOTS) {
            issued = (uintptr_t)info.lpContext;
            FUZZ_ASSERT(issued != 0, "PRE with %lu of %u slots live left lpContext NULL",
                        (unsigned long)m->nlive, CN_POOL_SLOTS);
            FUZZ_ASSERT(find_live(m, issued) == SIZE_MAX, "PRE issued live context %#llx twice",
                        (unsigned long long)issued);
            check_issued(m, issued);
        } else {
            /* [doc] lpContext left NULL: MPR sends no POST. */
            FUZZ_ASSERT(info.lpContext == NULL, "PRE on a full pool set lpContext %p", info.lpContext);
            m->dropped++;
        }
    } else {
        want = expect_release(m, ctx);
        idx = ctx ? find_live(m, ctx) : SIZE_MAX;
        FUZZ_ASSERT((want == CN_CTX_OK) == (idx != SIZE_MAX), "model: %#llx %s but %s",
                    (unsigned long long)ctx, reason_word(want),
                    idx != SIZE_MAX ? "live" : "not live");
        if (idx == SIZE_MAX)
            m->rejected++;
        /* Without a record the counter tells a pairing from a rejection. */
        FUZZ_ASSERT(atomic_load(&n->pool.rejected) - rejected == (want != CN_CTX_OK),
                    "POST of %#llx (%s by the model): rejected count +%llu",
                    (unsigned long long)ctx, reason_word(want),
                    (unsigned long long)(atomic_load(&n->pool.rejected) - rejected));
    }

    if (quiet || sink_fails) {
        FUZZ_ASSERT(cap->count == (unsigned)!quiet, "%u sink calls for one notification", cap->count);
        cap->count = 0;
        m->sink_failures += !quiet;
        /* Key unknown without the record: 0 skips the key check. */
        if (issued)
            add_live(m, issued, 0);
        else if (idx != SIZE_MAX)
            consume(m, idx);
        return;
    }

    fuzz_capture_parse(cap, &rec);
    FUZZ_ASSERT(rec.op == (cancel ? CN_OP_CANCEL : CN_OP_ADD) && rec.phase == phase,
                "op %d phase %d", rec.op, rec.phase);
    FUZZ_ASSERT(rec.status == status, "status %u, expected %u", (unsigned)rec.status, (unsigned)status);
    /* [design] seq: from 1, one per valid call, whether written or not. */
    FUZZ_ASSERT(rec.seq == m->seq, "seq %llu for valid call %llu", (unsigned long long)rec.seq,
                (unsigned long long)m->seq);
    key = rec.key;

    if (phase == CN_PHASE_PRE && issued) {
        /* Keys only grow (next_key counter): a POST's key names one PRE. */
        FUZZ_ASSERT(key > m->last_key && rec.ctx[0] == '\0', "PRE key %llu ctx \"%s\" after key %llu",
                    (unsigned long long)key, rec.ctx, (unsigned long long)m->last_key);
        m->last_key = key;
        add_live(m, issued, key);
    } else if (phase == CN_PHASE_PRE) {
        FUZZ_ASSERT(key == 0 && strcmp(rec.ctx, "dropped") == 0, "full-pool PRE: key %llu ctx \"%s\"",
                    (unsigned long long)key, rec.ctx);
    } else if (idx != SIZE_MAX) {
        /* Accepted: exactly the PRE that issued ctx; consumed now. */
        FUZZ_ASSERT(rec.ctx[0] == '\0', "live context %#llx rejected as \"%s\"", (unsigned long long)ctx, rec.ctx);
        FUZZ_ASSERT(key != 0 && (m->live[idx].key == 0 || key == m->live[idx].key),
                    "POST key %llu, its PRE had %llu", (unsigned long long)key,
                    (unsigned long long)m->live[idx].key);
        consume(m, idx);
    } else {
        FUZZ_ASSERT(key == 0, "rejected POST (ctx %#llx) carries key %llu", (unsigned long long)ctx,
                    (unsigned long long)key);
        FUZZ_ASSERT(strcmp(rec.ctx, reason_word(want)) == 0,
                    "context %#llx%s rejected as \"%s\", the model says \"%s\"",
                    (unsigned long long)ctx, was_consumed(m, ctx) ? " (consumed)" : "", rec.ctx,
                    reason_word(want));
    }
    cn_record_free(&rec);
}

/* The generation every slot has served when an input starts, as a pool
 * that old would have: fresh for half the inputs, else a few uses before
 * the tag's wrap-around (2^19), the count's (2^31), or anywhere. Picked by
 * a hash of the input, so the input layout (tools/make_seeds.py) stays. */
static void start_pool(cn_pool *pool, model *m, const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u, base;

    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    switch (h >> 29) {
    case 4:
        base = GEN_TAG;
        break;
    case 5:
        base = GEN_COUNT;
        break;
    case 6:
        base = GEN_TAG + 1u;
        break;
    case 7:
        base = h & GEN_COUNT;
        break;
    default:
        return;
    }
    /* Slot 0 is claimed first: it crosses the wrap-around on the first PRE. */
    for (uint32_t i = 0; i < CN_POOL_SLOTS; i++) {
        uint32_t gen = base >= 2u ? base - i % 3u : base;
        atomic_store(&pool->state[i], gen << 1);
        m->slots[i].gen = gen;
    }
}

/* A context the pool never issued, or no longer honours. */
static uintptr_t forged(fuzz_data_producer *p, const model *m, uintptr_t freed)
{
    switch (fdp_u32_range(p, 0, 5)) {
    case 0: return (uintptr_t)fdp_u64(p);
    case 1: return fdp_u32_range(p, 1, 16);                    /* small, odd */
    case 2: return freed;                                      /* ASan names a read */
    case 3: return (uintptr_t)&local_name;                     /* readable memory */
    case 4: return m->nlive ? m->live[pick_live(p, m)].ctx ^
                              ((uintptr_t)1 << fdp_u32_range(p, 0, sizeof(uintptr_t) * 8 - 1))
                            : (uintptr_t)0xdeadbeefu;          /* one bit off a live one */
    default: return (uintptr_t)0xffffffffu;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_data_producer p;
    fuzz_capture cap;
    /* Static: fresh heap blocks this size per input cost more than the
     * target (page faults, ASan's malloc fill). Re-initialised below. */
    static cn_notifier notifier;
    static model state;
    cn_notifier *n = &notifier;
    model *m = &state;
    void *block;
    uintptr_t freed;

    fdp_init(&p, data, size);
    memset(m, 0, sizeof(*m));
    cn_notifier_init(n, fuzz_platform(&cap, 1234, 5678, 1764142681123u));
    start_pool(&n->pool, m, data, size);
    for (int r = CN_CTX_OK; r <= CN_CTX_NULL; r++) {
        const char *name = cn_ctx_result_name((cn_ctx_result)r);
        FUZZ_ASSERT(strcmp(name, reason_word((cn_ctx_result)r)) == 0,
                    "cn_ctx_result_name(%d) is \"%s\"", r, name);
    }
    block = fuzz_malloc(16);
    freed = (uintptr_t)block;
    free(block);

    while (fdp_remaining(&p)) {
        uint32_t op = fdp_u32_range(&p, 0, 7);
        int cancel = fdp_bool(&p);
        int sink_fails = fdp_u32_range(&p, 0, 15) == 0;
        uint32_t si = fdp_u32_range(&p, 0, sizeof(statuses) / sizeof(statuses[0]));
        uint32_t status = si < sizeof(statuses) / sizeof(statuses[0]) ? statuses[si] : fdp_u32(&p);
        uintptr_t ctx;

        switch (op) {
        case 0: /* PRE; MPR passes NULL, whatever came in is overwritten */
            ctx = fdp_bool(&p) ? 0 : (uintptr_t)fdp_u64(&p);
            call(n, &cap, m, cancel, CN_PHASE_PRE, status, ctx, sink_fails, 0);
            break;
        case 1: { /* a burst of PREs, to fill the pool */
            uint32_t v = fdp_u32_range(&p, 0, BURST_SMALL + BURST_OVER);
            size_t count = v < BURST_SMALL ? v + 1u : CN_POOL_SLOTS - m->nlive + (v - BURST_SMALL);
            for (size_t i = 0; i < count; i++)
                call(n, &cap, m, cancel, CN_PHASE_PRE, status, 0, 0, 1);
            break;
        }
        case 2:
        case 3: /* POST of a live context */
            ctx = m->nlive ? m->live[pick_live(&p, m)].ctx : forged(&p, m, freed);
            call(n, &cap, m, cancel, CN_PHASE_POST, status, ctx, sink_fails, 0);
            break;
        case 4: /* POST of a consumed context: duplicate or stale */
            ctx = m->nconsumed ? m->consumed[fdp_u32_range(&p, 0, (uint32_t)(m->nconsumed < HISTORY ?
                                                                m->nconsumed : HISTORY) - 1)]
                               : forged(&p, m, freed);
            call(n, &cap, m, cancel, CN_PHASE_POST, status, ctx, sink_fails, 0);
            break;
        case 5: /* forged, or a POST with no PRE */
            call(n, &cap, m, cancel, CN_PHASE_POST, status, forged(&p, m, freed), sink_fails, 0);
            break;
        case 6: /* POST with lpContext NULL */
            call(n, &cap, m, cancel, CN_PHASE_POST, status, 0, sink_fails, 0);
            break;
        default: { /* [doc] invalid: NULL structure or status neither PRE nor POST */
            cn_notifyinfo info = {fdp_u32(&p), status, NULL};
            cn_notifyadd add;
            cn_notifycancel cn;
            uint32_t how = fdp_u32_range(&p, 0, 2), ret;
            memset(&add, 0, sizeof(add));
            memset(&cn, 0, sizeof(cn));
            if (info.dwNotifyStatus == CN_NOTIFY_PRE || info.dwNotifyStatus == CN_NOTIFY_POST)
                info.dwNotifyStatus += 2;
            if (how == 0)
                ret = cancel ? cn_on_cancel(n, &info, &cn, CN_NAME_MAX) : cn_on_add(n, &info, &add, CN_NAME_MAX);
            else if (how == 1)
                ret = cancel ? cn_on_cancel(n, NULL, &cn, CN_NAME_MAX) : cn_on_add(n, NULL, &add, CN_NAME_MAX);
            else {
                info.dwNotifyStatus = CN_NOTIFY_PRE;
                ret = cancel ? cn_on_cancel(n, &info, NULL, CN_NAME_MAX) : cn_on_add(n, &info, NULL, CN_NAME_MAX);
                FUZZ_ASSERT(info.lpContext == NULL, "refused PRE set lpContext %p", info.lpContext);
            }
            FUZZ_ASSERT(ret == CN_WN_BAD_VALUE, "invalid call (case %u) returned %u", (unsigned)how, (unsigned)ret);
            FUZZ_ASSERT(cap.count == 0, "invalid call wrote a record");
            m->invalid++;
            break;
        }
        }

        FUZZ_ASSERT(cn_pool_outstanding(&n->pool) == m->nlive && m->nlive <= CN_POOL_SLOTS,
                    "%u outstanding, model %lu, pool %u", (unsigned)cn_pool_outstanding(&n->pool),
                    (unsigned long)m->nlive, CN_POOL_SLOTS);
        FUZZ_ASSERT(atomic_load(&n->pool.dropped) == m->dropped, "dropped %llu, model %llu",
                    (unsigned long long)atomic_load(&n->pool.dropped), (unsigned long long)m->dropped);
        FUZZ_ASSERT(atomic_load(&n->pool.rejected) == m->rejected, "rejected %llu, model %llu",
                    (unsigned long long)atomic_load(&n->pool.rejected), (unsigned long long)m->rejected);
        FUZZ_ASSERT(atomic_load(&n->invalid) == m->invalid, "invalid %llu, model %llu",
                    (unsigned long long)atomic_load(&n->invalid), (unsigned long long)m->invalid);
        FUZZ_ASSERT(atomic_load(&n->sink_failures) == m->sink_failures, "sink failures %llu, model %llu",
                    (unsigned long long)atomic_load(&n->sink_failures), (unsigned long long)m->sink_failures);
    }

    fuzz_capture_free(&cap);
    return 0;
}
