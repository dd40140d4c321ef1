/* Growing spelled names by the units compared with their NUL (vf_extend.h).
 * An input that ran leaves two lists in the shared file: where its spelled
 * names end (the host, vf_shm.h struct vf_name_end) and which units the
 * notifier compared with a 0 unit (the coverage library, VF_CMP_END).
 * Which 0 unit was which name's end is not known, so every pair of the
 * two is a candidate; the chain that follows keeps only the site that
 * compares the grown name's new end again [design]. */
#include "vf_extend.h"

#include <string.h>

#define EXT_CANDIDATES 16u
#define EXT_CACHE      1024u
#define EXT_STEPS      16u /* units appended in one mutation at most */

struct candidate {
    uint32_t off;  /* the name's end in the input */
    uint32_t site; /* the comparison that read the 0 unit */
    uint16_t unit;
    uint8_t enc;
};

struct noted {
    uint64_t key; /* of the input's bytes; 0: empty */
    uint32_t count;
    struct candidate cand[EXT_CANDIDATES];
};

static struct noted cache[EXT_CACHE];

static uint64_t key_of(const uint8_t *data, size_t size)
{
    uint64_t h = 14695981039346656037ull ^ size;
    for (size_t i = 0; i < size; i++) {
        h ^= data[i];
        h *= 1099511628211ull;
    }
    return h | 1u;
}

static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state ? *state : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* The pairs of name end and compared unit the run `gen` left, sampled
 * into `out` when there are more than `cap`. `only_off` and `only_site`
 * narrow them (UINT32_MAX: any). */
static uint32_t collect(const struct vf_shm *shm, uint32_t gen, size_t size, uint32_t only_off,
                        uint32_t only_site, struct candidate *out, uint32_t cap, uint32_t *rng)
{
    uint32_t kept = 0;
    uint32_t seen = 0;
    uint32_t nends = shm->nends < VF_NAME_ENDS ? shm->nends : VF_NAME_ENDS;
    for (uint32_t i = 0; i < nends; i++) {
        const struct vf_name_end *end = &shm->ends[i];
        if (end->off > size || (end->enc != 1 && end->enc != 2))
            continue;
        if (only_off != UINT32_MAX && end->off != only_off)
            continue;
        for (uint32_t s = 0; s < VF_CMP_SLOTS; s++) {
            const struct vf_cmp *e = &shm->cmp[s];
            if (e->gen != gen || e->kind != VF_CMP_END)
                continue;
            if (only_site != UINT32_MAX && e->site != only_site)
                continue;
            uint16_t unit = (uint16_t)(e->b[0] | (e->b[1] << 8));
            if (!unit || (end->enc == 1 && unit > 0xffu))
                continue;
            struct candidate c = {end->off, e->site, unit, (uint8_t)end->enc};
            seen++;
            if (kept < cap) {
                out[kept++] = c;
                continue;
            }
            uint32_t j = next_random(rng) % seen;
            if (j < cap)
                out[j] = c;
        }
    }
    return kept;
}

void vf_extend_note(const struct vf_shm *shm, uint32_t gen, const uint8_t *data, size_t size)
{
    struct candidate found[EXT_CANDIDATES];
    uint32_t rng = gen;
    uint32_t n = collect(shm, gen, size, UINT32_MAX, UINT32_MAX, found, EXT_CANDIDATES, &rng);
    if (!n)
        return;
    uint64_t key = key_of(data, size);
    struct noted *slot = &cache[key % EXT_CACHE];
    slot->key = key;
    slot->count = n;
    memcpy(slot->cand, found, n * sizeof found[0]);
}

static size_t append_unit(uint8_t *data, size_t size, const struct candidate *c)
{
    memmove(data + c->off + c->enc, data + c->off, size - c->off);
    data[c->off] = (uint8_t)(c->unit & 0xffu);
    if (c->enc == 2)
        data[c->off + 1] = (uint8_t)(c->unit >> 8);
    return size + c->enc;
}

size_t vf_extend_mutate(uint8_t *data, size_t size, size_t max_size, uint32_t rnd,
                        vf_extend_run_fn run, const struct vf_shm *(*shm_now)(void))
{
    uint64_t key = key_of(data, size);
    const struct noted *slot = &cache[key % EXT_CACHE];
    if (slot->key != key || !slot->count)
        return 0;
    uint32_t rng = rnd;
    struct candidate c = slot->cand[next_random(&rng) % slot->count];
    if (c.off > size || size + c.enc > max_size)
        return 0;
    size = append_unit(data, size, &c);
    for (uint32_t step = 1; step < EXT_STEPS; step++) {
        uint32_t gen = run(data, size);
        if (!gen)
            break;
        struct candidate next[EXT_CANDIDATES];
        uint32_t n =
            collect(shm_now(), gen, size, c.off + c.enc, c.site, next, EXT_CANDIDATES, &rng);
        if (!n)
            break;
        struct candidate grown = next[next_random(&rng) % n];
        if (size + grown.enc > max_size)
            break;
        c = grown;
        size = append_unit(data, size, &c);
    }
    return size;
}
