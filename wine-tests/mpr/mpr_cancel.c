/* WNetCancelConnection2W/2A and WNetCancelConnectionW/A through mpr.dll:
 * NPCancelConnection is reached with lpName and fForce, and every notifier
 * gets CancelConnectNotify PRE and POST with lpName, dwFlags, fForce, the
 * provider's result and, after success, lpProvider = the provider's name. */
#include <stdio.h>

#include "mprtest.h"

enum entry { E_CANCEL2W, E_CANCEL2A, E_CANCELW, E_CANCELA };
static const char *const entry_names[] = {
    "WNetCancelConnection2W", "WNetCancelConnection2A", "WNetCancelConnectionW", "WNetCancelConnectionA"};

struct cancel_case {
    const char *what;
    const WCHAR *name;      /* lpName given to the cancel */
    const WCHAR *local;     /* the connection in the provider's table */
    DWORD flags;
    BOOL force;
};

static const struct cancel_case cases[] = {
    {"drive, flags 0, no force", L"X:", L"X:", 0, FALSE},
    {"drive, CONNECT_UPDATE_PROFILE, force", L"Y:", L"Y:", CONNECT_UPDATE_PROFILE, TRUE},
    {"remote name (deviceless), flags 0, force", L"\\\\connotify.invalid\\cancel", NULL, 0, TRUE},
};

static DWORD call_cancel(enum entry e, const struct cancel_case *c, mt_op *op)
{
    memset(op, 0, sizeof(*op));
    op->cancel = 1;
    op->local = c->name;
    op->flags = c->flags;
    op->force = c->force;
    switch (e) {
    case E_CANCEL2W: return WNetCancelConnection2W(c->name, c->flags, c->force);
    case E_CANCEL2A: return WNetCancelConnection2A(mt_narrow(c->name), c->flags, c->force);
    case E_CANCELW:
    case E_CANCELA:
        /* [doc] no dwFlags: MPR decides what NOTIFYCANCEL.dwFlags holds. */
        op->flags = 0;
        op->skip_flags = 1;
        if (e == E_CANCELW)
            return WNetCancelConnectionW(c->name, c->force);
        return WNetCancelConnectionA(mt_narrow(c->name), c->force);
    }
    return ERROR_INVALID_FUNCTION;
}

static int run_case(enum entry e, const struct cancel_case *c, DWORD scripted)
{
    const WCHAR *remote = c->local ? L"\\\\connotify.invalid\\share" : c->name;
    mt_op op;
    DWORD ret;
    int reached;

    mt_reset();
    mt_connect(c->local, remote);
    if (scripted != WN_SUCCESS) {
        mt_rec->provider.result_set = 1;
        mt_rec->provider.result = scripted;
    }
    ret = call_cancel(e, c, &op);
    op.status = scripted;
    ok(ret == scripted, "[doc] %s returned %s, expected the provider's %s\n", entry_names[e],
       mt_status_name(ret), mt_status_name(scripted));
    reached = mt_check_provider(&op) != NULL &&
              mt_count(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0) == 1;
    mt_check_notify(TR_SRC_PROBE1, &op, 1);
    mt_check_notify(TR_SRC_PROBE2, &op, 1);
    if (scripted == WN_SUCCESS)
        ok(!mt_rec->conn[0].used, "[design] the provider's table no longer holds the connection\n");
    return reached;
}

static void test_entry(enum entry e)
{
    unsigned n = sizeof(cases) / sizeof(cases[0]), reached = 0;
    for (unsigned i = 0; i < n; i++) {
        if (e == E_CANCELW || e == E_CANCELA) /* no dwFlags */
            wtest_push_context("%s lpName %s fForce %d", entry_names[e], mt_wstr(cases[i].name), cases[i].force);
        else
            wtest_push_context("%s %s", entry_names[e], cases[i].what);
        reached += run_case(e, &cases[i], WN_SUCCESS);
        wtest_pop_context();
    }
    trace("%s: provider reached in %u of %u cases\n", entry_names[e], reached, n);
}

static void test_WNetCancelConnection2W(void) { test_entry(E_CANCEL2W); }
static void test_WNetCancelConnection2A(void) { test_entry(E_CANCEL2A); }
static void test_WNetCancelConnectionW(void) { test_entry(E_CANCELW); }
static void test_WNetCancelConnectionA(void) { test_entry(E_CANCELA); }

/* A scripted failure reaches the caller and the POST unchanged [doc]. */
static void test_provider_failures(void)
{
    static const DWORD results[] = {WN_NOT_CONNECTED, WN_ACCESS_DENIED};
    for (unsigned i = 0; i < sizeof(results) / sizeof(results[0]); i++) {
        for (unsigned e = E_CANCEL2W; e <= E_CANCELA; e++) {
            wtest_push_context("%s scripted %s", entry_names[e], mt_status_name(results[i]));
            if (run_case((enum entry)e, &cases[0], results[i]))
                trace("%s: scripted %s reached the provider\n", entry_names[e], mt_status_name(results[i]));
            wtest_pop_context();
        }
    }
}

int main(void)
{
    mt_init("mpr_cancel");
    test_WNetCancelConnection2W();
    test_WNetCancelConnection2A();
    test_WNetCancelConnectionW();
    test_WNetCancelConnectionA();
    test_provider_failures();
    return mt_finish();
}
