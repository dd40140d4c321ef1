/* An add's answer and the undefined fields of its NETRESOURCE (see undefined_fields.h). */
#include "undefined_fields.h"

#include "call.h"
#include "fence.h"
#include "out.h"

#include <stdio.h>
#include <winnetwk.h>

struct variant {
    DWORD scope;
    DWORD display;
    DWORD usage;
    const char *label;
};

/* 0 first: the answer the others are compared with. */
static const struct variant variants[] = {
    {0, 0, 0, "0"},
    {RESOURCE_GLOBALNET, RESOURCEDISPLAYTYPE_SHARE, RESOURCEUSAGE_CONNECTABLE,
     "a share's from WNetEnumResource (RESOURCE_GLOBALNET, RESOURCEDISPLAYTYPE_SHARE, "
     "RESOURCEUSAGE_CONNECTABLE)"},
    {RESOURCE_CONNECTED, RESOURCEDISPLAYTYPE_SERVER, RESOURCEUSAGE_CONTAINER,
     "a server's from WNetEnumResource (RESOURCE_CONNECTED, RESOURCEDISPLAYTYPE_SERVER, "
     "RESOURCEUSAGE_CONTAINER)"},
    {RESOURCE_REMEMBERED, RESOURCEDISPLAYTYPE_GENERIC, RESOURCEUSAGE_ALL,
     "(RESOURCE_REMEMBERED, RESOURCEDISPLAYTYPE_GENERIC, RESOURCEUSAGE_ALL)"},
    {0xcccccccc, 0xcccccccc, 0xcccccccc, "0xcccccccc (uninitialised, a debug build)"},
};

/* Admin shares and IPC$ first: the names a policy treats apart. */
static const WCHAR *const remotes[] = {L"\\\\server\\C$", L"\\\\server\\ADMIN$",
                                       L"\\\\server\\IPC$", L"\\\\server\\share"};

/* A whole add of remote on local (NULL: deviceless) with the variant's fields, then a whole
 * cancel of it; the add PRE's answer. */
static DWORD answer_with(const WCHAR *local, WCHAR *remote, const struct variant *v)
{
    char what[300];
    snprintf(what, sizeof what, "%ls, %ls, dwScope, dwDisplayType and dwUsage %s",
             local ? local : L"deviceless", remote, v->label);
    WCHAR *device = local ? fence_wstr(local, "lpLocalName") : NULL;
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, device, remote, s_provider, 0);
    fence_unseal(a);
    a->NetResource.dwScope = v->scope;
    a->NetResource.dwDisplayType = v->display;
    a->NetResource.dwUsage = v->usage;
    fence_seal(a);
    void *ctx = NULL;
    DWORD pre = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, a, what);
    NOTIFYCANCEL *pre_c = mk_cancel(device ? device : remote, NULL, 0, FALSE);
    NOTIFYCANCEL *post_c = mk_cancel(device ? device : remote, s_provider, 0, FALSE);
    pair_cancel(pre_c, post_c, WN_SUCCESS, what);
    fence_free(pre_c);
    fence_free(post_c);
    fence_free(a);
    if (device)
        fence_free(device);
    return pre;
}

int undefined_fields_answers(unsigned *pairs)
{
    static const WCHAR *const locals[] = {L"Y:", NULL};
    const unsigned n_variants = sizeof variants / sizeof variants[0];
    *pairs = 0;
    for (size_t r = 0; r < sizeof remotes / sizeof remotes[0]; r++) {
        WCHAR *remote = fence_wstr(remotes[r], "lpRemoteName");
        for (size_t l = 0; l < sizeof locals / sizeof locals[0]; l++) {
            DWORD base = answer_with(locals[l], remote, &variants[0]);
            /* An answer that changes by itself is not compared. */
            if (answer_with(locals[l], remote, &variants[0]) != base)
                continue;
            (*pairs)++;
            for (unsigned v = 1; v < n_variants; v++) {
                DWORD now = answer_with(locals[l], remote, &variants[v]);
                if (now == base)
                    continue;
                result_bad("drive.addfields",
                           "the add PRE of %ls on %ls returned %s with dwScope, dwDisplayType "
                           "and dwUsage 0 (twice) and %s with them %s: the answer depends on "
                           "fields MPR does not define (only dwType, lpLocalName, lpRemoteName "
                           "and lpProvider are [doc]); a caller's NETRESOURCE from an "
                           "enumeration, or left uninitialised, changes the verdict",
                           remotes[r], locals[l] ? locals[l] : L"no device", wn_name(base),
                           wn_name(now), variants[v].label);
                fence_free(remote);
                return 0;
            }
        }
        fence_free(remote);
    }
    return 1;
}
