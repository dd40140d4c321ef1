/* Case stdcall: i686 stack balance. */
#include "cases.h"

#include "call.h"
#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "measure.h"
#include "out.h"

#include <stdio.h>

/* ---------------- i686 stdcall balance ---------------- */

#if defined(__i386__)
/* Calls fn(a, b) and returns ESP after minus ESP before: 0 for stdcall
 * (callee pops 8 bytes), -8 for a cdecl export [doc: WINAPI]. */
static int esp_delta(void *fn, void *a, void *b, DWORD *ret)
{
    int d;
    DWORD r;
    /* stdcall: arguments pushed right to left. */
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
    *ret = r;
    return d;
}
#endif

void case_stdcall(void)
{
#if defined(__i386__)
    if (!load_notifier()) return;
    std_names();
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0);
    NOTIFYCANCEL *c = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYINFO ni = { NOTIFY_PRE, WN_SUCCESS, NULL };
    DWORD r;
    set_crash_context("AddConnectNotify PRE (stack balance)");
    int da = esp_delta((void *)cf.add, &ni, a, &r);
    NOTIFYINFO nc = { NOTIFY_PRE, WN_SUCCESS, NULL };
    set_crash_context("CancelConnectNotify PRE (stack balance)");
    int dc = esp_delta((void *)cf.cancel, &nc, c, &r);
    clear_crash_context();
    if (da || dc)
        result("i686.stdcall", "fail", "stack unbalanced: AddConnectNotify %+d bytes, CancelConnectNotify %+d bytes (a cdecl export; WINAPI is stdcall)",
               da, dc);
    else
        result("i686.stdcall", "pass", "both exports pop their 8 bytes of arguments (stdcall)");
#else
    result("i686.stdcall", "skip", "x86_64 has one calling convention; checked on i686");
#endif
}
