/* A cap on persistent mappings, and cancels that keep them (see persistent_cap.h). */
#include "persistent_cap.h"

#include "call.h"
#include "drive_series.h"
#include "fresh_load.h"

#include <stdio.h>

enum { DRIVES = DRIVE_SERIES_MAX - 1, NO_CAP = 0xffff };

static struct drive_series series;

/* Persistent adds of drives 0 to n - 1; the first refused, or n. */
static unsigned persistent_adds(unsigned n, const char *what)
{
    for (unsigned i = 0; i < n; i++) {
        if (drive_series_add(&series, i, CONNECT_UPDATE_PROFILE, WN_SUCCESS, what) != WN_SUCCESS)
            return i;
    }
    return n;
}

/* Drives 0 to n - 1 cancelled and forgotten (CONNECT_UPDATE_PROFILE): what a notifier keeps
 * across loads (a copy in the registry) is back as it was. */
static void forget(unsigned n, const char *what)
{
    for (unsigned i = 0; i < n; i++)
        drive_series_cancel(&series, i, CONNECT_UPDATE_PROFILE, what);
}

static DWORD ask_cap(const void *arg)
{
    (void)arg;
    const char *what = "persistent adds on E: onwards until one is refused";
    unsigned k = persistent_adds(DRIVES, what);
    forget(k, what);
    return k == DRIVES ? NO_CAP : k;
}

/* After k persistent adds (then, with plain_cancel, a cancel of E: with dwFlags 0): drive k
 * added with `flags` (its answer), then all forgotten. */
static DWORD ask_next(unsigned k, DWORD flags, int plain_cancel, const char *what)
{
    if (persistent_adds(k, what) != k)
        return FRESH_NO_ANSWER;
    if (plain_cancel)
        drive_series_cancel(&series, 0, 0, what);
    DWORD r = drive_series_add(&series, k, flags, WN_SUCCESS, what);
    if (r == WN_SUCCESS)
        drive_series_cancel(&series, k, CONNECT_UPDATE_PROFILE, what);
    forget(k, what);
    return r;
}

static DWORD ask_at_cap(const void *arg)
{
    return ask_next(*(const unsigned *)arg, CONNECT_UPDATE_PROFILE, 0,
                    "persistent adds up to the cap, then one more");
}

static DWORD ask_temporary(const void *arg)
{
    return ask_next(*(const unsigned *)arg, CONNECT_TEMPORARY, 0,
                    "persistent adds up to the cap, then a temporary add");
}

static DWORD ask_not_remembered(const void *arg)
{
    return ask_next(*(const unsigned *)arg, 0, 0,
                    "persistent adds up to the cap, then an add with dwAddFlags 0 (not "
                    "remembered)");
}

static DWORD ask_after_plain_cancel(const void *arg)
{
    return ask_next(*(const unsigned *)arg, CONNECT_UPDATE_PROFILE, 1,
                    "persistent adds up to the cap, a cancel of E: with dwFlags 0 (it stays "
                    "remembered), then one more persistent add");
}

static int cap_misread(char *text, size_t cap)
{
    DWORD k = 0;
    DWORD refused = WN_SUCCESS;
    DWORD temporary = WN_SUCCESS;
    DWORD got = WN_SUCCESS;
    if (!fresh_load_answer(ask_cap, NULL, &k) || k == NO_CAP || k == 0)
        return 0;
    unsigned n = (unsigned)k;
    if (!fresh_load_answer(ask_at_cap, &n, &refused) || refused == WN_SUCCESS)
        return 0;
    /* A temporary add refused there too: a cap on live connections, which such a cancel
     * ends. */
    if (!fresh_load_answer(ask_temporary, &n, &temporary) || temporary != WN_SUCCESS)
        return 0;
    if (fresh_load_differs(ask_not_remembered, &n, temporary, &got)) {
        snprintf(text, cap,
                 "after %u persistent adds (CONNECT_UPDATE_PROFILE) on E: onwards, one more on "
                 "%ls returned %s while a temporary add there (CONNECT_TEMPORARY) returned "
                 "WN_SUCCESS: a cap on remembered connections; an add there with dwAddFlags 0 "
                 "returned %s (twice, in fresh loads), though only CONNECT_UPDATE_PROFILE makes "
                 "a connection remembered [doc: WNetAddConnection2]: the most common call, "
                 "WNetAddConnection2 with flags 0, refused by a cap that is not its own",
                 n, series.device[n], wn_name(refused), wn_name(got));
        return 1;
    }
    if (!fresh_load_differs(ask_after_plain_cancel, &n, refused, &got) || got != WN_SUCCESS)
        return 0;
    snprintf(text, cap,
             "after %u persistent adds (CONNECT_UPDATE_PROFILE) on E: onwards, one more on %ls "
             "returned %s while a temporary add there returned WN_SUCCESS: a cap on remembered "
             "connections; after a cancel of E: with dwFlags 0, which leaves E: remembered and "
             "restored at the next logon [doc: WNetCancelConnection2], it returned WN_SUCCESS "
             "(twice, in fresh loads): a connection the system still restores counted as gone",
             n, series.device[n], wn_name(refused));
    return 1;
}

int persistent_cap_misread(char *text, size_t cap)
{
    drive_series_init(&series, L"\\\\fileserver\\home");
    int found = cap_misread(text, cap);
    drive_series_profile_clear(&series);
    return found;
}
