/* Drives E: onwards, each with a share of its own (see drive_series.h). */
#include "drive_series.h"

#include "call.h"
#include "fence.h"

#include <npapi.h>
#include <wchar.h>

void drive_series_init(struct drive_series *s, const WCHAR *share_prefix)
{
    for (unsigned i = 0; i < DRIVE_SERIES_MAX; i++) {
        swprintf(s->device[i], 4, L"%lc:", (wint_t)(L'E' + i));
        swprintf(s->remote[i], 48, L"%ls%02u", share_prefix, i);
    }
}

DWORD drive_series_add(const struct drive_series *s, unsigned i, DWORD flags, DWORD status,
                       const char *what)
{
    void *ctx = NULL;
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s->device[i], s->remote[i], s_provider, flags);
    DWORD r = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (r == WN_SUCCESS && ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, status, &ctx, a, what);
    fence_free(a);
    return r;
}

void drive_series_cancel(const struct drive_series *s, unsigned i, DWORD flags, const char *what)
{
    NOTIFYCANCEL *pre = mk_cancel(s->device[i], s_pre_provider, flags, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s->device[i], s_provider, flags, FALSE);
    pair_cancel(pre, post, WN_SUCCESS, what);
    fence_free(pre);
    fence_free(post);
}
