/* A cap on held connections counted per token (see held_cap.h). */
#include "held_cap.h"

#include "call.h"
#include "device_ops.h"
#include "fence.h"
#include "fresh_load.h"

#include <stdio.h>
#include <wchar.h>

/* Drives held at most: E: to X:, each to a share of its own. */
enum { HELD_MAX = HELD_CAP_MAX };

struct held_drive {
    WCHAR *local;
    WCHAR *remote;
};

static struct held_drive drives[HELD_MAX + 1];

static void make_drives(void)
{
    if (drives[0].local)
        return;
    for (unsigned i = 0; i <= HELD_MAX; i++) {
        WCHAR local[4] = {(WCHAR)('E' + i), ':', 0};
        WCHAR remote[40];
        swprintf(remote, 40, L"\\\\fileserver\\team%02u", i + 1);
        drives[i].local = fence_wstr(local, "lpLocalName");
        drives[i].remote = fence_wstr(remote, "lpRemoteName");
    }
}

/* How the last add is asked. */
enum asker { AS_PROCESS, AS_SELF_IMPERSONATED };

struct cap_ask {
    unsigned held; /* drives held before the asked add; HELD_MAX + 1: until a refusal */
    enum asker asker;
};

static const char what[] = "drives held up to a cap, then one more";

unsigned held_cap_hold(unsigned n, const char *why)
{
    make_drives();
    unsigned held = 0;
    while (held < n && held < HELD_MAX &&
           device_add(RESOURCETYPE_DISK, drives[held].local, drives[held].remote, why) ==
               WN_SUCCESS)
        held++;
    return held;
}

void held_cap_release(unsigned n, const char *why)
{
    while (n-- > 0)
        device_cancel(drives[n].local, why);
}

/* Holds drives until `held` are held (or, with HELD_MAX + 1, until an add is refused: its
 * index is the answer), then asks the next add as q->asker; cancels them all. */
static DWORD hold_then_add(const void *arg)
{
    const struct cap_ask *q = arg;
    DWORD answer = WN_SUCCESS;
    int searching = q->held > HELD_MAX;
    unsigned n = held_cap_hold(q->held, what);
    if (searching) {
        answer = n;
    } else if (n == q->held) {
        int impersonating = q->asker == AS_SELF_IMPERSONATED;
        if (impersonating && !ImpersonateSelf(SecurityImpersonation)) {
            answer = FRESH_NO_ANSWER;
        } else {
            answer = device_add(RESOURCETYPE_DISK, drives[n].local, drives[n].remote, what);
            if (impersonating)
                RevertToSelf();
            if (answer == WN_SUCCESS)
                device_cancel(drives[n].local, what);
        }
    } else {
        answer = FRESH_NO_ANSWER;
    }
    held_cap_release(n, what);
    return answer;
}

unsigned held_cap_count(void)
{
    static int searched;
    static DWORD held;
    make_drives();
    if (searched)
        return held;
    searched = 1;
    struct cap_ask q = {HELD_MAX + 1, AS_PROCESS};
    if (!fresh_load_answer(hold_then_add, &q, &held) || held >= HELD_MAX)
        held = 0;
    return held;
}

void held_cap_drive(unsigned i, const WCHAR **local, const WCHAR **remote)
{
    make_drives();
    *local = drives[i].local;
    *remote = drives[i].remote;
}

int held_cap_differs(char *text, size_t cap)
{
    DWORD held = held_cap_count();
    if (!held)
        return 0;
    struct cap_ask q = {held, AS_PROCESS};
    DWORD as_process;
    DWORD impersonating;
    if (!fresh_load_answer(hold_then_add, &q, &as_process) || as_process == WN_SUCCESS)
        return 0;
    q.asker = AS_SELF_IMPERSONATED;
    if (!fresh_load_answer(hold_then_add, &q, &impersonating) || impersonating != WN_SUCCESS)
        return 0;
    snprintf(text, cap,
             "with %lu drives held (E: on, each to a share of its own), the add PRE of %ls on "
             "%ls returned %s as the process and WN_SUCCESS from the same thread impersonating "
             "the process's own token (ImpersonateSelf), in fresh loads (%d rounds each): the "
             "same user in the same logon session, whose drives these are [doc]; a cap counted "
             "per token (TOKEN_STATISTICS.TokenId, not AuthenticationId) gives every new token "
             "a fresh count",
             (unsigned long)held, drives[held].remote, drives[held].local, wn_name(as_process),
             FRESH_ROUNDS);
    return 1;
}
