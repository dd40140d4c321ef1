/* The two system services the hot loop needs, at their Linux price.
 * Under Wine, VirtualProtect costs 10 us and an event a wineserver round
 * trip (300 us measured here under load) [wine]; the host is a Linux
 * process, so it makes the mprotect and futex system calls itself
 * (3 us each here). Elsewhere (Windows) it falls back to VirtualProtect
 * and to yielding. */
#ifndef VF_SYS_H
#define VF_SYS_H

#include <windows.h>

/* 1 when running under Wine on Linux x86_64 (ntdll has wine_get_version). */
int vf_sys_init(void);
/* Page protection: PAGE_NOACCESS, PAGE_READONLY or PAGE_READWRITE. */
void vf_protect(void *addr, SIZE_T len, DWORD prot);
/* Blocks while *addr == val (at most `ms` milliseconds); spurious returns
 * are allowed. Wakes every waiter on addr. Works across processes on
 * memory both map (the shared file). */
void vf_wait(volatile LONG *addr, LONG val, DWORD ms);
void vf_wake(volatile LONG *addr);

#endif
