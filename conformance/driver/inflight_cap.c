/* A cap on held connections counted at the POST (see inflight_cap.h). */
#include "inflight_cap.h"

#include "call.h"
#include "device_ops.h"
#include "fresh_load.h"
#include "held_cap.h"

#include <npapi.h>
#include <stdio.h>

static const char what[] = "drives held one short of a cap, then two adds in flight at once";

/* Holds `*arg` drives, then makes the next two adds overlap; the second PRE's answer, or
 * FRESH_NO_ANSWER when the drives or the first add were refused. Cancels what it made. */
static DWORD two_in_flight(const void *arg)
{
    unsigned held_before = *(const unsigned *)arg;
    unsigned n = held_cap_hold(held_before, what);
    const WCHAR *local;
    const WCHAR *remote;
    DWORD second = FRESH_NO_ANSWER;
    if (n == held_before) {
        void *ctx[2] = {NULL, NULL};
        NOTIFYADD *adds[2];
        DWORD pre[2];
        for (unsigned k = 0; k < 2; k++) {
            held_cap_drive(n + k, &local, &remote);
            adds[k] = mk_add(RESOURCETYPE_DISK, local, remote, s_provider, CONNECT_TEMPORARY);
            pre[k] = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx[k], adds[k], what);
        }
        /* A refused PRE gets no POST [w9x]. */
        for (unsigned k = 0; k < 2; k++) {
            if (pre[k] == WN_SUCCESS && ctx[k])
                call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx[k], adds[k], what);
        }
        if (pre[0] == WN_SUCCESS)
            second = pre[1];
        for (unsigned k = 2; k-- > 0;) {
            held_cap_drive(n + k, &local, &remote);
            if (pre[k] == WN_SUCCESS)
                device_cancel(local, what);
        }
    }
    held_cap_release(n, what);
    return second;
}

int inflight_cap_differs(char *text, size_t cap)
{
    unsigned cap_at = held_cap_count();
    if (!cap_at)
        return 0;
    unsigned held_before = cap_at - 1;
    DWORD second;
    if (!fresh_load_answer(two_in_flight, &held_before, &second) || second != WN_SUCCESS)
        return 0;
    const WCHAR *first_local;
    const WCHAR *first_remote;
    const WCHAR *second_local;
    const WCHAR *second_remote;
    held_cap_drive(held_before, &first_local, &first_remote);
    held_cap_drive(cap_at, &second_local, &second_remote);
    snprintf(text, cap,
             "with %u drives held (E: on) the next add PRE was refused, yet with %u held the "
             "add PREs of %ls on %ls and %ls on %ls, both made before either POST (PRE, PRE, "
             "POST, POST, as two threads mapping drives at once make them), each returned "
             "WN_SUCCESS, in fresh loads (%d rounds each): %u drives held, over the cap its own "
             "refusal showed; a cap decided at the PRE must count the adds it let through whose "
             "POST has not come",
             cap_at, held_before, first_remote, first_local, second_remote, second_local,
             FRESH_ROUNDS, cap_at + 1);
    return 1;
}
