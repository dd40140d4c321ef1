/* Drives E: onwards, each with a share of its own (see drive_series.h). */
#include "drive_series.h"

#include "call.h"
#include "fence.h"
#include "profile_keys.h"
#include "remembered.h"

#include <npapi.h>
#include <wchar.h>

void drive_series_init(struct drive_series *s, const WCHAR *share_prefix)
{
    for (unsigned i = 0; i < DRIVE_SERIES_MAX; i++) {
        swprintf(s->device[i], 4, L"%lc:", (wint_t)(L'E' + i));
        swprintf(s->remote[i], 48, L"%ls%02u", share_prefix, i);
    }
}

/* MPR's profile (profile_keys.h): a drive added with CONNECT_UPDATE_PROFILE is remembered once
 * made, before its POST; a cancel with it forgets the drive. K: and N:, the driver's own
 * remembered drives (remembered.h), stay as they are. */
static int profile_kept(const struct drive_series *s, unsigned i, DWORD flags)
{
    return (flags & CONNECT_UPDATE_PROFILE) && !remembered_letter(s->device[i][0]);
}

static int made(DWORD status)
{
    return status == WN_SUCCESS || status == WN_CONNECTED_OTHER_PASSWORD ||
           status == WN_CONNECTED_OTHER_PASSWORD_DEFAULT;
}

DWORD drive_series_add(const struct drive_series *s, unsigned i, DWORD flags, DWORD status,
                       const char *what)
{
    void *ctx = NULL;
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s->device[i], s->remote[i], s_provider, flags);
    DWORD r = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (r == WN_SUCCESS && made(status) && profile_kept(s, i, flags))
        profile_key_write(s->device[i][0], s->remote[i]);
    if (r == WN_SUCCESS && ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, status, &ctx, a, what);
    fence_free(a);
    return r;
}

void drive_series_cancel(const struct drive_series *s, unsigned i, DWORD flags, const char *what)
{
    void *ctx = NULL;
    NOTIFYCANCEL *pre = mk_cancel(s->device[i], s_pre_provider, flags, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s->device[i], s_provider, flags, FALSE);
    DWORD r = call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, pre, what);
    if (r == WN_SUCCESS && profile_kept(s, i, flags))
        profile_key_delete(s->device[i][0]);
    if (r == WN_SUCCESS && ctx)
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, post, what);
    fence_free(pre);
    fence_free(post);
}

void drive_series_profile_clear(const struct drive_series *s)
{
    for (unsigned i = 0; i < DRIVE_SERIES_MAX; i++) {
        if (profile_kept(s, i, CONNECT_UPDATE_PROFILE))
            profile_key_delete(s->device[i][0]);
    }
}
