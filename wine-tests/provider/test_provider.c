/* connotify_test_provider.dll: a network provider that never touches a
 * network. It keeps a table of connections in the shared record, returns the
 * result the test scripted (or a table-driven one) and records every call. */
#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <string.h>

#include "test_record.h"

/* Net type of the provider ([doc] high word = network type). */
#define TEST_NET_TYPE WNNC_NET_RDR2SAMPLE

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
        DisableThreadLibraryCalls(inst);
    return TRUE;
}

DWORD WINAPI NPGetCaps(DWORD index)
{
    tr_shared *tr = tr_open();
    if (tr)
        InterlockedIncrement(&tr->getcaps_calls);
    switch (index) {
    case WNNC_SPEC_VERSION: return WNNC_SPEC_VERSION51;
    case WNNC_NET_TYPE: return TEST_NET_TYPE;
    case WNNC_DRIVER_VERSION: return 1;
    case WNNC_CONNECTION:
        return WNNC_CON_ADDCONNECTION | WNNC_CON_ADDCONNECTION3 |
               WNNC_CON_CANCELCONNECTION | WNNC_CON_GETCONNECTIONS;
    case WNNC_START: return 1; /* [doc] started */
    default: return 0;
    }
}

static void conn_lock(tr_shared *tr)
{
    while (InterlockedCompareExchange(&tr->conn_lock, 1, 0))
        SwitchToThread();
}

static void conn_unlock(tr_shared *tr)
{
    InterlockedExchange(&tr->conn_lock, 0);
}

static int name_eq(const WCHAR *a, const WCHAR *b)
{
    return a && b && a[0] && !_wcsicmp(a, b);
}

/* Bounded copy into a table cell; names longer than the cell are refused. */
static int copy_cell(WCHAR *dst, const WCHAR *src)
{
    size_t n = src ? wcsnlen(src, TR_NAME_CAP) : 0;
    if (n >= TR_NAME_CAP)
        return 0;
    if (n)
        memcpy(dst, src, n * sizeof(WCHAR));
    dst[n] = 0;
    return 1;
}

/* The scripted result of this call, or 0xffffffff for table-driven. */
static DWORD scripted(tr_shared *tr)
{
    LONG pos;
    if (tr->provider.queue_len > 0) {
        pos = InterlockedIncrement(&tr->provider.queue_pos) - 1;
        if (pos < tr->provider.queue_len && pos < TR_QUEUE)
            return tr->provider.queue[pos];
    }
    return tr->provider.result_set ? tr->provider.result : 0xffffffffu;
}

static DWORD table_add(tr_shared *tr, const WCHAR *local, const WCHAR *remote, DWORD want)
{
    DWORD ret = WN_OUT_OF_MEMORY;
    int i, free_slot = -1;

    if (!remote && want == 0xffffffffu)
        return WN_BAD_NETNAME;
    conn_lock(tr);
    for (i = 0; i < TR_CONNS; i++) {
        if (!tr->conn[i].used) {
            if (free_slot < 0)
                free_slot = i;
        } else if (name_eq(tr->conn[i].local, local) && want == 0xffffffffu) {
            conn_unlock(tr);
            return WN_ALREADY_CONNECTED;
        }
    }
    if (want != 0xffffffffu && want != WN_SUCCESS) {
        ret = want;
    } else if (free_slot >= 0 && copy_cell(tr->conn[free_slot].local, local) &&
               copy_cell(tr->conn[free_slot].remote, remote)) {
        tr->conn[free_slot].used = 1;
        ret = WN_SUCCESS;
    }
    conn_unlock(tr);
    return ret;
}

static DWORD table_cancel(tr_shared *tr, const WCHAR *name, DWORD want)
{
    DWORD ret = WN_NOT_CONNECTED;
    int i;

    conn_lock(tr);
    for (i = 0; i < TR_CONNS; i++) {
        if (tr->conn[i].used && (name_eq(tr->conn[i].local, name) || name_eq(tr->conn[i].remote, name))) {
            if (want == 0xffffffffu || want == WN_SUCCESS)
                tr->conn[i].used = 0;
            ret = WN_SUCCESS;
            break;
        }
    }
    conn_unlock(tr);
    return want == 0xffffffffu ? ret : want;
}

static void record_netres(tr_event *ev, const NETRESOURCEW *nr)
{
    if (!nr) {
        ev->nulls |= TR_NULL_STRUCT;
        return;
    }
    ev->scope = nr->dwScope;
    ev->type = nr->dwType;
    ev->display_type = nr->dwDisplayType;
    ev->usage = nr->dwUsage;
    tr_copy_name(&ev->local, nr->lpLocalName);
    tr_copy_name(&ev->remote, nr->lpRemoteName);
    tr_copy_name(&ev->comment, nr->lpComment);
    tr_copy_name(&ev->provider, nr->lpProvider);
}

static DWORD add_connection(enum tr_func func, HWND owner, NETRESOURCEW *nr,
                            const WCHAR *password, const WCHAR *user, DWORD flags)
{
    tr_shared *tr = tr_open();
    tr_event *ev;
    DWORD ret;

    if (!tr)
        return WN_NO_NETWORK;
    ev = tr_begin(tr, TR_SRC_PROVIDER, func);
    if (ev) {
        ev->hwnd = (uint64_t)(UINT_PTR)owner;
        ev->flags = flags;
        if (!password)
            ev->nulls |= TR_NULL_PASSWORD;
        if (!user)
            ev->nulls |= TR_NULL_USER;
        record_netres(ev, nr);
    }
    if (!nr)
        ret = WN_BAD_POINTER;
    else
        ret = table_add(tr, nr->lpLocalName, nr->lpRemoteName, scripted(tr));
    if (ev) {
        ev->ret = ret;
        tr_commit(ev);
    }
    return ret;
}

DWORD WINAPI NPAddConnection(LPNETRESOURCEW nr, LPWSTR password, LPWSTR user)
{
    return add_connection(TR_FN_NPADDCONNECTION, NULL, nr, password, user, 0);
}

DWORD WINAPI NPAddConnection3(HWND owner, LPNETRESOURCEW nr, LPWSTR password,
                              LPWSTR user, DWORD flags)
{
    return add_connection(TR_FN_NPADDCONNECTION3, owner, nr, password, user, flags);
}

DWORD WINAPI NPCancelConnection(LPWSTR name, BOOL force)
{
    tr_shared *tr = tr_open();
    tr_event *ev;
    DWORD ret;

    if (!tr)
        return WN_NO_NETWORK;
    ev = tr_begin(tr, TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION);
    if (ev) {
        tr_copy_name(&ev->local, name);
        ev->force = force;
    }
    ret = name ? table_cancel(tr, name, scripted(tr)) : WN_NOT_CONNECTED;
    if (ev) {
        ev->ret = ret;
        tr_commit(ev);
    }
    return ret;
}

DWORD WINAPI NPGetConnection(LPWSTR local, LPWSTR remote, LPDWORD len)
{
    tr_shared *tr = tr_open();
    tr_event *ev;
    DWORD ret = WN_NOT_CONNECTED;
    int i;

    if (!tr)
        return WN_NO_NETWORK;
    ev = tr_begin(tr, TR_SRC_PROVIDER, TR_FN_NPGETCONNECTION);
    if (ev)
        tr_copy_name(&ev->local, local);
    if (!local || !len) {
        ret = WN_BAD_POINTER;
    } else {
        conn_lock(tr);
        for (i = 0; i < TR_CONNS; i++) {
            if (tr->conn[i].used && name_eq(tr->conn[i].local, local)) {
                DWORD need = (DWORD)wcslen(tr->conn[i].remote) + 1;
                if (!remote || *len < need) {
                    *len = need;
                    ret = WN_MORE_DATA;
                } else {
                    memcpy(remote, tr->conn[i].remote, need * sizeof(WCHAR));
                    ret = WN_SUCCESS;
                }
                break;
            }
        }
        conn_unlock(tr);
    }
    if (ev) {
        ev->ret = ret;
        tr_commit(ev);
    }
    return ret;
}
