/* Property: none. The benchmark's baseline: the cost of libFuzzer and the
 * sanitizers alone, built with the same flags as the real targets. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}
