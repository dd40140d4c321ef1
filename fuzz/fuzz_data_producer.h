/* Structured fuzz input in the shape of zstd's fuzz_data_producer: integers
 * are taken from the end of the input, byte strings from the front, so a
 * mutation of one rarely shifts the other. An exhausted producer yields
 * the minimum of each range and empty strings, never an error. */
#ifndef CONNOTIFY_FUZZ_DATA_PRODUCER_H
#define CONNOTIFY_FUZZ_DATA_PRODUCER_H

#include <stddef.h>
#include <stdint.h>

typedef struct fuzz_data_producer {
    const uint8_t *data;
    size_t size;
} fuzz_data_producer;

void fdp_init(fuzz_data_producer *p, const uint8_t *data, size_t size);
size_t fdp_remaining(const fuzz_data_producer *p);

/* Value in [min, max] from as few trailing bytes as the range needs. */
uint32_t fdp_u32_range(fuzz_data_producer *p, uint32_t min, uint32_t max);
uint32_t fdp_u32(fuzz_data_producer *p);
uint64_t fdp_u64(fuzz_data_producer *p);
int fdp_bool(fuzz_data_producer *p);

/* Up to n leading bytes; *got says how many the input still had. */
const uint8_t *fdp_bytes(fuzz_data_producer *p, size_t n, size_t *got);

#endif /* CONNOTIFY_FUZZ_DATA_PRODUCER_H */
