/* Lock-free pool of PRE contexts.
 *
 * A context is a 32-bit value, never a pointer, so it is the same on i686
 * and x86_64 and is never dereferenced:
 *   bit 31      marker, always 1
 *   bits 30..12 generation of the slot (low 19 bits)
 *   bits 11..2  slot
 *   bits 1..0   0b10
 * Aligned pointers (low bits 00), odd values, small values and anything
 * above 32 bits are not contexts this pool issues [design].
 *
 * state[slot] = (generation << 1) | in_use, generation 31 bits, 0 = never
 * issued. key[slot] = (pairing key << 19) | generation tag, so a POST that
 * races the PRE publishing its key is seen as forged, not paired with the
 * previous key. */
#include "connotify/notify_core.h"

#define CTX_MARKER   UINT32_C(0x80000000)
#define CTX_LOW      UINT32_C(0x2)
#define CTX_LOW_MASK UINT32_C(0x3)
#define SLOT_SHIFT   2
#define GEN_SHIFT    12
#define GEN_BITS     19
#define GEN_MASK     ((UINT32_C(1) << GEN_BITS) - 1)
#define GEN_FULL     UINT32_C(0x7fffffff)

#define SLOT_MASK    UINT32_C(0x3ff)

/* 10 slot bits in a context; smaller pools (fuzz build) keep the layout. */
_Static_assert(CN_POOL_SLOTS >= 1u && CN_POOL_SLOTS <= 1024u &&
               (CN_POOL_SLOTS & (CN_POOL_SLOTS - 1u)) == 0, "1..1024 slots, a power of two");

void cn_pool_init(cn_pool *pool)
{
    for (uint32_t i = 0; i < CN_POOL_SLOTS; i++) {
        atomic_init(&pool->state[i], 0);
        atomic_init(&pool->key[i], 0);
    }
    atomic_init(&pool->hint, 0);
    atomic_init(&pool->next_key, 1);
    atomic_init(&pool->dropped, 0);
    atomic_init(&pool->rejected, 0);
    atomic_init(&pool->outstanding, 0);
}

uintptr_t cn_pool_acquire(cn_pool *pool, uint64_t *key)
{
    /* Reserve first, claim a slot next: outstanding never exceeds the pool
     * and a reservation always finds a free slot (in use <= reserved). */
    uint32_t o = atomic_load(&pool->outstanding);

    do {
        if (o >= CN_POOL_SLOTS) {
            atomic_fetch_add(&pool->dropped, 1);
            if (key)
                *key = 0;
            return 0;
        }
    } while (!atomic_compare_exchange_weak(&pool->outstanding, &o, o + 1));
    for (uint32_t slot = atomic_fetch_add(&pool->hint, 1);; slot++) {
        uint32_t s = atomic_load(&pool->state[slot % CN_POOL_SLOTS]);
        uint32_t gen;

        if (s & 1)
            continue;
        gen = ((s >> 1) + 1) & GEN_FULL;
        if (!gen)
            gen = 1;  /* after 2^31 uses: 0 stays "never issued" */
        slot %= CN_POOL_SLOTS;
        if (!atomic_compare_exchange_strong(&pool->state[slot], &s, (gen << 1) | 1))
            continue;
        uint64_t k = atomic_fetch_add(&pool->next_key, 1);
        atomic_store(&pool->key[slot], (k << GEN_BITS) | (gen & GEN_MASK));
        if (key)
            *key = k;
        return CTX_MARKER | ((gen & GEN_MASK) << GEN_SHIFT) | (slot << SLOT_SHIFT) | CTX_LOW;
    }
}

static cn_ctx_result release(cn_pool *pool, uintptr_t ctx, uint64_t *key)
{
    uint32_t slot, g, s, cur;
    uint64_t k;

    if (!ctx)
        return CN_CTX_NULL;
    if (ctx > UINT32_MAX || !(ctx & CTX_MARKER) || (ctx & CTX_LOW_MASK) != CTX_LOW)
        return CN_CTX_FORGED;
    slot = ((uint32_t)ctx >> SLOT_SHIFT) & SLOT_MASK;
    if (slot >= CN_POOL_SLOTS)
        return CN_CTX_FORGED;   /* only with a smaller pool: never issued */
    g = ((uint32_t)ctx >> GEN_SHIFT) & GEN_MASK;
    for (;;) {
        s = atomic_load(&pool->state[slot]);
        cur = s >> 1;
        /* Issued generations are 1..cur: a tag none of them has is forged. */
        if (cur <= GEN_MASK && (g == 0 || g > cur))
            return CN_CTX_FORGED;
        if ((cur & GEN_MASK) != g)
            return CN_CTX_STALE;
        if (!(s & 1))
            return CN_CTX_DUPLICATE;
        k = atomic_load(&pool->key[slot]);
        if ((k & GEN_MASK) != g)
            return CN_CTX_FORGED;   /* its PRE has not returned yet */
        if (atomic_compare_exchange_strong(&pool->state[slot], &s, s & ~UINT32_C(1)))
            break;
    }
    atomic_fetch_sub(&pool->outstanding, 1);   /* after the slot is free */
    *key = k >> GEN_BITS;
    return CN_CTX_OK;
}

cn_ctx_result cn_pool_release(cn_pool *pool, uintptr_t ctx, uint64_t *key)
{
    uint64_t k = 0;
    cn_ctx_result r = release(pool, ctx, &k);

    if (r != CN_CTX_OK)
        atomic_fetch_add(&pool->rejected, 1);
    if (key)
        *key = k;
    return r;
}

uint32_t cn_pool_outstanding(const cn_pool *pool)
{
    return atomic_load(&((cn_pool *)pool)->outstanding);
}

const char *cn_ctx_result_name(cn_ctx_result r)
{
    switch (r) {
    case CN_CTX_OK:        return "ok";
    case CN_CTX_FORGED:    return "forged";
    case CN_CTX_STALE:     return "stale";
    case CN_CTX_DUPLICATE: return "duplicate";
    case CN_CTX_NULL:      return "null";
    }
    return "unknown";
}
