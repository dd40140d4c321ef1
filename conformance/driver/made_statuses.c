/* POST statuses that say the connection was made (see made_statuses.h). */
#include "made_statuses.h"

#include "call.h"
#include "drive_series.h"
#include "fresh_load.h"

#include <stdio.h>

enum { MADE = DRIVE_SERIES_MAX - 1 };

static struct drive_series series;

/* Drives 0 to MADE - 1 added, each POST with `status` when its PRE allowed it and asked for
 * one, then drive MADE added (its PRE's answer, the one asked), then every drive cancelled. */
static DWORD ask_after(const void *arg)
{
    DWORD status = *(const DWORD *)arg;
    char what[120];
    snprintf(what, sizeof what,
             "%d adds whose POST said %lu (a connection made), then one more add", MADE,
             (unsigned long)status);
    for (unsigned i = 0; i < MADE; i++)
        drive_series_add(&series, i, CONNECT_TEMPORARY, status, what);
    DWORD answer = drive_series_add(&series, MADE, CONNECT_TEMPORARY, WN_SUCCESS, what);
    for (unsigned i = 0; i <= MADE; i++)
        drive_series_cancel(&series, i, 0, what);
    return answer;
}

int made_statuses_differ(char *text, size_t cap)
{
    static const DWORD made[] = {WN_CONNECTED_OTHER_PASSWORD, WN_CONNECTED_OTHER_PASSWORD_DEFAULT};
    static const DWORD success = WN_SUCCESS;
    drive_series_init(&series, L"\\\\gateway\\seat");
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
                 series.remote[MADE], series.device[MADE], wn_name(base), MADE, wn_name(got), MADE,
                 (unsigned long)made[i], (unsigned long)made[i]);
        return 1;
    }
    return 0;
}
