/* The protection of the caller's memory (see hooks_protect.h). */
#include "hooks_protect.h"

#include "fence.h"
#include "hook_reals.h"
#include "out.h"

#include <stdint.h>

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef BOOL(WINAPI *VirtualProtect_fn)(void *, SIZE_T, DWORD, DWORD *);
typedef BOOL(WINAPI *VirtualProtectEx_fn)(HANDLE, void *, SIZE_T, DWORD, DWORD *);

/* A change asked for memory of the caller's (its fenced buffers): the verdict. */
static void check_protect(const char *fn, const void *address, SIZE_T size, DWORD protect)
{
    char label[80];
    uintptr_t lo = (uintptr_t)address;
    if (!address || !fence_overlaps(lo, lo + (size ? size : 1), label, sizeof label))
        return;
    result_bad("state.process",
               "%s(%s, protection %#lx) during %s: the notifier changes the protection of the "
               "caller's memory; the caller's other threads fault on it meanwhile, and a path "
               "that does not put it back leaves the caller's buffer so",
               fn, label, (unsigned long)protect, hook_context());
}

BOOL WINAPI w_VirtualProtect(void *address, SIZE_T size, DWORD protect, DWORD *old)
{
    check_protect("VirtualProtect", address, size, protect);
    return REAL(VirtualProtect, VirtualProtect_fn)(address, size, protect, old);
}

BOOL WINAPI w_VirtualProtectEx(HANDLE process, void *address, SIZE_T size, DWORD protect,
                               DWORD *old)
{
    if (GetProcessId(process) == GetCurrentProcessId())
        check_protect("VirtualProtectEx", address, size, protect);
    return REAL(VirtualProtectEx, VirtualProtectEx_fn)(process, address, size, protect, old);
}
