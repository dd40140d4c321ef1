/* POST statuses that say the connection was made (see made_statuses.h). */
#include "made_statuses.h"

#include "call.h"
#include "fence.h"
#include "fresh_load.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

enum { MADE = 20 };

static WCHAR devices[MADE + 1][4];
static WCHAR remotes[MADE + 1][32];

static void names_init(void)
{
    for (unsigned i = 0; i <= MADE; i++) {
        swprintf(devices[i], 4, L"%lc:", (wint_t)(L'E' + i));
        swprintf(remotes[i], 32, L"\\\\gateway\\seat%02u", i);
    }
}

/* Drives 0 to MADE - 1 added, each POST with `status` when its PRE allowed it and asked for
 * one, then drive MADE added (its PRE's answer, the one asked), then every drive cancelled. */
static DWORD ask_after(const void *arg)
{
    DWORD status = *(const DWORD *)arg;
    char what[120];
    snprintf(what, sizeof what,
             "%d adds whose POST said %lu (a connection made), then one more add", MADE,
             (unsigned long)status);
    for (unsigned i = 0; i < MADE; i++) {
        void *ctx = NULL;
        NOTIFYADD *a =
            mk_add(RESOURCETYPE_DISK, devices[i], remotes[i], s_provider, CONNECT_TEMPORARY);
        DWORD r = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
        if (r == WN_SUCCESS && ctx)
            call_op(OP_ADD, NULL, NOTIFY_POST, status, &ctx, a, what);
        fence_free(a);
    }
    void *ctx = NULL;
    NOTIFYADD *next =
        mk_add(RESOURCETYPE_DISK, devices[MADE], remotes[MADE], s_provider, CONNECT_TEMPORARY);
    DWORD answer = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, next, what);
    if (answer == WN_SUCCESS && ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, next, what);
    fence_free(next);
    for (unsigned i = 0; i <= MADE; i++) {
        NOTIFYCANCEL *pre = mk_cancel(devices[i], s_pre_provider, 0, FALSE);
        NOTIFYCANCEL *post = mk_cancel(devices[i], s_provider, 0, FALSE);
        pair_cancel(pre, post, WN_SUCCESS, what);
        fence_free(pre);
        fence_free(post);
    }
    return answer;
}

int made_statuses_differ(char *text, size_t cap)
{
    static const DWORD made[] = {WN_CONNECTED_OTHER_PASSWORD, WN_CONNECTED_OTHER_PASSWORD_DEFAULT};
    static const DWORD success = WN_SUCCESS;
    names_init();
    DWORD base = WN_SUCCESS;
    if (!fresh_load_answer(ask_after, &success, &base))
        return 0;
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
        DWORD got = WN_SUCCESS;
        if (!fresh_load_differs(ask_after, &made[i], base, &got))
            continue;
        snprintf(text, cap,
                 "the add PRE of %ls on %ls returned %s after %d adds whose POST said "
                 "WN_SUCCESS, and %s after %d whose POST said %lu (twice, in fresh loads): "
                 "%lu also means the connection was made [doc: System Error Codes], and a "
                 "notifier that counts only WN_SUCCESS forgets it",
                 remotes[MADE], devices[MADE], wn_name(base), MADE, wn_name(got), MADE,
                 (unsigned long)made[i], (unsigned long)made[i]);
        return 1;
    }
    return 0;
}
