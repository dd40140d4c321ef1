/* Calling an export as MPR does, WINAPI (stdcall on i686: the callee pops its
 * arguments), with the caller's stack pointer put back afterwards whatever the
 * callee popped: a cdecl export, which pops nothing, cannot unbalance the
 * driver's stack and crash it far from the cause; the imbalance is measured
 * for i686.stdcall instead. [doc: WINAPI] On x86_64 the non-volatile
 * registers hold known values across the call and are compared after it. */
#ifndef WINAPI_CALL_H
#define WINAPI_CALL_H

#include <windows.h>

#include <stddef.h>

/* fn(a, b); *esp_delta (if not NULL): the stack pointer after the call minus before it
 * (0 for stdcall, -8 for a cdecl export; always 0 on x86_64). clobbered: the
 * non-volatile registers (RBX, RBP, RDI, RSI, R12-R15, XMM6-XMM15 [doc: x64
 * calling convention]) the call left changed, "" if none or on i686.
 * *df_set (if not NULL): 1 if the call returned with the direction flag
 * set, which the x64 convention forbids [doc]; the flag is cleared after
 * it (x86_64; always 0 on i686). */
DWORD winapi_call2(void *fn, void *a, void *b, int *esp_delta, char *clobbered, size_t cap,
                   int *df_set);

#endif
