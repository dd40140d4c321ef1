/* Helpers of the MPR conformance programs: see mprtest.h. */
#include "mprtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/wn_names.h"

enum mt_expect mt_expect;
tr_shared *mt_rec;

static char prog[64];

#define ROWS 256
#define CELL 160
struct row {
    char tag[16], check[CELL], expected[CELL], observed[CELL];
    unsigned times;
};
static struct row todo_rows[ROWS], report_rows[ROWS];
static unsigned n_todo_rows, n_report_rows, n_rows_dropped;

static void copy_cell(char *dst, const char *src)
{
    snprintf(dst, CELL, "%s", src);
    dst[CELL - 1] = 0;
    for (char *p = dst; *p; p++)
        if (*p == '\n' || *p == '|')
            *p = (*p == '|') ? '/' : ' ';
}

static void add_row(struct row *rows, unsigned *n, int merge, const char *tag,
                    const char *check, const char *expected, const char *observed)
{
    struct row r;
    memset(&r, 0, sizeof(r));
    snprintf(r.tag, sizeof(r.tag), "%s", tag);
    copy_cell(r.check, check);
    copy_cell(r.expected, expected);
    copy_cell(r.observed, observed);
    if (merge) {
        for (unsigned i = 0; i < *n; i++) {
            if (!strcmp(rows[i].check, r.check) && !strcmp(rows[i].observed, r.observed) &&
                !strcmp(rows[i].tag, r.tag)) {
                rows[i].times++;
                return;
            }
        }
    }
    if (*n >= ROWS) {
        n_rows_dropped++;
        return;
    }
    r.times = 1;
    rows[(*n)++] = r;
}

void mt_init(const char *name)
{
    const char *e = getenv("CONNOTIFY_EXPECT");
    const char *bin = getenv("CONNOTIFY_BIN");
    WCHAR log[MAX_PATH];

    snprintf(prog, sizeof(prog), "%s", name);
    if (!e || (strcmp(e, "stock") && strcmp(e, "dispatch"))) {
        printf("%s: error: CONNOTIFY_EXPECT must be 'stock' (MPR dispatches to no "
               "notifier, as stock Wine) or 'dispatch' (patched MPR or Windows), got %s%s%s\n",
               name, e ? "'" : "nothing", e ? e : "", e ? "'" : "");
        exit(2);
    }
    if (!bin || !*bin) {
        printf("%s: error: CONNOTIFY_BIN must be the Windows path of the directory "
               "holding the test DLLs (connotify.reg uses %%CONNOTIFY_BIN%%)\n", name);
        exit(2);
    }
    mt_expect = strcmp(e, "stock") ? MT_EXPECT_DISPATCH : MT_EXPECT_STOCK;
    mt_rec = tr_open();
    if (!mt_rec) {
        printf("%s: error: cannot map the shared record (error %lu)\n", name, GetLastError());
        exit(2);
    }
    wtest_start(name);
    /* The reference notifier appends to CONNOTIFY_LOG and opens it lazily on
     * its first call: start each run with an empty log. */
    if (GetEnvironmentVariableW(L"CONNOTIFY_LOG", log, MAX_PATH) && log[0])
        DeleteFileW(log);
    trace("expectation %s: %s; CONNOTIFY_BIN=%s\n", e,
          mt_expect == MT_EXPECT_STOCK ? "no notifier dispatch (dispatch checks are todo)"
                                       : "MPR dispatches to every Notifyees DLL",
          bin);
}

void mt_reset(void)
{
    tr_reset(mt_rec);
}

void mt_connect(const WCHAR *local, const WCHAR *remote)
{
    for (unsigned i = 0; i < TR_CONNS; i++) {
        tr_conn *c = &mt_rec->conn[i];
        if (c->used)
            continue;
        lstrcpynW(c->local, local ? local : L"", TR_NAME_CAP);
        lstrcpynW(c->remote, remote ? remote : L"", TR_NAME_CAP);
        c->used = 1;
        return;
    }
}

char *mt_narrow(const WCHAR *s)
{
    static char bufs[8][TR_NAME_CAP];
    static unsigned i;
    char *b;
    if (!s)
        return NULL;
    b = bufs[i++ % 8];
    WideCharToMultiByte(CP_ACP, 0, s, -1, b, TR_NAME_CAP, NULL, NULL);
    b[TR_NAME_CAP - 1] = 0;
    return b;
}

static void print_table(const char *title, const struct row *rows, unsigned n, int times)
{
    printf("%s\n", title);
    printf("| check | tag | expected | observed |%s\n", times ? " times |" : "");
    printf("|---|---|---|---|%s\n", times ? "---|" : "");
    for (unsigned i = 0; i < n; i++) {
        if (times)
            printf("| %s | %s | %s | %s | %u |\n", rows[i].check, rows[i].tag,
                   rows[i].expected, rows[i].observed, rows[i].times);
        else
            printf("| %s | %s | %s | %s |\n", rows[i].check, rows[i].tag,
                   rows[i].expected, rows[i].observed);
    }
}

int mt_finish(void)
{
    char title[160];
    if (n_todo_rows) {
        snprintf(title, sizeof(title), "%s: todo table, %u dispatch checks marked todo "
                 "(CONNOTIFY_EXPECT=stock: MPR called no notifier):", prog, wtest_todos());
        print_table(title, todo_rows, n_todo_rows, 1);
    }
    if (n_report_rows) {
        snprintf(title, sizeof(title), "%s: report (what MPR did; never fails the run):", prog);
        print_table(title, report_rows, n_report_rows, 0);
    }
    if (n_rows_dropped)
        printf("%s: %u table rows dropped (table full)\n", prog, n_rows_dropped);
    return wtest_end();
}

const tr_event *mt_find(enum tr_source src, enum tr_func func, DWORD phase, unsigned nth)
{
    unsigned n = tr_count(mt_rec);
    for (unsigned i = 0; i < n; i++) {
        const tr_event *ev = &mt_rec->events[i];
        if (!ev->ready || ev->source != (uint32_t)src || ev->func != (uint32_t)func)
            continue;
        if (phase && ev->notify_status != phase)
            continue;
        if (nth-- == 0)
            return ev;
    }
    return NULL;
}

unsigned mt_count(enum tr_source src, enum tr_func func, DWORD phase)
{
    unsigned c = 0;
    while (mt_find(src, func, phase, c))
        c++;
    return c;
}

const tr_event *mt_provider_add(unsigned nth)
{
    unsigned n = tr_count(mt_rec);
    for (unsigned i = 0; i < n; i++) {
        const tr_event *ev = &mt_rec->events[i];
        if (ev->ready && ev->source == TR_SRC_PROVIDER &&
            (ev->func == TR_FN_NPADDCONNECTION || ev->func == TR_FN_NPADDCONNECTION3) &&
            nth-- == 0)
            return ev;
    }
    return NULL;
}

unsigned mt_provider_adds(void)
{
    unsigned c = 0;
    while (mt_provider_add(c))
        c++;
    return c;
}

int mt_dispatch_ok(const char *file, int line, int cond, const char *tag,
                   const char *check, const char *expected, const char *fmt, ...)
{
    char observed[CELL];
    va_list ap;
    int r = 0;

    va_start(ap, fmt);
    vsnprintf(observed, sizeof(observed), fmt, ap);
    va_end(ap);
    observed[sizeof(observed) - 1] = 0;
    todo_if(mt_expect == MT_EXPECT_STOCK)
        r = wtest_ok(file, line, cond, "%s %s: expected %s, got %s\n", tag, check, expected, observed);
    if (mt_expect == MT_EXPECT_STOCK && !cond)
        add_row(todo_rows, &n_todo_rows, 1, tag, check, expected, observed);
    return r;
}

void mt_report(const char *file, int line, const char *tag, const char *behaviour,
               const char *expected, const char *fmt, ...)
{
    char observed[CELL];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(observed, sizeof(observed), fmt, ap);
    va_end(ap);
    observed[sizeof(observed) - 1] = 0;
    wtest_trace(file, line, "report %s %s: expected %s; observed %s\n", tag, behaviour,
                expected, observed);
    add_row(report_rows, &n_report_rows, 0, tag, behaviour, expected, observed);
}

static char *next_buf(void)
{
    static char bufs[8][320];
    static unsigned i;
    return bufs[i++ % 8];
}

static const char *format_w(const WCHAR *s, size_t len, const char *suffix)
{
    char *b = next_buf(), *p = b;
    size_t room = 320 - 16;
    *p++ = '"';
    for (size_t i = 0; i < len && (size_t)(p - b) < room; i++) {
        WCHAR c = s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            *p++ = (char)c;
        else if (c == '\\' || c == '"') {
            *p++ = '\\';
            *p++ = (char)c;
        } else
            p += sprintf(p, "\\u%04x", (unsigned)c);
    }
    *p++ = '"';
    snprintf(p, 16, "%s", suffix);
    return b;
}

const char *mt_name(const tr_name *n)
{
    switch (n->state) {
    case TR_NAME_NULL: return "NULL";
    case TR_NAME_BAD: return "<unreadable pointer>";
    case TR_NAME_TRUNCATED: return format_w(n->s, n->len, "...");
    default: return format_w(n->s, n->len, "");
    }
}

const char *mt_wstr(const WCHAR *s)
{
    return s ? format_w(s, wcslen(s), "") : "NULL";
}

int mt_name_eq(const tr_name *n, const WCHAR *s)
{
    if (!s)
        return n->state == TR_NAME_NULL;
    return n->state == TR_NAME_OK && !wcscmp(n->s, s);
}

const char *mt_status_name(DWORD st)
{
    const char *name = cn_wn_name(st);
    char *b;

    b = next_buf();
    if (name)
        snprintf(b, 320, "%lu (%s)", st, name);
    else
        snprintf(b, 320, "%lu", st);
    return b;
}

const tr_event *mt_check_provider(const mt_op *op)
{
    const tr_event *ev;
    unsigned n;

    if (op->cancel) {
        n = mt_count(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0);
        ok(n == 1, "[doc] NPCancelConnection called once, got %u calls\n", n);
        ev = mt_find(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0, 0);
        if (!ev)
            return NULL;
        ok(mt_name_eq(&ev->local, op->local), "[doc] NPCancelConnection lpName: expected %s, got %s\n",
           mt_wstr(op->local), mt_name(&ev->local));
        ok((ev->force != 0) == (op->force != 0), "[doc] NPCancelConnection fForce: expected %d, got %ld\n",
           op->force, (long)ev->force);
        return ev;
    }
    n = mt_provider_adds();
    ok(n == 1, "[doc] provider NPAddConnection/NPAddConnection3 called once, got %u calls\n", n);
    ev = mt_provider_add(0);
    if (!ev)
        return NULL;
    ok(ev->func == TR_FN_NPADDCONNECTION3, "[wine] MPR calls NPAddConnection3 when WNNC_CON_ADDCONNECTION3 is set, got %s\n",
       tr_func_name(ev->func));
    ok(mt_name_eq(&ev->remote, op->remote), "[doc] provider lpRemoteName: expected %s, got %s\n",
       mt_wstr(op->remote), mt_name(&ev->remote));
    ok(mt_name_eq(&ev->local, op->local), "[doc] provider lpLocalName: expected %s, got %s\n",
       mt_wstr(op->local), mt_name(&ev->local));
    if (op->check_type)
        ok(ev->type == op->type, "[doc] provider dwType: expected %lu, got %lu\n", op->type,
           (DWORD)ev->type);
    if (op->check_hwnd && ev->func == TR_FN_NPADDCONNECTION3)
        ok(ev->hwnd == (uint64_t)(UINT_PTR)op->hwnd, "[doc] NPAddConnection3 hwndOwner: expected %p, got %#llx\n",
           (void *)op->hwnd, (unsigned long long)ev->hwnd);
    if (ev->flags != op->flags && !op->skip_flags)
        trace("provider got dwFlags %#lx for caller's %#lx\n", (DWORD)ev->flags, op->flags);
    return ev;
}
/* Observed text of a check on an event that may be missing. */
static const tr_event no_event;

static const char *seen(const tr_event *ev, const char *missing, const char *fmt, ...) WTEST_PRINTF(3, 4);
static const char *seen(const tr_event *ev, const char *missing, const char *fmt, ...)
{
    char *b = next_buf();
    va_list ap;
    if (!ev)
        return missing;
    va_start(ap, fmt);
    vsnprintf(b, 320, fmt, ap);
    va_end(ap);
    b[319] = 0;
    return b;
}

/* The caller's fields as the notifier saw them in one phase. Every check
 * runs even when the call is missing (ev NULL): it then fails, or is a todo
 * under the stock expectation, so the todo table lists each check. */
static void check_fields(const tr_event *ev, const mt_op *op, const char *phase, const char *missing)
{
    const tr_event *v = ev ? ev : &no_event; /* seen() arguments are evaluated */
    char check[96];
#define FIELD(name) (snprintf(check, sizeof(check), "%s %s", phase, name), check)
    if (op->cancel) {
        dispatch_ok(ev && mt_name_eq(&ev->local, op->local), "[doc]", FIELD("NOTIFYCANCEL.lpName"),
                    "the caller's lpName", "%s", seen(ev, missing, "%s for %s", mt_name(&v->local), mt_wstr(op->local)));
        if (!op->skip_flags)
            dispatch_ok(ev && ev->flags == op->flags, "[doc]", FIELD("NOTIFYCANCEL.dwFlags"),
                        "the caller's dwFlags", "%s", seen(ev, missing, "%#lx for %#lx", (DWORD)v->flags, op->flags));
        else if (ev && ev->flags)
            trace("%s NOTIFYCANCEL.dwFlags %#lx\n", phase, (DWORD)ev->flags);
        dispatch_ok(ev && (ev->force != 0) == (op->force != 0), "[doc]", FIELD("NOTIFYCANCEL.fForce"),
                    "the caller's fForce", "%s", seen(ev, missing, "%ld for %d", (long)v->force, op->force));
        return;
    }
    if (op->check_hwnd)
        dispatch_ok(ev && ev->hwnd == (uint64_t)(UINT_PTR)op->hwnd, "[doc]", FIELD("NOTIFYADD.hwndOwner"),
                    "the caller's hwndOwner", "%s",
                    seen(ev, missing, "%#llx for %p", (unsigned long long)v->hwnd, (void *)op->hwnd));
    if (op->check_type)
        dispatch_ok(ev && ev->type == op->type, "[doc]", FIELD("NOTIFYADD.NetResource.dwType"),
                    "the caller's dwType", "%s", seen(ev, missing, "%lu for %lu", (DWORD)v->type, op->type));
    dispatch_ok(ev && mt_name_eq(&ev->local, op->local), "[doc]", FIELD("NOTIFYADD.NetResource.lpLocalName"),
                "the caller's lpLocalName", "%s", seen(ev, missing, "%s for %s", mt_name(&v->local), mt_wstr(op->local)));
    dispatch_ok(ev && mt_name_eq(&ev->remote, op->remote), "[doc]", FIELD("NOTIFYADD.NetResource.lpRemoteName"),
                "the caller's lpRemoteName", "%s",
                seen(ev, missing, "%s for %s", mt_name(&v->remote), mt_wstr(op->remote)));
    if (op->check_provider)
        dispatch_ok(ev && mt_name_eq(&ev->provider, op->provider), "[doc]", FIELD("NOTIFYADD.NetResource.lpProvider"),
                    "the caller's lpProvider", "%s",
                    seen(ev, missing, "%s for %s", mt_name(&v->provider), mt_wstr(op->provider)));
    else if (ev && !mt_name_eq(&ev->provider, op->provider))
        trace("%s NOTIFYADD.NetResource.lpProvider %s for the caller's %s\n", phase,
              mt_name(&ev->provider), mt_wstr(op->provider));
    if (!op->skip_flags)
        dispatch_ok(ev && ev->flags == op->flags, "[doc]", FIELD("NOTIFYADD.dwAddFlags"),
                    "the caller's dwFlags", "%s", seen(ev, missing, "%#lx for %#lx", (DWORD)v->flags, op->flags));
    else if (ev && ev->flags)
        trace("%s NOTIFYADD.dwAddFlags %#lx\n", phase, (DWORD)ev->flags);
#undef FIELD
}

void mt_check_notify(enum tr_source probe, const mt_op *op, int expect_ctx)
{
    enum tr_func func = op->cancel ? TR_FN_CANCELCONNECTNOTIFY : TR_FN_ADDCONNECTNOTIFY;
    const char *fn = tr_func_name(func);
    const tr_event *pre, *post, *prov, *vpre, *vpost;
    unsigned n_pre, n_post;
    char check[96], phase[64];

    wtest_push_context("%s", tr_source_name(probe));
    prov = op->cancel ? mt_find(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0, 0) : mt_provider_add(0);
    pre = mt_find(probe, func, NOTIFY_PRE, 0);
    vpre = pre ? pre : &no_event;
    n_pre = mt_count(probe, func, NOTIFY_PRE);
#define CHECK(text) (snprintf(check, sizeof(check), "%s %s", fn, text), check)
    dispatch_ok(n_pre == 1, "[doc]", CHECK("PRE called"), "1 call", "%u calls", n_pre);
    dispatch_ok(pre && prov && pre->order < prov->order, "[doc]", CHECK("PRE before the provider call"),
                "PRE order < provider order", "%s",
                seen(pre, "no PRE call", "PRE #%lu, provider #%lu", (DWORD)vpre->order, prov ? (DWORD)prov->order : 0ul));
    dispatch_ok(pre && pre->notify_status == NOTIFY_PRE, "[doc]", CHECK("PRE dwNotifyStatus"), "NOTIFY_PRE (1)",
                "%s", seen(pre, "no PRE call", "%lu", (DWORD)vpre->notify_status));
    dispatch_ok(pre && pre->op_status == WN_SUCCESS, "[doc]", CHECK("PRE dwOperationStatus"), "WN_SUCCESS",
                "%s", seen(pre, "no PRE call", "%s", mt_status_name(vpre->op_status)));
    dispatch_ok(pre && pre->ctx_in == 0, "[doc]", CHECK("PRE lpContext"), "NULL",
                "%s", seen(pre, "no PRE call", "%#llx", (unsigned long long)vpre->ctx_in));
    snprintf(phase, sizeof(phase), "%s PRE", fn);
    check_fields(pre, op, phase, "no PRE call");

    n_post = mt_count(probe, func, NOTIFY_POST);
    post = mt_find(probe, func, NOTIFY_POST, 0);
    vpost = post ? post : &no_event;
    if (!expect_ctx) {
        /* Only a PRE that left lpContext NULL proves the rule. */
        dispatch_ok(pre && pre->ctx_out == 0 && n_post == 0, "[doc]",
                    CHECK("no POST after a PRE that left lpContext NULL"), "a PRE, then 0 POST calls", "%s",
                    seen(pre, "no PRE call", "%u POST calls", n_post));
        wtest_pop_context();
        return;
    }
    dispatch_ok(n_post == 1, "[doc]", CHECK("POST called"), "1 call", "%u calls", n_post);
    dispatch_ok(post && prov && post->order > prov->order, "[doc]", CHECK("POST after the provider call"),
                "POST order > provider order", "%s",
                seen(post, "no POST call", "POST #%lu, provider #%lu", (DWORD)vpost->order, prov ? (DWORD)prov->order : 0ul));
    dispatch_ok(post && post->notify_status == NOTIFY_POST, "[doc]", CHECK("POST dwNotifyStatus"), "NOTIFY_POST (2)",
                "%s", seen(post, "no POST call", "%lu", (DWORD)vpost->notify_status));
    dispatch_ok(post && post->op_status == op->status, "[doc]", CHECK("POST dwOperationStatus"),
                "the provider's result", "%s",
                seen(post, "no POST call", "%s for %s", mt_status_name(vpost->op_status), mt_status_name(op->status)));
    dispatch_ok(post && pre && post->ctx_in == pre->ctx_out, "[doc]", CHECK("POST lpContext"), "the value PRE set",
                "%s", seen(post && pre ? post : NULL, "no PRE/POST pair", "%#llx for %#llx",
                           (unsigned long long)vpost->ctx_in, (unsigned long long)vpre->ctx_out));
    snprintf(phase, sizeof(phase), "%s POST", fn);
    check_fields(post, op, phase, "no POST call");
    if (op->cancel && op->status == WN_SUCCESS) {
        dispatch_ok(post && mt_name_eq(&post->provider, TR_PROVIDER_NAME), "[doc]", CHECK("POST NOTIFYCANCEL.lpProvider"),
                    "the name of the provider that cancelled", "%s",
                    seen(post, "no POST call", "%s", mt_name(&vpost->provider)));
    } else if (op->cancel && post) {
        trace("%s POST after %s: lpProvider %s\n", fn, mt_status_name(op->status), mt_name(&post->provider));
    }
#undef CHECK
    wtest_pop_context();
}
