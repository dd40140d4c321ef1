/* Books that do not tell shares apart (see booking_keys.h). */
#include "booking_keys.h"

#include "call.h"
#include "device_ops.h"
#include "fence.h"
#include "fresh_load.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

/* Drives held (M: to P:) and shares asked on Q:, each on a server of its own. */
enum { HELD = 4, ASKED = 80 };

static WCHAR *held_local[HELD];
static WCHAR *held_remote[HELD];
static WCHAR *asked_local;
static WCHAR *asked_remote[ASKED];

static void make_names(void)
{
    if (asked_local)
        return;
    for (unsigned i = 0; i < HELD; i++) {
        WCHAR local[4] = {(WCHAR)('M' + i), ':', 0};
        WCHAR remote[40];
        swprintf(remote, 40, L"\\\\fileserver\\team%02u", i + 1);
        held_local[i] = fence_wstr(local, "lpLocalName");
        held_remote[i] = fence_wstr(remote, "lpRemoteName");
    }
    asked_local = fence_wstr(L"Q:", "lpLocalName");
    for (unsigned k = 0; k < ASKED; k++) {
        WCHAR remote[40];
        swprintf(remote, 40, L"\\\\qxbook%03u\\share", k + 1);
        asked_remote[k] = fence_wstr(remote, "lpRemoteName");
    }
}

static const char what[] = "shares of servers of their own on a free letter while 4 are held";

/* The add PRE's answer for share k on Q:; an add let through fails at its POST, so nothing
 * more is held. */
static DWORD ask_one(unsigned k)
{
    void *ctx = NULL;
    NOTIFYADD *a =
        mk_add(RESOURCETYPE_DISK, asked_local, asked_remote[k], s_provider, CONNECT_TEMPORARY);
    DWORD pre = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (pre == WN_SUCCESS && ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_BAD_NETNAME, &ctx, a, what);
    return pre;
}

/* Holds the drives, then asks the shares on Q:; the first refused WN_ALREADY_CONNECTED, or
 * FRESH_NO_ANSWER when none is (no second fresh load then). Cancels what it held. */
static DWORD first_refused_while_held(const void *arg)
{
    (void)arg;
    unsigned held = 0;
    while (held < HELD &&
           device_add(RESOURCETYPE_DISK, held_local[held], held_remote[held], what) == WN_SUCCESS)
        held++;
    DWORD found = FRESH_NO_ANSWER;
    for (unsigned k = 0; k < ASKED && found == FRESH_NO_ANSWER; k++) {
        if (ask_one(k) == WN_ALREADY_CONNECTED)
            found = k;
    }
    while (held-- > 0)
        device_cancel(held_local[held], what);
    return found;
}

/* Share *arg asked with nothing held. */
static DWORD asked_alone(const void *arg)
{
    return ask_one(*(const unsigned *)arg);
}

int booking_keys_differs(char *text, size_t cap)
{
    make_names();
    DWORD refused;
    if (!fresh_load_answer(first_refused_while_held, NULL, &refused))
        return 0;
    unsigned one = refused;
    DWORD alone;
    if (!fresh_load_answer(asked_alone, &one, &alone) || alone != WN_SUCCESS)
        return 0;
    snprintf(text, cap,
             "the add PRE of %ls on %ls returned WN_ALREADY_CONNECTED while %ls to %ls held "
             "%ls to %ls (each to a share of its own), and WN_SUCCESS with nothing held, in "
             "fresh loads (%d rounds each): neither that letter nor that share was connected "
             "anywhere, and WN_ALREADY_CONNECTED says the letter is [doc]; books that find a "
             "share by a hash of its name without comparing the names confuse it with a held "
             "one",
             asked_remote[one], asked_local, held_local[0], held_local[HELD - 1], held_remote[0],
             held_remote[HELD - 1], FRESH_ROUNDS);
    return 1;
}
