/* A cap on persistent mappings, and cancels that keep them (see persistent_cap.h). */
#include "persistent_cap.h"

#include "call.h"
#include "fence.h"
#include "fresh_load.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

enum { DRIVES = 20, NO_CAP = 0xffff };

static WCHAR devices[DRIVES + 1][4];
static WCHAR remotes[DRIVES + 1][32];

static void names_init(void)
{
    for (unsigned i = 0; i <= DRIVES; i++) {
        swprintf(devices[i], 4, L"%lc:", (wint_t)(L'E' + i));
        swprintf(remotes[i], 32, L"\\\\fileserver\\home%02u", i);
    }
}

/* An add of drive i with dwAddFlags `flags`: its PRE's answer; the POST (WN_SUCCESS) only
 * when the PRE allowed it and asked for one. */
static DWORD add_drive(unsigned i, DWORD flags, const char *what)
{
    void *ctx = NULL;
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, devices[i], remotes[i], s_provider, flags);
    DWORD r = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (r == WN_SUCCESS && ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, a, what);
    fence_free(a);
    return r;
}

static void cancel_drive(unsigned i, DWORD flags, const char *what)
{
    NOTIFYCANCEL *pre = mk_cancel(devices[i], s_pre_provider, flags, FALSE);
    NOTIFYCANCEL *post = mk_cancel(devices[i], s_provider, flags, FALSE);
    pair_cancel(pre, post, WN_SUCCESS, what);
    fence_free(pre);
    fence_free(post);
}

/* Persistent adds of drives 0 to n - 1; the first refused, or n. */
static unsigned persistent_adds(unsigned n, const char *what)
{
    for (unsigned i = 0; i < n; i++) {
        if (add_drive(i, CONNECT_UPDATE_PROFILE, what) != WN_SUCCESS)
            return i;
    }
    return n;
}

/* Drives 0 to n - 1 cancelled and forgotten (CONNECT_UPDATE_PROFILE): what a notifier keeps
 * across loads (a copy in the registry) is back as it was. */
static void forget(unsigned n, const char *what)
{
    for (unsigned i = 0; i < n; i++)
        cancel_drive(i, CONNECT_UPDATE_PROFILE, what);
}

static DWORD ask_cap(const void *arg)
{
    (void)arg;
    const char *what = "persistent adds on E: onwards until one is refused";
    unsigned k = persistent_adds(DRIVES, what);
    forget(k, what);
    return k == DRIVES ? NO_CAP : k;
}

/* After k persistent adds: drive k added with `flags` (its answer), then all forgotten. */
static DWORD ask_next(unsigned k, DWORD flags, DWORD plain_cancel, const char *what)
{
    if (persistent_adds(k, what) != k)
        return FRESH_NO_ANSWER;
    if (plain_cancel)
        cancel_drive(0, 0, what);
    DWORD r = add_drive(k, flags, what);
    if (r == WN_SUCCESS)
        cancel_drive(k, CONNECT_UPDATE_PROFILE, what);
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

static DWORD ask_after_plain_cancel(const void *arg)
{
    return ask_next(*(const unsigned *)arg, CONNECT_UPDATE_PROFILE, 1,
                    "persistent adds up to the cap, a cancel of E: with dwFlags 0 (it stays "
                    "remembered), then one more persistent add");
}

int persistent_cap_freed(char *text, size_t cap)
{
    names_init();
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
    if (!fresh_load_differs(ask_after_plain_cancel, &n, refused, &got) || got != WN_SUCCESS)
        return 0;
    snprintf(text, cap,
             "after %u persistent adds (CONNECT_UPDATE_PROFILE) on E: onwards, one more on %ls "
             "returned %s while a temporary add there returned WN_SUCCESS: a cap on remembered "
             "connections; after a cancel of E: with dwFlags 0, which leaves E: remembered and "
             "restored at the next logon [doc: WNetCancelConnection2], it returned WN_SUCCESS "
             "(twice, in fresh loads): a connection the system still restores counted as gone",
             n, devices[n], wn_name(refused));
    return 1;
}
