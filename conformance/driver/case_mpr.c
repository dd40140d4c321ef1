/* cn_conform mpr case: real WNet calls through mpr.dll with the notifier
 * registered in Notifyees. The notifier's and the provider's exports are
 * interposed in their export tables, so any notifier (not only one that
 * logs) shows when MPR called it: PRE, provider, POST, in order. */
#include "cases.h"

#include "call.h"
#include "child.h"
#include "crash.h"
#include "measure.h"
#include "out.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define NOTIFYEES L"System\\CurrentControlSet\\Control\\NetworkProvider\\Notifyees"
#define ORDER L"System\\CurrentControlSet\\Control\\NetworkProvider\\Order"
#define SERVICE L"ConnotifyConformanceProvider"
#define SERVICE_KEY L"System\\CurrentControlSet\\Services\\" SERVICE L"\\NetworkProvider"
#define VALUE L"ConnotifyConformance"

/* ---------------- the operations ---------------- */

enum { OP_ADD2, OP_ADD3, OP_CANCEL2 };
static const struct op {
    int kind;
    const WCHAR *local, *remote;
    DWORD flags;
    BOOL force;
    const char *text;
} ops[] = {
    { OP_ADD2, L"Q:", L"\\\\conformance\\share", CONNECT_TEMPORARY, FALSE, "WNetAddConnection2W Q: \\\\conformance\\share" },
    { OP_ADD2, L"Q:", L"\\\\conformance\\share", CONNECT_TEMPORARY, FALSE, "WNetAddConnection2W Q: again" },
    { OP_CANCEL2, L"Q:", NULL, 0, TRUE, "WNetCancelConnection2W Q: (force)" },
    { OP_CANCEL2, L"Q:", NULL, 0, FALSE, "WNetCancelConnection2W Q: again" },
    { OP_ADD3, NULL, L"\\\\conformance\\ipc", 0, FALSE, "WNetAddConnection3W (no local name) \\\\conformance\\ipc" },
    { OP_CANCEL2, L"\\\\conformance\\ipc", NULL, 0, FALSE, "WNetCancelConnection2W \\\\conformance\\ipc" },
};
#define NOPS (int)(sizeof ops / sizeof ops[0])

typedef DWORD (WINAPI *add2_fn)(NETRESOURCEW *, const WCHAR *, const WCHAR *, DWORD);
typedef DWORD (WINAPI *add3_fn)(HWND, NETRESOURCEW *, const WCHAR *, const WCHAR *, DWORD);
typedef DWORD (WINAPI *cancel2_fn)(const WCHAR *, DWORD, BOOL);

static DWORD run_op(HMODULE mpr, int i)
{
    const struct op *o = &ops[i];
    NETRESOURCEW nr = { .dwType = RESOURCETYPE_DISK, .lpLocalName = (WCHAR *)o->local,
                        .lpRemoteName = (WCHAR *)o->remote };
    switch (o->kind) {
    case OP_ADD2: {
        add2_fn f = (add2_fn)(void *)GetProcAddress(mpr, "WNetAddConnection2W");
        return f(&nr, NULL, NULL, o->flags);
    }
    case OP_ADD3: {
        add3_fn f = (add3_fn)(void *)GetProcAddress(mpr, "WNetAddConnection3W");
        return f(NULL, &nr, NULL, NULL, o->flags);
    }
    default: {
        cancel2_fn f = (cancel2_fn)(void *)GetProcAddress(mpr, "WNetCancelConnection2W");
        return f(o->local, o->flags, o->force);
    }
    }
}

/* Baseline: the same operations in a child process, notifier unregistered. */
int mpr_ops_child(void)
{
    HMODULE mpr = LoadLibraryW(L"mpr.dll");
    if (!mpr) return 1;
    for (int i = 0; i < NOPS; i++) printf("OPRESULT\t%d\t%lu\n", i, (unsigned long)run_op(mpr, i));
    fflush(stdout);
    return 0;
}

/* ---------------- events ---------------- */

struct event {
    double t, dur;
    DWORD tid;
    int op;
    char kind[10];
    char text[200];
};
static struct event events[512];
static volatile LONG nevents;
static volatile int cur_op = -1;
static double t_start;

static struct event *ev_new(const char *kind)
{
    LONG i = InterlockedIncrement(&nevents) - 1;
    if (i >= (LONG)(sizeof events / sizeof events[0])) return NULL;
    struct event *e = &events[i];
    e->t = now_ms() - t_start;
    e->tid = GetCurrentThreadId();
    e->op = cur_op;
    snprintf(e->kind, sizeof e->kind, "%s", kind);
    return e;
}

static void print_events(void)
{
    LONG ne = nevents < 512 ? nevents : 512;
    for (LONG i = 0; i < ne; i++)
        out_line("EVENT\t%.0f\t%.0f\t%lu\t%d\t%s\t%s", events[i].t * 1000.0, events[i].dur * 1000.0,
                 (unsigned long)events[i].tid, events[i].op, events[i].kind, events[i].text);
}

/* Per operation: what the notifier and the provider saw. */
static struct opstat {
    int pre, post, provider;
    double t_pre, t_prov, t_post;
    void *pre_ctx, *post_ctx;
    DWORD prov_ret, post_status, pre_ret, post_ret;
    int retries;          /* POSTs that returned WN_RETRY */
} st[NOPS];

static void short_name(char *buf, size_t cap, const WCHAR *s)
{
    if (!s) snprintf(buf, cap, "NULL");
    else snprintf(buf, cap, "%.60ls", s);
}

/* ---------------- interposition ---------------- */

static add_fn real_add;
static cancel_fn real_cancel;
typedef DWORD (WINAPI *npadd3_fn)(HWND, NETRESOURCEW *, WCHAR *, WCHAR *, DWORD);
typedef DWORD (WINAPI *npadd_fn)(NETRESOURCEW *, WCHAR *, WCHAR *);
typedef DWORD (WINAPI *npcancel_fn)(WCHAR *, BOOL);
static npadd3_fn real_npadd3;
static npadd_fn real_npadd;
static npcancel_fn real_npcancel;

static void note_notify(struct event *e, int is_pre, NOTIFYINFO *ni, DWORD ret, double t0)
{
    int o = cur_op;
    if (o < 0 || o >= NOPS) return;
    if (is_pre) {
        st[o].pre++;
        st[o].t_pre = t0;
        st[o].pre_ctx = ni->lpContext;
        st[o].pre_ret = ret;
    } else {
        st[o].post++;
        st[o].t_post = t0;
        st[o].post_ctx = ni->lpContext;
        st[o].post_status = ni->dwOperationStatus;
        st[o].post_ret = ret;
        if (ret == WN_RETRY)
            st[o].retries++;
    }
    (void)e;
}

static DWORD WINAPI wrap_add(LPNOTIFYINFO ni, LPNOTIFYADD a)
{
    int pre = ni && ni->dwNotifyStatus == NOTIFY_PRE;
    struct event *e = ev_new(pre ? "pre" : "post");
    char l[64], r[64];
    double t0 = now_ms() - t_start;
    short_name(l, sizeof l, a ? a->NetResource.lpLocalName : NULL);
    short_name(r, sizeof r, a ? a->NetResource.lpRemoteName : NULL);
    DWORD status = ni ? ni->dwOperationStatus : 0;
    void *in_ctx = ni ? ni->lpContext : NULL;
    if (e) snprintf(e->text, sizeof e->text, "AddConnectNotify %s local=%s remote=%s -> did not return",
                    pre ? "PRE" : "POST", l, r);
    set_crash_context("AddConnectNotify %s called by MPR in %s", pre ? "PRE" : "POST",
             cur_op >= 0 && cur_op < NOPS ? ops[cur_op].text : "a WNet call");
    struct pstate before;
    struct pstate after;
    state_take(&before);
    SetLastError(ERROR_SUCCESS);
    DWORD ret = real_add(ni, a);
    DWORD err = GetLastError();
    clear_crash_context();
    state_take(&after);
    check_state(&before, &after, ERROR_SUCCESS, err, pre ? "AddConnectNotify PRE called by MPR" :
                "AddConnectNotify POST called by MPR");
    if (e) {
        e->dur = now_ms() - t_start - t0;
        if (pre)
            snprintf(e->text, sizeof e->text, "AddConnectNotify PRE local=%s remote=%s flags=%#lx -> %s, lpContext %s",
                     l, r, a ? (unsigned long)a->dwAddFlags : 0ul, wn_name(ret), ni->lpContext ? "set" : "NULL");
        else
            snprintf(e->text, sizeof e->text, "AddConnectNotify POST status=%s lpContext %s -> %s",
                     wn_name(status), in_ctx ? "set" : "NULL", wn_name(ret));
    }
    if (ni) note_notify(e, pre, ni, ret, t0);
    return ret;
}

static DWORD WINAPI wrap_cancel(LPNOTIFYINFO ni, LPNOTIFYCANCEL c)
{
    int pre = ni && ni->dwNotifyStatus == NOTIFY_PRE;
    struct event *e = ev_new(pre ? "pre" : "post");
    char n[64], p[64];
    double t0 = now_ms() - t_start;
    short_name(n, sizeof n, c ? c->lpName : NULL);
    /* lpProvider is undefined in PRE [doc]: shown only in POST. */
    short_name(p, sizeof p, c && !pre && ni->dwOperationStatus == WN_SUCCESS ? c->lpProvider : NULL);
    DWORD status = ni ? ni->dwOperationStatus : 0;
    void *in_ctx = ni ? ni->lpContext : NULL;
    if (e) snprintf(e->text, sizeof e->text, "CancelConnectNotify %s name=%s -> did not return",
                    pre ? "PRE" : "POST", n);
    set_crash_context("CancelConnectNotify %s called by MPR in %s", pre ? "PRE" : "POST",
             cur_op >= 0 && cur_op < NOPS ? ops[cur_op].text : "a WNet call");
    struct pstate before;
    struct pstate after;
    state_take(&before);
    SetLastError(ERROR_SUCCESS);
    DWORD ret = real_cancel(ni, c);
    DWORD err = GetLastError();
    clear_crash_context();
    state_take(&after);
    check_state(&before, &after, ERROR_SUCCESS, err, pre ? "CancelConnectNotify PRE called by MPR" :
                "CancelConnectNotify POST called by MPR");
    if (e) {
        e->dur = now_ms() - t_start - t0;
        if (pre)
            snprintf(e->text, sizeof e->text, "CancelConnectNotify PRE name=%s force=%d -> %s, lpContext %s",
                     n, c ? c->fForce : 0, wn_name(ret), ni->lpContext ? "set" : "NULL");
        else
            snprintf(e->text, sizeof e->text, "CancelConnectNotify POST status=%s provider=%s lpContext %s -> %s",
                     wn_name(status), p, in_ctx ? "set" : "NULL", wn_name(ret));
    }
    if (ni) note_notify(e, pre, ni, ret, t0);
    return ret;
}

static void note_provider(struct event *e, DWORD ret, double t0, const char *fn, const char *a, const char *b)
{
    int o = cur_op;
    if (e) {
        e->dur = now_ms() - t_start - t0;
        snprintf(e->text, sizeof e->text, "%s %s %s -> %s", fn, a, b, wn_name(ret));
    }
    if (o >= 0 && o < NOPS) {
        st[o].provider++;
        st[o].t_prov = t0;
        st[o].prov_ret = ret;
    }
}

static DWORD WINAPI wrap_npadd3(HWND h, NETRESOURCEW *nr, WCHAR *pw, WCHAR *user, DWORD flags)
{
    struct event *e = ev_new("provider");
    double t0 = now_ms() - t_start;
    char l[64], r[64];
    short_name(l, sizeof l, nr ? nr->lpLocalName : NULL);
    short_name(r, sizeof r, nr ? nr->lpRemoteName : NULL);
    DWORD ret = real_npadd3(h, nr, pw, user, flags);
    note_provider(e, ret, t0, "NPAddConnection3", l, r);
    return ret;
}

static DWORD WINAPI wrap_npadd(NETRESOURCEW *nr, WCHAR *pw, WCHAR *user)
{
    struct event *e = ev_new("provider");
    double t0 = now_ms() - t_start;
    char l[64], r[64];
    short_name(l, sizeof l, nr ? nr->lpLocalName : NULL);
    short_name(r, sizeof r, nr ? nr->lpRemoteName : NULL);
    DWORD ret = real_npadd(nr, pw, user);
    note_provider(e, ret, t0, "NPAddConnection", l, r);
    return ret;
}

static DWORD WINAPI wrap_npcancel(WCHAR *name, BOOL force)
{
    struct event *e = ev_new("provider");
    double t0 = now_ms() - t_start;
    char n[64];
    short_name(n, sizeof n, name);
    DWORD ret = real_npcancel(name, force);
    note_provider(e, ret, t0, "NPCancelConnection", n, force ? "force" : "");
    return ret;
}

/* Export RVAs are 32-bit and relative to the module: on x86_64 the
 * wrapper is reached through a thunk allocated above the image. */
static void *thunk_for(HMODULE m, void *target)
{
#if defined(__x86_64__)
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((char *)m + ((IMAGE_DOS_HEADER *)m)->e_lfanew);
    uintptr_t a = ((uintptr_t)m + nt->OptionalHeader.SizeOfImage + 0xffff) & ~(uintptr_t)0xffff;
    for (int i = 0; i < 4096; i++, a += 0x10000) {
        unsigned char *p = VirtualAlloc((void *)a, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
        if (!p) continue;
        p[0] = 0x48; p[1] = 0xb8;            /* mov rax, imm64 */
        memcpy(p + 2, &target, 8);
        p[10] = 0xff; p[11] = 0xe0;          /* jmp rax */
        FlushInstructionCache(GetCurrentProcess(), p, 12);
        return p;
    }
    return NULL;
#else
    (void)m;
    return target;  /* 32-bit addition wraps: any address is reachable */
#endif
}

static int hook_export(HMODULE m, const char *name, void *wrapper, void **orig)
{
    char *base = (char *)m;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)m)->e_lfanew);
    IMAGE_DATA_DIRECTORY *dd = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    if (!dd->VirtualAddress) return 0;
    IMAGE_EXPORT_DIRECTORY *ed = (IMAGE_EXPORT_DIRECTORY *)(base + dd->VirtualAddress);
    DWORD *names = (DWORD *)(base + ed->AddressOfNames);
    WORD *ords = (WORD *)(base + ed->AddressOfNameOrdinals);
    DWORD *funcs = (DWORD *)(base + ed->AddressOfFunctions);
    for (DWORD i = 0; i < ed->NumberOfNames; i++) {
        if (strcmp(base + names[i], name)) continue;
        DWORD *slot = &funcs[ords[i]];
        void *thunk = thunk_for(m, wrapper);
        DWORD old;
        if (!thunk || !VirtualProtect(slot, sizeof *slot, PAGE_READWRITE, &old)) return 0;
        *orig = base + *slot;
        *slot = (DWORD)((uintptr_t)thunk - (uintptr_t)base);
        VirtualProtect(slot, sizeof *slot, old, &old);
        return 1;
    }
    return 0;
}

/* ---------------- registry ---------------- */

static int reg_set(const WCHAR *key, const WCHAR *name, DWORD type, const void *data, DWORD size)
{
    HKEY k;
    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, key, 0, NULL, 0, KEY_SET_VALUE, NULL, &k, NULL)) return 0;
    LONG r = RegSetValueExW(k, name, 0, type, data, size);
    RegCloseKey(k);
    return r == ERROR_SUCCESS;
}

static int reg_set_str(const WCHAR *key, const WCHAR *name, DWORD type, const WCHAR *s)
{
    return reg_set(key, name, type, s, (DWORD)((wcslen(s) + 1) * sizeof(WCHAR)));
}

static void reg_del(const WCHAR *key, const WCHAR *name)
{
    HKEY k;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, key, 0, KEY_SET_VALUE, &k)) return;
    RegDeleteValueW(k, name);
    RegCloseKey(k);
}

static WCHAR old_order[1024];
static int had_order;

static int register_provider(void)
{
    DWORD cls = 1; /* Class = WN_NETWORK_CLASS [doc] */
    HKEY k;
    DWORD size = sizeof old_order - sizeof(WCHAR);
    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, ORDER, 0, KEY_QUERY_VALUE, &k)) {
        had_order = !RegQueryValueExW(k, L"ProviderOrder", NULL, NULL, (BYTE *)old_order, &size);
        RegCloseKey(k);
    }
    return reg_set_str(SERVICE_KEY, L"Name", REG_SZ, L"Connotify Conformance Provider") &&
           reg_set_str(SERVICE_KEY, L"ProviderPath", REG_EXPAND_SZ, cf.provider) &&
           reg_set(SERVICE_KEY, L"Class", REG_DWORD, &cls, sizeof cls) &&
           reg_set_str(ORDER, L"ProviderOrder", REG_SZ, SERVICE);
}

static void unregister_all(void)
{
    reg_del(NOTIFYEES, VALUE);
    if (!cf.provider) return;
    if (had_order) reg_set_str(ORDER, L"ProviderOrder", REG_SZ, old_order);
    else reg_del(ORDER, L"ProviderOrder");
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Services\\" SERVICE);
}

/* Runs the baseline child; fills base[] (0xffffffff: unknown). */
static int run_baseline(DWORD *base)
{
    SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
    HANDLE rd, wr;
    PROCESS_INFORMATION pi;
    char buf[4096];
    DWORD got = 0, n;
    for (int i = 0; i < NOPS; i++)
        base[i] = 0xffffffffu;
    if (!CreatePipe(&rd, &wr, &sa, 0)) return 0;
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    if (!child_start(NULL, NULL, L"--mpr-ops-child", wr, NULL, NULL, &pi)) {
        CloseHandle(rd);
        CloseHandle(wr);
        return 0;
    }
    CloseHandle(wr);
    while (got < sizeof buf - 1 && ReadFile(rd, buf + got, (DWORD)(sizeof buf - 1 - got), &n, NULL) && n) got += n;
    buf[got] = 0;
    CloseHandle(rd);
    WaitForSingleObject(pi.hProcess, 30000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    for (char *p = buf; (p = strstr(p, "OPRESULT\t")); p++) {
        int i;
        unsigned long v;
        if (sscanf(p, "OPRESULT\t%d\t%lu", &i, &v) == 2 && i >= 0 && i < NOPS) base[i] = (DWORD)v;
    }
    return 1;
}

/* The checks of this run: mpr.stock.* or mpr.patched.*. */
static const char *variant(void)
{
    return cf.expect_dispatch ? "mpr.patched" : "mpr.stock";
}

static void mpr_result(const char *suffix, const char *verdict, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void mpr_result(const char *suffix, const char *verdict, const char *fmt, ...)
{
    char id[64];
    char text[600];
    va_list ap;
    snprintf(id, sizeof id, "%s.%s", variant(), suffix);
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (!strcmp(verdict, "bad"))
        result_bad(id, "%s", text);
    else
        result(id, verdict, "%s", text);
}

/* The environment kept the check from running: never a pass. */
static void mpr_incomplete(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void mpr_incomplete(const char *fmt, ...)
{
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    mpr_result("dispatch", cf.expect_dispatch ? "incomplete" : "skip", "%s", text);
    if (cf.expect_dispatch) {
        mpr_result("result", "notjudged", "see %s.dispatch", variant());
        mpr_result("retry", "notjudged", "see %s.dispatch", variant());
    }
}

/* [doc] PRE before the provider call; POST after it with the provider's
 * result and the PRE's lpContext, when PRE set one. [w9x] a POST that
 * returned WN_RETRY makes MPR try again: a second provider call and POST. */
static void judge(const DWORD *base, const DWORD *got)
{
    int provider_calls = 0;
    int notified = 0;
    int bad = 0;
    int nonsuccess = 0;
    int differ = 0;
    int vetoed = 0;
    int retries = 0;
    char why[300] = "";
    for (int i = 0; i < NOPS; i++) {
        struct opstat *s = &st[i];
        provider_calls += s->provider;
        notified += s->pre + s->post;
        retries += s->retries;
        if ((s->pre && s->pre_ret != WN_SUCCESS) || (s->post && s->post_ret != WN_SUCCESS))
            nonsuccess++;
        if (base[i] != 0xffffffffu && base[i] != got[i])
            differ++;
        if (!s->provider) {
            /* [w9x] an error from PRE cancels the operation: no provider call. */
            if (s->pre && s->pre_ret != WN_SUCCESS)
                vetoed++;
            continue;
        }
        const char *err = NULL;
        int posts_ok = s->post == 1 || (s->post > 1 && s->retries >= s->post - 1);
        if (s->pre != 1)
            err = "no PRE (or more than one)";
        else if (s->t_pre > s->t_prov)
            err = "PRE came after the provider call";
        else if (s->pre_ctx && !posts_ok)
            err = s->post ? "more than one POST without WN_RETRY" :
                            "PRE set lpContext but no POST followed";
        else if (!s->pre_ctx && s->post)
            err = "a POST followed a PRE that left lpContext NULL";
        else if (s->post && s->t_post < s->t_prov)
            err = "POST came before the provider call";
        else if (s->post && s->post_status != s->prov_ret)
            err = "POST dwOperationStatus is not the provider's result";
        else if (s->post && s->post_ctx != s->pre_ctx)
            err = "POST lpContext is not the PRE's";
        if (err && !bad++)
            snprintf(why, sizeof why, "%s: %s", ops[i].text, err);
    }
    metric("mpr_provider_calls", "%d", provider_calls);
    metric("mpr_notifier_calls", "%d", notified);
    if (!provider_calls && !vetoed) {
        mpr_incomplete("no network provider was reached through mpr.dll (the test provider is "
                       "registered; is mpr.dll's provider list empty?)");
        return;
    }
    if (!cf.expect_dispatch) {
        /* Wine's known gap: a todo, which fails the day it passes. */
        if (!notified)
            mpr_result("dispatch", "todo", "stock mpr.dll called the notifier 0 times for %d WNet "
                       "operations (provider reached %d times): Wine never reads Notifyees [wine]",
                       NOPS, provider_calls);
        else
            mpr_result("dispatch", "fail", "todo passed: stock mpr.dll called the notifier %d "
                       "times; Wine's MPR changed, update the [wine] facts", notified);
        return;
    }
    if (bad)
        mpr_result("dispatch", "bad", "%d of %d operations wrong; first: %s", bad, NOPS, why);
    else
        mpr_result("dispatch", "pass", "%d WNet operations: PRE before and POST after each "
                   "provider call, with its result and the PRE's lpContext (%d notifier calls%s)",
                   NOPS, notified, vetoed ? "; some operations cancelled by an error from PRE" : "");
    if (retries || nonsuccess)
        mpr_result("retry", "bad", "the notifier returned WN_RETRY %d time(s) and an error in %d "
                   "operation(s) through MPR; [w9x] MPR retries after WN_RETRY and may fail the "
                   "caller's operation on an error", retries, nonsuccess);
    else
        mpr_result("retry", "pass", "no WN_RETRY and no error returned through MPR");
    if (differ && nonsuccess) {
        mpr_result("result", "notjudged", "%d caller results changed, and the notifier returned "
                   "errors (see %s.retry)", differ, variant());
        return;
    }
    for (int i = 0; differ && i < NOPS; i++) {
        if (base[i] == 0xffffffffu || base[i] == got[i])
            continue;
        mpr_result("result", "bad", "%s returned %s with the notifier, %s without it, though the "
                   "notifier returned WN_SUCCESS", ops[i].text, wn_name(got[i]), wn_name(base[i]));
        return;
    }
    mpr_result("result", "pass", "all %d caller results equal the run without the notifier", NOPS);
}

void case_mpr(void)
{
    DWORD base[NOPS], got[NOPS];
    HMODULE prov = NULL;
    if (cf.provider) {
        if (!(prov = LoadLibraryW(cf.provider))) {
            mpr_incomplete("the test provider %ls does not load (error %lu)", cf.provider, GetLastError());
            return;
        }
        if (!register_provider()) {
            mpr_incomplete("cannot write the provider registration in HKLM (error %lu)", GetLastError());
            return;
        }
    }
    reg_del(NOTIFYEES, VALUE);
    announce_step("baseline: %d WNet operations without the notifier (child process)", NOPS);
    run_baseline(base);
    if (!reg_set_str(NOTIFYEES, VALUE, REG_EXPAND_SZ, cf.dll)) {
        mpr_incomplete("cannot register the notifier in Notifyees (error %lu)", GetLastError());
        unregister_all();
        return;
    }
    /* The provider's exports are interposed before the notifier loads: a
     * notifier that imports mpr.dll makes MPR resolve its providers then. */
    void *o;
    if (prov) {
        if (hook_export(prov, "NPAddConnection3", (void *)wrap_npadd3, &o))
            real_npadd3 = (npadd3_fn)o;
        if (hook_export(prov, "NPAddConnection", (void *)wrap_npadd, &o))
            real_npadd = (npadd_fn)o;
        if (hook_export(prov, "NPCancelConnection", (void *)wrap_npcancel, &o))
            real_npcancel = (npcancel_fn)o;
    }
    if (!load_notifier()) {
        unregister_all();
        return;
    }
    if (hook_export(cf.mod, "AddConnectNotify", (void *)wrap_add, &o)) real_add = (add_fn)o;
    if (hook_export(cf.mod, "CancelConnectNotify", (void *)wrap_cancel, &o)) real_cancel = (cancel_fn)o;
    if (!real_add || !real_cancel) {
        mpr_incomplete("cannot interpose the notifier's exports");
        unregister_all();
        return;
    }
    announce_step("%d WNet operations through mpr.dll with the notifier registered", NOPS);
    t_start = now_ms();
    HMODULE mpr = LoadLibraryW(L"mpr.dll");
    if (!mpr) {
        mpr_incomplete("mpr.dll does not load (error %lu)", GetLastError());
        unregister_all();
        return;
    }
    t_start = now_ms();
    /* A crash still shows the timeline up to the faulting call. */
    crash_hook = print_events;
    for (int i = 0; i < NOPS; i++) {
        cur_op = i;
        struct event *e = ev_new("call");
        if (e) snprintf(e->text, sizeof e->text, "%s", ops[i].text);
        set_crash_context("%s (MPR calls the notifier)", ops[i].text);
        got[i] = run_op(mpr, i);
        clear_crash_context();
        e = ev_new("result");
        if (e) snprintf(e->text, sizeof e->text, "%s returned %s (without the notifier: %s)", ops[i].text,
                        wn_name(got[i]), base[i] == 0xffffffffu ? "unknown" : wn_name(base[i]));
    }
    cur_op = -1;
    unregister_all();

    print_events();
    crash_hook = NULL;

    judge(base, got);
}
