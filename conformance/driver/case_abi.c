/* Case stdcall: i686 stack balance. */
#include "cases.h"

#include "call.h"
#include "crash.h"
#include "fence.h"
#include "hooks.h"
#include "measure.h"
#include "out.h"
#include "winapi_call.h"

#include <stdio.h>

/* ---------------- i686 stdcall balance ---------------- */

void case_stdcall(void)
{
#if defined(__i386__)
    if (!load_notifier()) return;
    std_names();
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0);
    NOTIFYCANCEL *c = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYINFO ni = {NOTIFY_PRE, WN_SUCCESS, NULL};
    set_crash_context("AddConnectNotify PRE (stack balance)");
    int da = 0;
    winapi_call2((void *)cf.add, &ni, a, &da, NULL, 0, NULL);
    NOTIFYINFO nc = { NOTIFY_PRE, WN_SUCCESS, NULL };
    set_crash_context("CancelConnectNotify PRE (stack balance)");
    int dc = 0;
    winapi_call2((void *)cf.cancel, &nc, c, &dc, NULL, 0, NULL);
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
