/* The protection of the caller's memory: a notifier that makes a name's page
 * read-only while it checks the name (so that no other thread changes it)
 * faults the caller's other threads meanwhile, and a path that does not put
 * it back leaves the caller's buffer unwritable (state.process). [design] */
#ifndef HOOKS_PROTECT_H
#define HOOKS_PROTECT_H

#include <windows.h>

BOOL WINAPI w_VirtualProtect(void *address, SIZE_T size, DWORD protect, DWORD *old);
BOOL WINAPI w_VirtualProtectEx(HANDLE process, void *address, SIZE_T size, DWORD protect,
                               DWORD *old);

#endif
