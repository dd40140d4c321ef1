/* One ordinary operation on a local device (see device_ops.h). */
#include "device_ops.h"

#include "call.h"

#include <npapi.h>

DWORD device_add(DWORD type, const WCHAR *local, const WCHAR *remote, const char *what)
{
    void *ctx = NULL;
    NOTIFYADD *a = mk_add(type, local, remote, s_provider, CONNECT_TEMPORARY);
    DWORD r = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, a, what);
    return r;
}

void device_add_failed(DWORD type, const WCHAR *local, const WCHAR *remote, DWORD status,
                       const char *what)
{
    void *ctx = NULL;
    NOTIFYADD *a = mk_add(type, local, remote, s_provider, CONNECT_TEMPORARY);
    call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, status, &ctx, a, what);
}

void device_cancel(const WCHAR *local, const char *what)
{
    pair_cancel(mk_cancel(local, s_pre_provider, 0, FALSE), mk_cancel(local, s_provider, 0, FALSE),
                WN_SUCCESS, what);
}

void device_cancel_failed(const WCHAR *local, DWORD status, const char *what)
{
    pair_cancel(mk_cancel(local, s_pre_provider, 0, FALSE), mk_cancel(local, NULL, 0, FALSE),
                status, what);
}
