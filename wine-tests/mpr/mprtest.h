/* Helpers of the MPR conformance programs: the expectation (env
 * CONNOTIFY_EXPECT), queries of the shared record, dispatch checks that are
 * todo under stock Wine, the checks of one add/cancel operation as seen by a
 * probe, and the tables printed at the end (todo list, report-only rows). */
#ifndef CONNOTIFY_MPRTEST_H
#define CONNOTIFY_MPRTEST_H

#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>

#include "test_record.h"
#include "wtest.h"

/* What MPR is expected to do with the Notifyees: never guessed, always
 * given by CONNOTIFY_EXPECT. */
enum mt_expect {
    MT_EXPECT_STOCK,    /* stock Wine: no notifier dispatch */
    MT_EXPECT_DISPATCH  /* patched MPR or real Windows */
};

extern enum mt_expect mt_expect;
extern tr_shared *mt_rec;

/* wtest_start + expectation + shared record; exits 2 with one line on bad
 * setup (CONNOTIFY_EXPECT unset or invalid, no record). */
void mt_init(const char *name);
/* Prints the todo and report tables, then returns wtest_end(). */
int mt_finish(void);
/* Clears the record before an operation. */
void mt_reset(void);
/* Puts a connection in the provider's table without calling MPR. */
void mt_connect(const WCHAR *local, const WCHAR *remote);
/* Narrow copy of an ASCII wide string (rotating buffers; NULL stays NULL). */
char *mt_narrow(const WCHAR *s);

/* nth (0-based) event of a source and function; phase 0 = any, else the
 * NOTIFYINFO.dwNotifyStatus (NOTIFY_PRE / NOTIFY_POST). */
const tr_event *mt_find(enum tr_source src, enum tr_func func, DWORD phase, unsigned nth);
unsigned mt_count(enum tr_source src, enum tr_func func, DWORD phase);
/* The provider call of an add (NPAddConnection or NPAddConnection3). */
const tr_event *mt_provider_add(unsigned nth);
unsigned mt_provider_adds(void);

/* A check that MPR invoked a notifier. Under CONNOTIFY_EXPECT=stock it is a
 * todo (and a pass is a failure); a todo adds a row (check, tag, expected,
 * observed) to the table mt_finish prints. */
int mt_dispatch_ok(const char *file, int line, int cond, const char *tag,
                   const char *check, const char *expected, const char *fmt, ...)
    WTEST_PRINTF(7, 8);
#define dispatch_ok(cond, tag, check, expected, ...) \
    mt_dispatch_ok(__FILE__, __LINE__, (cond) ? 1 : 0, tag, check, expected, __VA_ARGS__)

/* A report-only observation ([w9x] behaviours, invalid parameters): printed
 * as a trace line and as a row of the report table; never fails. */
void mt_report(const char *file, int line, const char *tag, const char *behaviour,
               const char *expected, const char *fmt, ...) WTEST_PRINTF(6, 7);
#define report(tag, behaviour, expected, ...) \
    mt_report(__FILE__, __LINE__, tag, behaviour, expected, __VA_ARGS__)

/* Printable (UTF-8, escaped, quoted or NULL) forms; rotating static
 * buffers, main thread only. */
const char *mt_name(const tr_name *n);
const char *mt_wstr(const WCHAR *s);
/* A recorded name equals what the caller passed (NULL equals NULL). */
int mt_name_eq(const tr_name *n, const WCHAR *s);
const char *mt_status_name(DWORD status);

/* What an add or cancel should look like to a notifier. */
typedef struct mt_op {
    int cancel;                 /* 0: add, 1: cancel */
    HWND hwnd;                  /* add: NOTIFYADD.hwndOwner expected */
    int check_hwnd;
    DWORD type;                 /* add: NetResource.dwType */
    int check_type;
    const WCHAR *local;         /* add: lpLocalName; cancel: lpName */
    const WCHAR *remote;        /* add */
    const WCHAR *provider;      /* add: lpProvider as passed */
    int check_provider;
    DWORD flags;                /* dwAddFlags / NOTIFYCANCEL.dwFlags */
    int skip_flags;             /* the entry point has no dwFlags */
    BOOL force;                 /* cancel */
    DWORD status;               /* provider result, expected in POST */
} mt_op;

/* Every [doc] check of one operation as seen by one probe: PRE called
 * before the provider with NOTIFY_PRE / WN_SUCCESS / NULL lpContext and the
 * caller's fields; POST (when PRE set a context) after the provider with
 * NOTIFY_POST, the provider's status, the same lpContext and fields; no
 * POST when PRE left lpContext NULL. expect_ctx: the probe was scripted to
 * set a context. */
void mt_check_notify(enum tr_source probe, const mt_op *op, int expect_ctx);

/* The provider call of one operation (routing, [doc]/[wine]): called once,
 * with the caller's names and flags. Returns the provider event or NULL. */
const tr_event *mt_check_provider(const mt_op *op);

#endif /* CONNOTIFY_MPRTEST_H */
