/* RegGetValueW kept inside the caller's buffer (see reg_bounded.h). */
#include "reg_bounded.h"

#include <string.h>

/* Beyond the size asked first: a value grown between the two calls still lands in the copy. */
enum { REG_COPY_SLACK = 64 * 1024 };

LSTATUS reg_get_value_bounded(reg_get_value_w_fn real, HKEY key, LPCWSTR sub, LPCWSTR name,
                              DWORD flags, LPDWORD type, PVOID data, LPDWORD cb)
{
    /* Only an expansion overruns: a read that cannot expand (RRF_NOEXPAND, or no string type
     * asked) makes one call, as the notifier did. */
    int expands = !(flags & RRF_NOEXPAND) && (flags & (RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ));
    if (!data || !cb || !expands)
        return real(key, sub, name, flags, type, data, cb);
    DWORD cap = *cb;
    DWORD need = 0;
    if (real(key, sub, name, flags, NULL, NULL, &need) != ERROR_SUCCESS || need <= cap)
        return real(key, sub, name, flags, type, data, cb);
    /* Pages of its own, not a heap: the notifier's heap checks see no block of the driver's. */
    SIZE_T size = (SIZE_T)need + REG_COPY_SLACK;
    void *copy = VirtualAlloc(NULL, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (!copy)
        return ERROR_NOT_ENOUGH_MEMORY;
    LSTATUS r = real(key, sub, name, flags, type, copy, cb);
    /* What Windows leaves there is undefined [doc]; what fits of Wine's is kept. */
    memcpy(data, copy, cap);
    VirtualFree(copy, 0, MEM_RELEASE);
    return r;
}
