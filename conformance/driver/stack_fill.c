/* The caller's stack filled before a call (see stack_fill.h). */
#include "stack_fill.h"

#include <npapi.h>
#include <stdint.h>
#include <string.h>

enum { STACK_FILL_BYTES = 16 * 1024 };

static enum stack_fill_mode fill_mode = STACK_FILL_NONE;
static unsigned char fill_bytes[2]; /* even and odd addresses */

void stack_fill_set(enum stack_fill_mode mode, unsigned char byte)
{
    fill_mode = mode;
    fill_bytes[0] = byte;
    fill_bytes[1] = byte;
}

void stack_fill_set_unit(enum stack_fill_mode mode, WCHAR unit)
{
    fill_mode = mode;
    fill_bytes[0] = (unsigned char)(unit & 0xFF);
    fill_bytes[1] = (unsigned char)(unit >> 8);
}

__attribute__((noinline)) void stack_fill(DWORD phase)
{
    unsigned char area[STACK_FILL_BYTES];
    if (fill_mode == STACK_FILL_NONE || (fill_mode == STACK_FILL_POSTS && phase != NOTIFY_POST))
        return;
    if (fill_bytes[0] == fill_bytes[1]) {
        memset(area, fill_bytes[0], sizeof area);
    } else {
        for (size_t k = 0; k < sizeof area; k++)
            area[k] = fill_bytes[((uintptr_t)(area + k)) & 1];
    }
    /* The stores are kept: the area is "read" here. */
    __asm__ volatile("" : : "r"(area) : "memory");
}
