#include "fuzz_data_producer.h"

void fdp_init(fuzz_data_producer *p, const uint8_t *data, size_t size)
{
    p->data = size ? data : NULL;
    p->size = size;
}

size_t fdp_remaining(const fuzz_data_producer *p)
{
    return p->size;
}

uint32_t fdp_u32_range(fuzz_data_producer *p, uint32_t min, uint32_t max)
{
    uint32_t range = max - min, value = 0;
    if (min >= max)
        return min;
    for (uint32_t bits = range; bits && p->size; bits >>= 8) {
        value = (value << 8) | p->data[p->size - 1];
        p->size--;
    }
    if (range != UINT32_MAX)
        value %= range + 1u;
    return min + value;
}

uint32_t fdp_u32(fuzz_data_producer *p)
{
    return fdp_u32_range(p, 0, UINT32_MAX);
}

uint64_t fdp_u64(fuzz_data_producer *p)
{
    uint64_t hi = fdp_u32(p);
    return (hi << 32) | fdp_u32(p);
}

int fdp_bool(fuzz_data_producer *p)
{
    return (int)fdp_u32_range(p, 0, 1);
}

const uint8_t *fdp_bytes(fuzz_data_producer *p, size_t n, size_t *got)
{
    const uint8_t *start = p->data;
    if (n > p->size)
        n = p->size;
    *got = n;
    if (!n)
        return NULL;   /* data may be NULL: no pointer arithmetic on it */
    p->data += n;
    p->size -= n;
    return start;
}
