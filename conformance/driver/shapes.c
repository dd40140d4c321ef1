/* Input shapes for the volume loops (see shapes.h). */
#include "shapes.h"

#include "call.h"
#include "fence.h"
#include "setting_names.h"

#include <stdio.h>
#include <wchar.h>

#define N_REMOTES 7
#define N_SHAPES  (3 * N_REMOTES * 5)

static struct shape shapes[N_SHAPES];
static unsigned n_shapes;
static unsigned n_settings; /* shapes of names from the notifier's settings, after them */

static const WCHAR *const locals[] = { L"Y:", NULL, L"" };
static const char *const local_labels[] = { "Y:", "deviceless", "empty local" };
static const char *const remote_labels[] = {
    "\\\\server\\share",
    "//server/share",
    "\\\\server\\IPC$",
    "a 300-unit UNC name",
    "\\\\server\\share\\sub\\dir",
    "a UNC name with %USERPROFILE%, %APPDATA% and %PATH%",
    "a UNC name of 24 surrogate pairs",
};
static const DWORD add_statuses[] = {
    WN_SUCCESS, WN_BAD_NETNAME, WN_ACCESS_DENIED, WN_ALREADY_CONNECTED, WN_NO_NETWORK,
    WN_BAD_LOCALNAME, WN_CANCEL, WN_EXTENDED_ERROR, ERROR_BAD_NET_NAME,
};
static const DWORD cancel_statuses[] = { WN_SUCCESS, WN_NOT_CONNECTED, WN_OPEN_FILES };

static WCHAR *remote_name(unsigned r)
{
    static WCHAR *made[N_REMOTES];
    if (made[r])
        return made[r];
    if (r == 3) {
        WCHAR buf[301];
        wcscpy(buf, L"\\\\server\\");
        for (unsigned i = 9; i < 300; i++)
            buf[i] = L'x';
        buf[300] = 0;
        made[r] = fence_wstr(buf, "lpRemoteName (300 units)");
        return made[r];
    }
    if (r == 6) {
        WCHAR buf[9 + 48 + 1];
        wcscpy(buf, L"\\\\server\\");
        for (unsigned i = 9; i < 9 + 48; i += 2) {
            buf[i] = 0xd83d; /* U+1F600 */
            buf[i + 1] = 0xde00;
        }
        buf[9 + 48] = 0;
        made[r] = fence_wstr(buf, "lpRemoteName (24 surrogate pairs)");
        return made[r];
    }
    static const WCHAR *const remotes[] = {
        L"\\\\server\\share",
        L"//server/share",
        L"\\\\server\\IPC$",
        NULL,
        L"\\\\server\\share\\sub\\dir",
        /* Variables that expand longer than their names [design]. */
        L"\\\\server\\home\\%USERPROFILE%\\%APPDATA%\\%PATH%",
    };
    made[r] = fence_wstr(remotes[r], "lpRemoteName");
    return made[r];
}

unsigned shapes_init(void)
{
    if (n_shapes)
        return n_shapes + n_settings;
    WCHAR *provider = fence_wstr(PROVIDER, "lpProvider");
    WCHAR *local_names[3];
    for (unsigned i = 0; i < 3; i++)
        local_names[i] = locals[i] ? fence_wstr(locals[i], "lpLocalName") : NULL;
    for (unsigned i = 0; i < N_SHAPES; i++) {
        struct shape *s = &shapes[i];
        unsigned l = i % 3;
        unsigned r = (i / 3) % N_REMOTES;
        int with_provider = (i / (3 * N_REMOTES)) % 2 == 0;
        BOOL force = (i / 2) % 2;
        DWORD flags = i % 4 == 0 ? CONNECT_UPDATE_PROFILE : 0;
        WCHAR *remote = remote_name(r);
        /* A deviceless connection is cancelled by its remote name [doc]. */
        WCHAR *cancel_name = local_names[l] && l == 0 ? local_names[l] : remote;
        s->ordinary = r != 3 && r != 6;
        s->add_status = add_statuses[i % 9];
        s->cancel_status = cancel_statuses[i % 3];
        s->add = mk_add(i % 2 ? RESOURCETYPE_DISK : RESOURCETYPE_ANY, local_names[l], remote,
                        with_provider ? provider : NULL, CONNECT_TEMPORARY | flags);
        s->cancel_pre = mk_cancel(cancel_name, NULL, flags, force);
        s->cancel_post = mk_cancel(cancel_name, s->cancel_status == WN_SUCCESS ? provider : NULL,
                                   flags, force);
        snprintf(s->label, sizeof s->label, "%s, %s, %s, add POST %s, %s cancel POST %s",
                 local_labels[l], remote_labels[r], with_provider ? "provider" : "no provider",
                 wn_name(s->add_status), force ? "forced" : "unforced",
                 wn_name(s->cancel_status));
    }
    n_shapes = N_SHAPES;
    n_settings = setting_shapes();
    return n_shapes + n_settings;
}

const struct shape *shape_at(unsigned i)
{
    i %= n_shapes + n_settings;
    return i < n_shapes ? &shapes[i] : setting_shape_at(i - n_shapes);
}

double shape_cycle(const struct shape *s, double *each)
{
    return shape_cycle_returns(s, each, NULL);
}

void shape_free_calls(struct shape *s)
{
    fence_free(s->add);
    fence_free(s->cancel_pre);
    fence_free(s->cancel_post);
}

double shape_cycle_returns(const struct shape *s, double *each, DWORD *rets)
{
    void *ctx = NULL;
    double d[4] = { 0, 0, 0, 0 };
    DWORD r[4] = {SHAPE_NO_POST, SHAPE_NO_POST, SHAPE_NO_POST, SHAPE_NO_POST};
    r[0] = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, s->add, s->label);
    d[0] = last_call_ms();
    if (ctx) {
        r[1] = call_op(OP_ADD, NULL, NOTIFY_POST, s->add_status, &ctx, s->add, s->label);
        d[1] = last_call_ms();
    }
    ctx = NULL;
    r[2] = call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, s->cancel_pre, s->label);
    d[2] = last_call_ms();
    if (ctx) {
        r[3] =
            call_op(OP_CANCEL, NULL, NOTIFY_POST, s->cancel_status, &ctx, s->cancel_post, s->label);
        d[3] = last_call_ms();
    }
    double slowest = 0;
    for (int i = 0; i < 4; i++) {
        if (each)
            each[i] = d[i];
        if (rets)
            rets[i] = r[i];
        if (d[i] > slowest)
            slowest = d[i];
    }
    return slowest;
}

unsigned shape_adds_refused(const struct shape *s, unsigned n, DWORD before, DWORD *last,
                            double *fastest_ms)
{
    unsigned refused = 0;
    double fastest = 0;
    DWORD rets[4] = {WN_SUCCESS, 0, 0, 0};
    for (unsigned i = 0; i < n; i++) {
        double each[4];
        shape_cycle_returns(s, each, rets);
        if (!i || each[0] < fastest)
            fastest = each[0];
        if (before == WN_SUCCESS && rets[0] != WN_SUCCESS)
            refused++;
    }
    if (last)
        *last = rets[0];
    if (fastest_ms)
        *fastest_ms = fastest;
    return refused;
}

/* Provider results beyond the Win32 codes: ones with no system message text, that an error
 * path for "no text" alone takes. */
static const DWORD beyond_win32[] = {
    0xC000020C /* NTSTATUS: connection disconnected */,
    0xC0000022 /* NTSTATUS: access denied */,
    0x80070035 /* HRESULT of ERROR_BAD_NETPATH */,
    0x80004005 /* E_FAIL */,
    0xE0000001 /* a provider's own code (customer bit) */,
    0x0000E0F1,
    10060 /* WSAETIMEDOUT */,
    12002 /* a WinINet time-out */,
    0x7FFFFFFF,
    0xFFFFFFFF,
};

int shapes_status_sweep(NOTIFYADD *add, NOTIFYCANCEL *pre, NOTIFYCANCEL *post)
{
    int posts = 0;
    size_t n_beyond = sizeof beyond_win32 / sizeof beyond_win32[0];
    for (size_t i = 0; i < SHAPES_LAST_STATUS + n_beyond; i++) {
        DWORD st = i < SHAPES_LAST_STATUS ? (DWORD)i + 1 : beyond_win32[i - SHAPES_LAST_STATUS];
        char what[64];
        snprintf(what, sizeof what, "POST status %lu (%#lx)", (unsigned long)st, (unsigned long)st);
        posts += pair_add(add, st, what);
        posts += pair_cancel(pre, post, st, what);
    }
    return posts;
}
