/* IPv4 blocks of the settings (see setting_networks.h). */
#include "setting_networks.h"

#include <stdio.h>
#include <wchar.h>

enum { MAX_BLOCKS = 12, BLOCK_UNITS = 20, VALUE_UNITS = 64 };

struct block {
    UINT32 network; /* host order, its bits past the prefix cleared */
    unsigned prefix;
    unsigned char list;
    WCHAR text[BLOCK_UNITS];
    WCHAR value[VALUE_UNITS];
};
static struct block blocks[MAX_BLOCKS];
static unsigned n_blocks;

/* A decimal number of at most 3 digits at t[*i], no more than max; -1 if none. */
static long number_at(const WCHAR *t, size_t n, size_t *i, long max)
{
    long v = 0;
    size_t start = *i;
    while (*i < n && t[*i] >= '0' && t[*i] <= '9' && *i - start < 3) {
        v = v * 10 + (t[*i] - '0');
        (*i)++;
    }
    return *i == start || v > max ? -1 : v;
}

static UINT32 mask_of(unsigned prefix)
{
    return prefix ? 0xFFFFFFFFu << (32 - prefix) : 0;
}

int setting_network_keep(const WCHAR *t, size_t n, enum setting_list list, const WCHAR *value)
{
    size_t i = 0;
    UINT32 address = 0;
    for (int part = 0; part < 4; part++) {
        long byte = number_at(t, n, &i, 255);
        if (byte < 0 || i >= n || t[i] != (part < 3 ? '.' : '/'))
            return 0;
        i++;
        address = address << 8 | (UINT32)byte;
    }
    long prefix = number_at(t, n, &i, 32);
    if (prefix < 0 || i != n || n >= BLOCK_UNITS)
        return 0;
    if (n_blocks == MAX_BLOCKS)
        return 1;
    struct block *b = &blocks[n_blocks++];
    b->prefix = (unsigned)prefix;
    b->network = address & mask_of(b->prefix);
    b->list = (unsigned char)list;
    wmemcpy(b->text, t, n);
    b->text[n] = 0;
    swprintf(b->value, VALUE_UNITS, L"%.60ls", value);
    return 1;
}

static int in_any_block(UINT32 address)
{
    for (unsigned k = 0; k < n_blocks; k++) {
        if ((address & mask_of(blocks[k].prefix)) == blocks[k].network)
            return 1;
    }
    return 0;
}

static void unc_of(UINT32 a, WCHAR *out, size_t cap)
{
    swprintf(out, cap, L"\\\\%u.%u.%u.%u\\share", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
}

int setting_network_pair(enum setting_list kind, unsigned i, WCHAR *inside, WCHAR *outside,
                         size_t cap, const WCHAR **block, const WCHAR **value)
{
    unsigned seen = 0;
    for (unsigned k = 0; k < n_blocks; k++) {
        const struct block *b = &blocks[k];
        if (b->list != kind || seen++ != i)
            continue;
        /* A host past the network address (.10 where the block has room for it). */
        UINT32 host = b->prefix <= 28 ? 10 : 1;
        if (b->prefix % 8 == 0 || b->prefix >= 31)
            return 0;
        UINT32 in = b->network | host;
        UINT32 out = in ^ (1u << (32 - b->prefix));
        if (in_any_block(out))
            return 0;
        unc_of(in, inside, cap);
        unc_of(out, outside, cap);
        *block = b->text;
        *value = b->value;
        return 1;
    }
    return -1;
}

int setting_network_outsider(WCHAR *out, size_t cap)
{
    static const UINT32 documentation[] = {0xC633640Au, 0xCB00710Au, 0xC000020Au};
    for (size_t k = 0; k < sizeof documentation / sizeof documentation[0]; k++) {
        if (!in_any_block(documentation[k])) {
            unc_of(documentation[k], out, cap);
            return 1;
        }
    }
    return 0;
}
