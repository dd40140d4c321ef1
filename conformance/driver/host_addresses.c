/* Addresses a host process has in use (see host_addresses.h). */
#include "host_addresses.h"

#include <windows.h>

/* 1 MiB at each base: a fixed-address journal or table starts there. */
#define RANGE (1u << 20)

void host_addresses_take(void)
{
    static int taken;
    if (taken)
        return;
    taken = 1;
    for (ULONG_PTR base = 0x10000000u; base < 0x80000000u; base += 0x10000000u)
        VirtualAlloc((void *)base, RANGE, MEM_RESERVE, PAGE_NOACCESS);
}
