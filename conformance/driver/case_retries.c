/* Case retries: an add refused by a limit of the rate of adds, retried. A
 * caller refused by a token bucket or a window of N adds per period gets
 * through again once the period allows one more. Explorer, `net use` in a
 * logon script and backup jobs retry a refused mapping every few seconds. A
 * limit that counts each refused retry as an add, or that restarts its refill
 * clock on each call (a refill that rounds to nothing, with its clock set to
 * now), refuses that caller for as long as it retries, though it waits longer
 * than the rate asks between tries. Each step runs in a fresh load, with no
 * call before its own. drive.retries [design] */
#include "cases.h"

#include "call.h"
#include "device_ops.h"
#include "out.h"

#include <stdio.h>

/* At most EXHAUST_MAX adds to meet the limit; idle waits of 1, 2, 4 and 8 s for the first
 * add let through; then retries every quarter of that wait for twice it, in two loads. */
enum { EXHAUST_MAX = 64, WAIT_MAX_S = 8, RETRY_LOADS = 2 };

static const WCHAR device[] = L"W:";
static const WCHAR share[] = L"\\\\fileserver\\retries";
static const char what[] = "adds of one share, each made and cancelled, until one is refused";

/* Adds made and cancelled until one is refused: its answer, the adds made before into *made
 * (WN_SUCCESS: none of EXHAUST_MAX refused). */
static DWORD exhaust(unsigned *made)
{
    for (*made = 0; *made < EXHAUST_MAX; (*made)++) {
        DWORD got = device_add(RESOURCETYPE_DISK, device, share, what);
        if (got != WN_SUCCESS)
            return got;
        device_cancel(device, what);
    }
    return WN_SUCCESS;
}

/* One add after a refusal: 1 when it is let through (and then cancelled). */
static int add_through(const char *how)
{
    if (device_add(RESOURCETYPE_DISK, device, share, how) != WN_SUCCESS)
        return 0;
    device_cancel(device, how);
    return 1;
}

/* In a fresh load: the limit met again after about as many adds as at first. */
static int met_again(unsigned first_made)
{
    unsigned made = 0;
    if (!reload_notifier_bare())
        return 0;
    return exhaust(&made) != WN_SUCCESS && made + 2 >= first_made && made <= first_made + 2;
}

/* The shortest idle wait, in s, after which one add is let through (0: none up to
 * WAIT_MAX_S, or the limit not met again alike). */
/* In a fresh load: the limit met, then wait_s s without a call, then one add: 1 when it is let
 * through, 0 when refused, -1 when the limit was not met again alike. */
static int through_after_idle(unsigned first_made, unsigned wait_s)
{
    if (!met_again(first_made))
        return -1;
    announce_step("the limit met after %u adds, then %u s without a call", first_made, wait_s);
    Sleep(wait_s * 1000);
    return add_through("an add after a refusal and a wait without calls");
}

static unsigned idle_wait(unsigned first_made)
{
    for (unsigned wait_s = 1; wait_s <= WAIT_MAX_S; wait_s *= 2) {
        int through = through_after_idle(first_made, wait_s);
        if (through < 0)
            return 0;
        if (through)
            return wait_s;
    }
    return 0;
}

/* In a fresh load: the limit met, then retries every wait_s / 4 for 2 * wait_s. How many
 * were let through (-1: the limit not met again alike). */
static int retries_through(unsigned first_made, unsigned wait_s, unsigned *tries)
{
    if (!met_again(first_made))
        return -1;
    DWORD step_ms = wait_s * 1000 / 4;
    int through = 0;
    *tries = 0;
    for (DWORD waited = 0; waited < 2 * wait_s * 1000; waited += step_ms) {
        Sleep(step_ms);
        (*tries)++;
        through += add_through("an add retried after a refusal");
    }
    return through;
}

/* The limit not met again after about as many adds in a fresh load: not judged. */
static void not_alike(unsigned made, DWORD refused)
{
    result("drive.retries", "pass",
           "the add after %u made was refused (%s), but a fresh load did not refuse after as "
           "many again: the limit does not follow the adds alone, and retries are not judged",
           made, wn_name(refused));
}

void case_retries(void)
{
    if (!load_notifier())
        return;
    unsigned made = 0;
    announce_step("up to %d adds of %ls on %ls, each made and cancelled", EXHAUST_MAX, share,
                  device);
    DWORD refused = exhaust(&made);
    if (refused == WN_SUCCESS) {
        result("drive.retries", "pass",
               "%d adds of %ls on %ls in a row, each made and cancelled: none refused, no limit "
               "of the rate of adds to retry against",
               EXHAUST_MAX, share, device);
        return;
    }
    if (!made) {
        result("drive.retries", "pass",
               "the first add of %ls on %ls was refused (%s): a policy on the name, not a limit "
               "of the rate of adds to retry against",
               share, device, wn_name(refused));
        return;
    }
    unsigned wait_s = idle_wait(made);
    if (!wait_s) {
        result("drive.retries", "pass",
               "the add after %u made was refused (%s); in fresh loads, not let through after "
               "an idle wait of up to %d s, or not refused after as many adds again: no limit "
               "of a rate this case retries against",
               made, wn_name(refused), WAIT_MAX_S);
        return;
    }
    unsigned tries = 0;
    int through = 0;
    for (int load = 0; load < RETRY_LOADS && !through; load++) {
        announce_step("the limit met after %u adds, then retries every %u ms for %u s", made,
                      wait_s * 1000 / 4, 2 * wait_s);
        through = retries_through(made, wait_s, &tries);
    }
    if (through < 0) {
        not_alike(made, refused);
        return;
    }
    if (through) {
        result("drive.retries", "pass",
               "the add after %u made was refused (%s), one add was let through after %u s "
               "without a call, and %d of %u retries every %u ms over %u s",
               made, wn_name(refused), wait_s, through, tries, wait_s * 1000 / 4, 2 * wait_s);
        return;
    }
    /* A window fixed to the clock lets an add through whenever its period turns, after any
     * wait: the idle wait's answer is asked again before the retries are blamed. */
    for (int load = 0; load < RETRY_LOADS; load++) {
        int again = through_after_idle(made, wait_s);
        if (again < 0) {
            not_alike(made, refused);
            return;
        }
        if (!again) {
            result("drive.retries", "pass",
                   "the add after %u made was refused (%s); one add was let through after %u s "
                   "without a call, but not again after the same wait: a limit whose refusals "
                   "end at times of the clock, not after a wait, and retries are not judged",
                   made, wn_name(refused), wait_s);
            return;
        }
    }
    result_bad("drive.retries",
               "the add after %u made was refused (%s) and one add was let through after %u s "
               "without a call (in 3 fresh loads), but %u retries every %u ms over %u s after the "
               "same refusal "
               "were all refused, in %d fresh loads: each refused retry put the limit off, "
               "counted as an add or restarting its refill, so a caller that retries (Explorer, "
               "a logon script) is refused for as long as it retries, though it waits longer "
               "than the rate asks",
               made, wn_name(refused), wait_s, tries, wait_s * 1000 / 4, 2 * wait_s, RETRY_LOADS);
}
