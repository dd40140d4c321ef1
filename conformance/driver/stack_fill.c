/* The caller's stack filled before a call (see stack_fill.h). */
#include "stack_fill.h"

#include <npapi.h>
#include <string.h>

enum { STACK_FILL_BYTES = 16 * 1024 };

static enum stack_fill_mode fill_mode = STACK_FILL_NONE;
static unsigned char fill_byte;

void stack_fill_set(enum stack_fill_mode mode, unsigned char byte)
{
    fill_mode = mode;
    fill_byte = byte;
}

__attribute__((noinline)) void stack_fill(DWORD phase)
{
    unsigned char area[STACK_FILL_BYTES];
    if (fill_mode == STACK_FILL_NONE || (fill_mode == STACK_FILL_POSTS && phase != NOTIFY_POST))
        return;
    memset(area, fill_byte, sizeof area);
    /* The stores are kept: the area is "read" here. */
    __asm__ volatile("" : : "r"(area) : "memory");
}
