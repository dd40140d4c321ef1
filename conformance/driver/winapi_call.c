/* Calling an export as MPR does (see winapi_call.h). */
#include "winapi_call.h"

typedef DWORD(WINAPI *winapi2_fn)(void *, void *);

DWORD winapi_call2(void *fn, void *a, void *b, int *esp_delta)
{
#if defined(__i386__)
    int d;
    DWORD r;
    /* Arguments pushed right to left; ESI (callee-saved) keeps the stack
     * pointer across the call. */
    __asm__ volatile("movl %%esp, %%esi\n\t"
                     "pushl %4\n\t"
                     "pushl %3\n\t"
                     "call *%2\n\t"
                     "movl %%esp, %%ecx\n\t"
                     "subl %%esi, %%ecx\n\t"
                     "movl %%esi, %%esp\n\t"
                     : "=a"(r), "=c"(d)
                     : "r"(fn), "r"(a), "r"(b)
                     : "esi", "edx", "memory", "cc");
    *esp_delta = d;
    return r;
#else
    *esp_delta = 0;
    return ((winapi2_fn)fn)(a, b);
#endif
}
