/* RegGetValueW kept inside the caller's buffer, as on Windows. */
#ifndef CN_REG_BOUNDED_H
#define CN_REG_BOUNDED_H

#include <windows.h>

typedef LSTATUS(WINAPI *reg_get_value_w_fn)(HKEY, LPCWSTR, LPCWSTR, DWORD, LPDWORD, PVOID, LPDWORD);

/* real(key, sub, name, flags, type, data, cb), writing no more than *cb bytes of data. Wine 8
 * writes a REG_EXPAND_SZ value's whole expansion when it does not fit, and returns
 * ERROR_MORE_DATA (measured: 110 bytes past a 520-byte buffer); Windows writes none past it
 * [doc: RegGetValueW]. A call that may expand and does not fit goes through a copy of its
 * own. */
LSTATUS reg_get_value_bounded(reg_get_value_w_fn real, HKEY key, LPCWSTR sub, LPCWSTR name,
                              DWORD flags, LPDWORD type, PVOID data, LPDWORD cb);

#endif
