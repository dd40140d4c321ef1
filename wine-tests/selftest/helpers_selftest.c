/* The helper DLLs without MPR: the test loads the provider and both probes
 * as MPR would (LoadLibrary + GetProcAddress by plain names) and checks the
 * shared record and the scripts: global order, the provider's table and
 * result queue, the probes' context modes and return counts, bounded and
 * fault-free name copies, and that a PRE NOTIFYCANCEL.lpProvider is never
 * read (it points at a PAGE_NOACCESS page here). */
#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <stdint.h>
#include <stdio.h>

#include "test_record.h"
#include "wtest.h"

static PF_NPAddConnection3 np_add3;
static PF_NPCancelConnection np_cancel;
static PF_NPGetConnection np_get;
static PF_AddConnectNotify add_notify[3];
static PF_CancelConnectNotify cancel_notify[3];
static tr_shared *rec;

static HMODULE load(const WCHAR *file)
{
    WCHAR path[MAX_PATH], dir[MAX_PATH];
    HMODULE mod;
    if (!GetEnvironmentVariableW(L"CONNOTIFY_BIN", dir, MAX_PATH)) {
        printf("helpers_selftest: error: CONNOTIFY_BIN must name the DLL directory\n");
        exit(2);
    }
    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, file);
    mod = LoadLibraryW(path);
    if (!mod) {
        printf("helpers_selftest: error: cannot load %ls: %lu\n", path, GetLastError());
        exit(2);
    }
    return mod;
}

static void setup(void)
{
    HMODULE prov = load(L"connotify_test_provider.dll");
    np_add3 = (PF_NPAddConnection3)(void *)GetProcAddress(prov, "NPAddConnection3");
    np_cancel = (PF_NPCancelConnection)(void *)GetProcAddress(prov, "NPCancelConnection");
    np_get = (PF_NPGetConnection)(void *)GetProcAddress(prov, "NPGetConnection");
    for (int i = 1; i <= 2; i++) {
        HMODULE p = load(i == 1 ? L"connotify_probe1.dll" : L"connotify_probe2.dll");
        add_notify[i] = (PF_AddConnectNotify)(void *)GetProcAddress(p, "AddConnectNotify");
        cancel_notify[i] = (PF_CancelConnectNotify)(void *)GetProcAddress(p, "CancelConnectNotify");
    }
    rec = tr_open();
    if (!rec || !np_add3 || !np_cancel || !np_get || !add_notify[1] || !add_notify[2] ||
        !cancel_notify[1] || !cancel_notify[2]) {
        printf("helpers_selftest: error: missing export or record\n");
        exit(2);
    }
}

static const tr_event *event(unsigned i)
{
    return i < tr_count(rec) ? &rec->events[i] : NULL;
}

static void test_provider_table(void)
{
    NETRESOURCEW nr = {0};
    WCHAR buf[64];
    DWORD len = 64, ret;

    tr_reset(rec);
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)L"X:";
    nr.lpRemoteName = (WCHAR *)L"\\\\srv\\share";
    ret = np_add3(NULL, &nr, NULL, NULL, CONNECT_TEMPORARY);
    ok(ret == WN_SUCCESS, "[design] first add: %lu\n", ret);
    ret = np_add3(NULL, &nr, NULL, NULL, 0);
    ok(ret == WN_ALREADY_CONNECTED, "[design] second add of X:: %lu\n", ret);
    ret = np_get((WCHAR *)L"x:", buf, &len);
    ok(ret == WN_SUCCESS && !wcscmp(buf, L"\\\\srv\\share"), "[design] NPGetConnection: %lu\n", ret);
    len = 2;
    ret = np_get((WCHAR *)L"X:", buf, &len);
    ok(ret == WN_MORE_DATA && len == 12, "[design] NPGetConnection short buffer: %lu, len %lu\n", ret, len);
    ret = np_cancel((WCHAR *)L"X:", TRUE);
    ok(ret == WN_SUCCESS, "[design] cancel: %lu\n", ret);
    ret = np_cancel((WCHAR *)L"X:", TRUE);
    ok(ret == WN_NOT_CONNECTED, "[design] second cancel: %lu\n", ret);
    ret = np_cancel(NULL, FALSE);
    ok(ret == WN_NOT_CONNECTED, "[design] cancel NULL: %lu\n", ret);

    ok(tr_count(rec) == 7, "[design] 7 events recorded, got %u\n", tr_count(rec));
    for (unsigned i = 0; i < tr_count(rec); i++)
        ok(event(i)->order == i + 1 && event(i)->ready && event(i)->tid == GetCurrentThreadId(),
           "[design] event %u: order %lu ready %ld\n", i, (DWORD)event(i)->order, event(i)->ready);
    ok(event(0)->func == TR_FN_NPADDCONNECTION3 && event(0)->flags == CONNECT_TEMPORARY &&
       !wcscmp(event(0)->local.s, L"X:") && event(0)->type == RESOURCETYPE_DISK &&
       (event(0)->nulls & TR_NULL_PASSWORD), "[design] add event fields\n");
    ok(event(4)->func == TR_FN_NPCANCELCONNECTION && event(4)->force == TRUE, "[design] cancel event fields\n");
    ok(event(6)->local.state == TR_NAME_NULL, "[design] NULL name recorded as NULL: %lu\n",
       (DWORD)event(6)->local.state);
}

static void test_provider_script(void)
{
    NETRESOURCEW nr = {0};
    DWORD r1, r2, r3;

    tr_reset(rec);
    nr.lpLocalName = (WCHAR *)L"";
    nr.lpRemoteName = (WCHAR *)L"\\\\srv\\q";
    rec->provider.queue[0] = WN_BAD_NETNAME;
    rec->provider.queue[1] = WN_ACCESS_DENIED;
    rec->provider.queue_len = 2;
    rec->provider.result_set = 1;
    rec->provider.result = WN_ALREADY_CONNECTED;
    r1 = np_add3(NULL, &nr, NULL, NULL, 0);
    r2 = np_add3(NULL, &nr, NULL, NULL, 0);
    r3 = np_add3(NULL, &nr, NULL, NULL, 0);
    ok(r1 == WN_BAD_NETNAME && r2 == WN_ACCESS_DENIED && r3 == WN_ALREADY_CONNECTED,
       "[design] queue then sticky result: %lu %lu %lu\n", r1, r2, r3);
    ok(!rec->conn[0].used, "[design] failed adds leave the table empty\n");
}

/* A name longer than the record's bound is kept truncated; an unreadable
 * pointer is recorded as such, never dereferenced into a fault. */
static void test_names(void)
{
    static WCHAR long_name[300];
    NOTIFYINFO info = {NOTIFY_PRE, WN_SUCCESS, NULL};
    NOTIFYADD add = {0};
    DWORD ret;

    for (int i = 0; i < 299; i++)
        long_name[i] = L'a' + i % 26;
    tr_reset(rec);
    add.NetResource.lpRemoteName = long_name;
    add.NetResource.lpLocalName = (WCHAR *)(UINT_PTR)0x10; /* unreadable */
    ret = add_notify[1](&info, &add);
    ok(ret == WN_SUCCESS, "[design] PRE returned %lu\n", ret);
    ok(event(0)->remote.state == TR_NAME_TRUNCATED && event(0)->remote.len == TR_NAME_CAP - 1,
       "[design] long name truncated: state %lu len %lu\n", (DWORD)event(0)->remote.state,
       (DWORD)event(0)->remote.len);
    ok(event(0)->local.state == TR_NAME_BAD, "[design] unreadable name: state %lu\n",
       (DWORD)event(0)->local.state);
}

static void test_probe_scripts(void)
{
    NOTIFYINFO info;
    NOTIFYCANCEL cancel = {0};
    BYTE *noaccess;
    DWORD old, ret;
    void *ctx1, *ctx2;

    noaccess = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    VirtualProtect(noaccess, 4096, PAGE_NOACCESS, &old);

    tr_reset(rec);
    cancel.lpName = (WCHAR *)L"X:";
    cancel.lpProvider = (WCHAR *)noaccess; /* [doc] undefined in PRE */
    cancel.fForce = TRUE;
    info.dwNotifyStatus = NOTIFY_PRE;
    info.dwOperationStatus = WN_SUCCESS;
    info.lpContext = NULL;
    ret = cancel_notify[1](&info, &cancel);
    ctx1 = info.lpContext;
    ok(ret == WN_SUCCESS && ctx1 != NULL, "[design] probe1 PRE: %lu, context %p\n", ret, ctx1);
#ifdef _WIN64
    ok(((UINT_PTR)ctx1 >> 32) != 0, "[design] default context uses the high half: %p\n", ctx1);
#endif
    ok(event(0)->provider_ptr == (uint64_t)(UINT_PTR)noaccess && event(0)->provider.state == TR_NAME_NULL,
       "[design] PRE lpProvider kept as a raw value, not read\n");

    rec->probe[2].ctx_mode = TR_CTX_NULL;
    rec->probe[2].pre_ret = WN_CANCEL;
    rec->probe[2].pre_count = 1;
    info.lpContext = NULL;
    ret = cancel_notify[2](&info, &cancel);
    ok(ret == WN_CANCEL && info.lpContext == NULL, "[design] probe2 scripted PRE: %lu, %p\n", ret, info.lpContext);
    info.lpContext = NULL;
    ret = cancel_notify[2](&info, &cancel);
    ok(ret == WN_SUCCESS, "[design] the PRE count ran out: %lu\n", ret);

    rec->probe[1].ctx_fixed = 1;
    rec->probe[1].ctx_base = 1;
    info.lpContext = NULL;
    cancel_notify[1](&info, &cancel);
    ctx2 = info.lpContext;
    ok(ctx2 == (void *)1, "[design] fixed context: %p\n", ctx2);

    cancel.lpProvider = (WCHAR *)TR_PROVIDER_NAME;
    info.dwNotifyStatus = NOTIFY_POST;
    info.dwOperationStatus = WN_NOT_CONNECTED;
    info.lpContext = ctx1;
    rec->probe[1].post_ret = WN_RETRY;
    rec->probe[1].post_count = 1;
    ret = cancel_notify[1](&info, &cancel);
    ok(ret == WN_RETRY, "[design] scripted POST: %lu\n", ret);
    ok(event(4)->notify_status == NOTIFY_POST && event(4)->op_status == WN_NOT_CONNECTED &&
       event(4)->ctx_in == (uint64_t)(UINT_PTR)ctx1 && !wcscmp(event(4)->provider.s, TR_PROVIDER_NAME) &&
       event(4)->force == TRUE, "[design] POST event fields\n");
    ret = add_notify[1](NULL, NULL);
    ok(ret == WN_BAD_POINTER && (event(5)->nulls & (TR_NULL_INFO | TR_NULL_STRUCT)) == (TR_NULL_INFO | TR_NULL_STRUCT),
       "[design] NULL arguments: %lu, nulls %#lx\n", ret, (DWORD)event(5)->nulls);
    VirtualFree(noaccess, 0, MEM_RELEASE);
}

static void test_overflow(void)
{
    NOTIFYINFO info = {NOTIFY_PRE, WN_SUCCESS, NULL};
    NOTIFYADD add = {0};

    tr_reset(rec);
    for (int i = 0; i < TR_EVENTS + 10; i++) {
        info.lpContext = NULL;
        add_notify[2](&info, &add);
    }
    ok(tr_count(rec) == TR_EVENTS && rec->n_events == TR_EVENTS + 10,
       "[design] a full record keeps %u events and counts the rest: %u, %ld\n", TR_EVENTS, tr_count(rec),
       rec->n_events);
}

int main(void)
{
    wtest_start("helpers_selftest");
    setup();
    test_provider_table();
    test_provider_script();
    test_names();
    test_probe_scripts();
    test_overflow();
    return wtest_end();
}
