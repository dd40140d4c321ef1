/* Addresses a host process has in use: the bases a notifier might map or
 * allocate at by a fixed address (0x10000000, the default base of DLLs built
 * without ASLR, and the other multiples of 0x10000000 below 2 GiB) are
 * reserved, no access, before the notifier loads, as the host's own DLLs
 * and heaps hold them in many processes. A MapViewOfFileEx or VirtualAlloc
 * at such an address fails there; a notifier that ignores the failure and
 * uses the address faults at once, named, instead of writing over the host's
 * memory where the address is the host's. [design] */
#ifndef HOST_ADDRESSES_H
#define HOST_ADDRESSES_H

/* Reserves what is still free of those ranges; idempotent. */
void host_addresses_take(void);

#endif
