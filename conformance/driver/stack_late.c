/* Writes into the caller's stack after the calls returned (see stack_late.h). */
#include "stack_late.h"

#include <stdio.h>

enum { FILL = 0xa5 };

__attribute__((noinline)) int stack_written_late(DWORD wait_ms, unsigned char peer_byte, char *text,
                                                 size_t cap)
{
    volatile unsigned char area[STACK_LATE_BYTES];
    for (size_t i = 0; i < sizeof area; i++)
        area[i] = FILL;
    SleepEx(wait_ms, TRUE);
    unsigned changed = 0;
    unsigned from_peer = 0;
    size_t highest = 0; /* the changed byte nearest the caller's frame */
    for (size_t i = 0; i < sizeof area; i++) {
        if (area[i] == FILL)
            continue;
        changed++;
        from_peer += area[i] == peer_byte;
        highest = i;
    }
    if (!changed)
        return 0;
    snprintf(text, cap,
             "%u bytes of the caller's stack changed within %lu ms after the calls returned, %u "
             "of them %#x, the nearest %u bytes below its frame: pending I/O whose OVERLAPPED "
             "or buffer was in the notifier's frame completed there [doc: OVERLAPPED valid "
             "until the I/O completes]",
             changed, (unsigned long)wait_ms, from_peer, peer_byte,
             (unsigned)(sizeof area - highest));
    return 1;
}
