/* WNetAddConnection2W/2A, 3W/3A and WNetAddConnectionW/A through mpr.dll:
 * the provider is reached with the caller's names, and every registered
 * notifier gets PRE before and POST after the provider call with the
 * CONTRACT.md fields; a scripted provider failure reaches the caller and
 * the POST unchanged. */
#include <stdio.h>

#include "mprtest.h"

enum entry { E_ADD2W, E_ADD2A, E_ADD3W, E_ADD3A, E_ADDW, E_ADDA };
static const char *const entry_names[] = {
    "WNetAddConnection2W", "WNetAddConnection2A", "WNetAddConnection3W",
    "WNetAddConnection3A", "WNetAddConnectionW", "WNetAddConnectionA"};

struct add_case {
    const char *what;
    const WCHAR *local;
    const WCHAR *provider;
    DWORD flags;
    DWORD type;
};

static const struct add_case cases[] = {
    {"drive, named provider, CONNECT_TEMPORARY", L"X:", TR_PROVIDER_NAME, CONNECT_TEMPORARY, RESOURCETYPE_DISK},
    {"NULL local, NULL provider, flags 0", NULL, NULL, 0, RESOURCETYPE_ANY},
    {"empty local, named provider, flags 0", L"", TR_PROVIDER_NAME, 0, RESOURCETYPE_DISK},
    {"drive, NULL provider, CONNECT_UPDATE_PROFILE", L"Y:", NULL, CONNECT_UPDATE_PROFILE, RESOURCETYPE_DISK},
    {"drive, named provider, CONNECT_UPDATE_RECENT", L"W:", TR_PROVIDER_NAME, CONNECT_UPDATE_RECENT, RESOURCETYPE_DISK},
    {"NULL local, named provider, TEMPORARY|UPDATE_RECENT", NULL, TR_PROVIDER_NAME,
     CONNECT_TEMPORARY | CONNECT_UPDATE_RECENT, RESOURCETYPE_ANY},
};

static unsigned serial;

/* Calls one entry point; fills op with what the notifier should see. */
static DWORD call_add(enum entry e, const struct add_case *c, const WCHAR *remote, HWND hwnd, mt_op *op)
{
    NETRESOURCEW nw = {0};
    NETRESOURCEA na = {0};

    memset(op, 0, sizeof(*op));
    op->local = c->local;
    op->remote = remote;
    op->provider = c->provider;
    op->flags = c->flags;
    op->type = c->type;
    op->check_type = 1;
    op->check_provider = 1;
    nw.dwType = na.dwType = c->type;
    nw.lpLocalName = (WCHAR *)c->local;
    nw.lpRemoteName = (WCHAR *)remote;
    nw.lpProvider = (WCHAR *)c->provider;
    na.lpLocalName = mt_narrow(c->local);
    na.lpRemoteName = mt_narrow(remote);
    na.lpProvider = mt_narrow(c->provider);
    switch (e) {
    case E_ADD2W: return WNetAddConnection2W(&nw, NULL, NULL, c->flags);
    case E_ADD2A: return WNetAddConnection2A(&na, NULL, NULL, c->flags);
    case E_ADD3W:
        op->hwnd = hwnd;
        op->check_hwnd = 1;
        return WNetAddConnection3W(hwnd, &nw, NULL, NULL, c->flags);
    case E_ADD3A:
        op->hwnd = hwnd;
        op->check_hwnd = 1;
        return WNetAddConnection3A(hwnd, &na, NULL, NULL, c->flags);
    case E_ADDW:
    case E_ADDA:
        /* No dwType, lpProvider or dwFlags here: MPR picks them. */
        op->check_type = 0;
        op->check_provider = 0;
        op->provider = NULL;
        op->skip_flags = 1;
        op->flags = 0;
        if (e == E_ADDW)
            return WNetAddConnectionW(remote, NULL, c->local);
        return WNetAddConnectionA(mt_narrow(remote), NULL, mt_narrow(c->local));
    }
    return ERROR_INVALID_FUNCTION;
}

/* Undoes a successful add (and its profile entry) outside the checks. */
static void undo(const mt_op *op)
{
    const WCHAR *name = op->local && op->local[0] ? op->local : op->remote;
    WNetCancelConnection2W(name, (op->flags & CONNECT_UPDATE_PROFILE) ? CONNECT_UPDATE_PROFILE : 0, TRUE);
    mt_reset();
}

/* Returns 1 when the provider was reached once. */
static int run_case(enum entry e, const struct add_case *c, DWORD scripted, HWND hwnd)
{
    int reached;
    WCHAR remote[64];
    mt_op op;
    DWORD ret;

    swprintf(remote, 64, L"\\\\connotify.invalid\\share%u", ++serial);
    mt_reset();
    if (scripted != WN_SUCCESS) {
        mt_rec->provider.result_set = 1;
        mt_rec->provider.result = scripted;
    }
    ret = call_add(e, c, remote, hwnd, &op);
    op.status = scripted;
    ok(ret == scripted, "[doc] %s returned %s, expected the provider's %s\n", entry_names[e],
       mt_status_name(ret), mt_status_name(scripted));
    reached = mt_check_provider(&op) && mt_provider_adds() == 1;
    mt_check_notify(TR_SRC_PROBE1, &op, 1);
    mt_check_notify(TR_SRC_PROBE2, &op, 1);
    if (ret == WN_SUCCESS)
        undo(&op);
    return reached;
}

static void test_entry(enum entry e, HWND hwnd)
{
    int plain = e == E_ADDW || e == E_ADDA;
    unsigned n = plain ? 2 : sizeof(cases) / sizeof(cases[0]), reached = 0;
    for (unsigned i = 0; i < n; i++) {
        /* The plain entry points take only the names. */
        wtest_push_context("%s %s", entry_names[e], plain ? (i ? "NULL local" : "drive") : cases[i].what);
        reached += run_case(e, &cases[i], WN_SUCCESS, hwnd);
        wtest_pop_context();
    }
    trace("%s: provider reached in %u of %u cases\n", entry_names[e], reached, n);
}

static void test_WNetAddConnection2W(void) { test_entry(E_ADD2W, NULL); }
static void test_WNetAddConnection2A(void) { test_entry(E_ADD2A, NULL); }
static void test_WNetAddConnection3W(void) { test_entry(E_ADD3W, GetDesktopWindow()); }
static void test_WNetAddConnection3A(void) { test_entry(E_ADD3A, NULL); }
static void test_WNetAddConnectionW(void) { test_entry(E_ADDW, NULL); }
static void test_WNetAddConnectionA(void) { test_entry(E_ADDA, NULL); }

/* A scripted provider failure reaches the caller unchanged and is the POST
 * dwOperationStatus [doc]. Named provider: MPR asks no other provider. */
static void test_provider_failures(void)
{
    static const DWORD results[] = {WN_BAD_NETNAME, WN_ACCESS_DENIED, WN_ALREADY_CONNECTED};
    static const enum entry entries[] = {E_ADD2W, E_ADD2A, E_ADD3W, E_ADD3A};
    const struct add_case *c = &cases[0];

    for (unsigned i = 0; i < sizeof(results) / sizeof(results[0]); i++) {
        for (unsigned j = 0; j < sizeof(entries) / sizeof(entries[0]); j++) {
            wtest_push_context("%s scripted %s", entry_names[entries[j]], mt_status_name(results[i]));
            if (run_case(entries[j], c, results[i], NULL))
                trace("%s: scripted %s reached the provider\n", entry_names[entries[j]],
                      mt_status_name(results[i]));
            wtest_pop_context();
        }
    }
}

int main(void)
{
    mt_init("mpr_add");
    test_WNetAddConnection2W();
    test_WNetAddConnection2A();
    test_WNetAddConnection3W();
    test_WNetAddConnection3A();
    test_WNetAddConnectionW();
    test_WNetAddConnectionA();
    test_provider_failures();
    return mt_finish();
}
