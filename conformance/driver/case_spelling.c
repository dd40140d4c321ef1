/* Case spelling: one resource named another way gets the same answer.
 * Server, share and drive names are case-insensitive [doc], so a name in
 * upper or lower case, or a lower-case drive letter, is the same
 * connection (drive.case). A deviceless add may be RESOURCETYPE_ANY [doc]
 * and becomes a disk connection: what a notifier refuses for DISK it must
 * refuse for ANY [design] (drive.anytype); lpLocalName NULL or "" is the
 * same deviceless connection [doc] (drive.deviceless). The names are three of other
 * forms (DNS, IPv4), the ordinary shapes' and those of the notifier's
 * settings (--settings-file). The same names judge drive.lookalike
 * (lookalike.c) and drive.reuse (buffer_reuse.c). */
#include "cases.h"

#include "answers.h"
#include "apartment_answers.h"
#include "buffer_reuse.h"
#include "order_answers.h"
#include "owner_grant.h"
#include "owner_window.h"
#include "provider_answers.h"
#include "error_answers.h"
#include "stack_answers.h"
#include "thread_answers.h"
#include "token_answers.h"
#include "caller_identity.h"
#include "caller_program.h"
#include "call.h"
#include "device_ops.h"
#include "device_sequences.h"
#include "fence.h"
#include "lookalike.h"
#include "out.h"
#include "script_answers.h"
#include "shapes.h"
#include "shown_name.h"
#include "wanted.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { MAX_NAMES = 64, NAME_UNITS = 260, NAME_TEXT = 700 };

struct spelling {
    const WCHAR *local; /* NULL: deviceless */
    DWORD type;
    const char *how; /* "in upper case", ... */
};

static WCHAR *fenced_local_upper;
static WCHAR *fenced_local_lower;
static WCHAR *fenced_local_empty;

/* Answers of one add and one cancel of `remote` spelt as `sp`. */
static void take(const WCHAR *remote, const struct spelling *sp, DWORD a[ANSWERS])
{
    struct shape s;
    memset(&s, 0, sizeof s);
    WCHAR *name = fence_wstr(remote, "lpRemoteName (spelt another way)");
    WCHAR *provider = fence_wstr(PROVIDER, "lpProvider");
    s.add = mk_add(sp->type, sp->local, name, provider, CONNECT_TEMPORARY);
    const WCHAR *cancel_name = sp->local && sp->local[0] ? sp->local : name;
    s.cancel_pre = mk_cancel(cancel_name, NULL, 0, FALSE);
    s.cancel_post = mk_cancel(cancel_name, provider, 0, FALSE);
    s.add_status = WN_SUCCESS;
    s.cancel_status = WN_SUCCESS;
    s.ordinary = 1;
    snprintf(s.label, sizeof s.label, "%ls, %.120ls", sp->local ? sp->local : L"deviceless",
             remote);
    answers_take(&s, a);
}

static void ascii_case(const WCHAR *in, WCHAR *out, int upper)
{
    size_t k = 0;
    for (; in[k] && k + 1 < NAME_UNITS; k++) {
        WCHAR c = in[k];
        if (upper && c >= 'a' && c <= 'z')
            c = (WCHAR)(c - 32);
        if (!upper && c >= 'A' && c <= 'Z')
            c = (WCHAR)(c + 32);
        out[k] = c;
    }
    out[k] = 0;
}

/* Server names of other forms than the shapes' NetBIOS ones: a DNS name
 * outside any company domain, an IPv4 address, a DNS name in one [doc:
 * UNC names name a server by NetBIOS, DNS or IP]; and two administrative
 * shares, which policies block [doc: C$, ADMIN$]. */
static const WCHAR *const other_forms[] = {
    L"\\\\files.partner.example\\drop",
    L"\\\\192.0.2.10\\share",
    L"\\\\fs01.corp.example.com\\Data",
    L"\\\\fs01\\C$",
    L"\\\\fs01\\ADMIN$",
};

/* The distinct remote names (ignoring case) of the ordinary shapes, then
 * other_forms. */
static unsigned collect_names(const WCHAR **names, unsigned n_shapes)
{
    unsigned n = 0;
    for (size_t i = 0; i < sizeof other_forms / sizeof other_forms[0]; i++)
        names[n++] = other_forms[i];
    for (unsigned i = 0; i < n_shapes && n < MAX_NAMES; i++) {
        const struct shape *s = shape_at(i);
        const WCHAR *r = s->add ? s->add->NetResource.lpRemoteName : NULL;
        if (!s->ordinary || !r || r[0] != '\\' || wcslen(r) >= NAME_UNITS)
            continue;
        int seen = 0;
        for (unsigned k = 0; k < n && !seen; k++)
            seen = !_wcsicmp(names[k], r);
        if (!seen)
            names[n++] = r;
    }
    return n;
}

/* Judges one variant against the name as given (answers `base`, stable
 * over two rounds): a difference counts only when it shows twice. */
static int differs_twice(const WCHAR *as_given, const struct spelling *given, const WCHAR *variant,
                         const struct spelling *sp, const DWORD base[ANSWERS], DWORD got[ANSWERS])
{
    take(variant, sp, got);
    if (answers_differ(base, got) < 0)
        return -1;
    DWORD again_base[ANSWERS];
    DWORD again[ANSWERS];
    take(as_given, given, again_base);
    take(variant, sp, again);
    if (answers_differ(base, again_base) >= 0 || answers_differ(got, again) >= 0)
        return -1;
    return answers_differ(base, got);
}

/* The add PRE's answer for remote on local (its POST after success), or the PRE's refusal. */
/* [doc] Drive names are case-insensitive: a cancel of y: ends an add of Y: (net use y:
 * /delete), and the next add of Y: is answered as the first. 1 and the text when not. */
static int cancel_case_differs(const WCHAR *remote, char *text, size_t cap)
{
    const WCHAR *const spelt[2] = {fenced_local_upper, fenced_local_lower};
    const char *const shown[2] = {"Y:", "y:"};
    const char *what = "an add, a cancel of the drive spelt in the other case, the add again";
    remote = fence_wstr(remote, "lpRemoteName (a cancel spelt in the other case)");
    for (int k = 0; k < 2; k++) {
        DWORD first = device_add(RESOURCETYPE_DISK, spelt[k], remote, what);
        if (first != WN_SUCCESS)
            continue;
        device_cancel(spelt[1 - k], what);
        DWORD again = device_add(RESOURCETYPE_DISK, spelt[k], remote, what);
        device_cancel(spelt[k], what);
        if (again == WN_SUCCESS)
            continue;
        char remote_text[NAME_TEXT];
        snprintf(text, cap,
                 "the add PRE of %s on %s returned %s after an add on %s and a cancel of %s "
                 "(WN_SUCCESS the first time): drive names differ only in case [doc], so the "
                 "cancel ended that add",
                 shown_name(remote, remote_text, sizeof remote_text), shown[k], wn_name(again),
                 shown[k], shown[1 - k]);
        return 1;
    }
    return 0;
}

/* in in the system's simple case mapping (invariant, one unit for one: how server and share
 * names compare [doc: CompareStringOrdinal, bIgnoreCase]); 0 when it changes nothing the ASCII
 * mapping does not (no letter beyond ASCII) or fails. */
static int unicode_case(const WCHAR *in, const WCHAR *ascii, WCHAR *out, int upper)
{
    int n = (int)wcslen(in);
    if (n + 1 > NAME_UNITS)
        return 0;
    DWORD how = upper ? LCMAP_UPPERCASE : LCMAP_LOWERCASE;
    if (LCMapStringEx(LOCALE_NAME_INVARIANT, how, in, n + 1, out, NAME_UNITS, NULL, NULL, 0) !=
        n + 1)
        return 0;
    return wcscmp(out, ascii) != 0;
}

static int case_differs(const WCHAR *name, char *text, size_t cap)
{
    static const struct spelling as_given = {NULL, RESOURCETYPE_DISK, "as given"};
    struct spelling device = {fenced_local_upper, RESOURCETYPE_DISK, "on Y:"};
    struct spelling device_lower = {fenced_local_lower, RESOURCETYPE_DISK, "on y:"};
    WCHAR upper[NAME_UNITS];
    WCHAR lower[NAME_UNITS];
    ascii_case(name, upper, 1);
    ascii_case(name, lower, 0);
    WCHAR unicode_upper[NAME_UNITS];
    WCHAR unicode_lower[NAME_UNITS];
    int has_unicode_upper = unicode_case(name, upper, unicode_upper, 1);
    int has_unicode_lower = unicode_case(name, lower, unicode_lower, 0);
    const struct {
        const WCHAR *name;
        const struct spelling *base_sp;
        const struct spelling *sp;
        const char *how;
    } variants[] = {
        {upper, &device, &device, "in upper case"},
        {lower, &device, &device, "in lower case"},
        {name, &device, &device_lower, "on the drive letter y: (lower case)"},
        {upper, &as_given, &as_given, "deviceless, in upper case"},
        {has_unicode_upper ? unicode_upper : NULL, &device, &device,
         "in upper case, letters beyond ASCII too"},
        {has_unicode_lower ? unicode_lower : NULL, &device, &device,
         "in lower case, letters beyond ASCII too"},
    };
    DWORD base[ANSWERS];
    DWORD again[ANSWERS];
    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
        const struct spelling *b = variants[v].base_sp;
        if (!variants[v].name)
            continue;
        take(name, b, base);
        take(name, b, again);
        if (answers_differ(base, again) >= 0)
            continue; /* not stable alone: nothing to compare with */
        if (!wcscmp(variants[v].name, name) && variants[v].sp == b)
            continue;
        DWORD got[ANSWERS];
        int which = differs_twice(name, b, variants[v].name, variants[v].sp, base, got);
        if (which < 0)
            continue;
        char was[80];
        char now[80];
        char variant_text[NAME_TEXT];
        char name_text[NAME_TEXT];
        snprintf(
            text, cap, "%s for %s %s, %s for %s %s (twice each): names differ only in case [doc]",
            answer_text(which, got[which], now, sizeof now),
            shown_name(variants[v].name, variant_text, sizeof variant_text), variants[v].how,
            answer_text(which, base[which], was, sizeof was),
            shown_name(name, name_text, sizeof name_text), b == &device ? "on Y:" : "deviceless");
        return 1;
    }
    return 0;
}

/* 1 when the deviceless DISK add of name is refused, the same answers twice (in base). */
static int refused_deviceless(const WCHAR *name, DWORD base[ANSWERS])
{
    static const struct spelling disk = {NULL, RESOURCETYPE_DISK, "deviceless, DISK"};
    DWORD again[ANSWERS];
    take(name, &disk, base);
    take(name, &disk, again);
    return answers_differ(base, again) < 0 && base[ANSWER_ADD_PRE] != WN_SUCCESS;
}

/* Deviceless DISK refused (stable), ANY allowed (twice): 1 and the text.
 * *refused counts the names refused as DISK. */
static int anytype_differs(const WCHAR *name, unsigned *refused, char *text, size_t cap)
{
    static const struct spelling any = {NULL, RESOURCETYPE_ANY, "deviceless, ANY"};
    DWORD base[ANSWERS];
    DWORD again[ANSWERS];
    if (!refused_deviceless(name, base))
        return 0;
    (*refused)++;
    DWORD got[ANSWERS];
    take(name, &any, got);
    if (got[ANSWER_ADD_PRE] != WN_SUCCESS)
        return 0;
    take(name, &any, again);
    if (again[ANSWER_ADD_PRE] != WN_SUCCESS)
        return 0;
    char name_text[NAME_TEXT];
    snprintf(text, cap,
             "the add PRE of %s, deviceless, returned %s for RESOURCETYPE_DISK and "
             "WN_SUCCESS for RESOURCETYPE_ANY (twice each): a deviceless ANY connection may be "
             "a disk [doc]",
             shown_name(name, name_text, sizeof name_text), wn_name(base[ANSWER_ADD_PRE]));
    return 1;
}

/* The cancel PRE of `name` by remote name (deviceless), with fForce `force`: its answer;
 * the POST (WN_SUCCESS) when it asked for one. */
static DWORD cancel_by_name(const WCHAR *name, BOOL force)
{
    WCHAR *fenced = fence_wstr(name, "lpName (a remote name whose add is refused)");
    NOTIFYCANCEL *c = mk_cancel(fenced, NULL, 0, force);
    void *ctx = NULL;
    const char *what = force ? "a forced cancel of a name whose add is refused"
                             : "a cancel of a name whose add is refused";
    DWORD r = call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, c, what);
    if (r == WN_SUCCESS && ctx)
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, c, what);
    fence_free(c);
    fence_free(fenced);
    return r;
}

/* A name whose deviceless add is refused (stable) may still be connected: made before the
 * policy, by another notifier's host, or restored at logon without a notification [doc].
 * Its cancel is what the policy wants; refused (twice), forced or not, the connection stays
 * for good [design]. 1 and the text. */
static int refused_name_kept(const WCHAR *name, char *text, size_t cap)
{
    DWORD base[ANSWERS];
    if (!refused_deviceless(name, base))
        return 0;
    for (int force = 0; force < 2; force++) {
        DWORD first = cancel_by_name(name, force);
        if (first == WN_SUCCESS || cancel_by_name(name, force) != first)
            continue;
        char name_text[NAME_TEXT];
        snprintf(text, cap,
                 "the add PRE of %s, deviceless, returned %s, and its cancel PRE by that name "
                 "with fForce %s returned %s (twice): a connection to it made before the policy "
                 "or restored at logon can never be ended, which the refusal was for",
                 shown_name(name, name_text, sizeof name_text), wn_name(base[ANSWER_ADD_PRE]),
                 force ? "TRUE" : "FALSE", wn_name(first));
        return 1;
    }
    return 0;
}

/* [doc] lpLocalName NULL or empty: both a deviceless connection. The add PRE answers for
 * one (stable) and for the other (twice) differ: 1 and the text. */
static int deviceless_differs(const WCHAR *name, char *text, size_t cap)
{
    static const struct spelling null_local = {NULL, RESOURCETYPE_DISK, "lpLocalName NULL"};
    struct spelling empty_local = {fenced_local_empty, RESOURCETYPE_DISK, "lpLocalName \"\""};
    const struct spelling *pair[2][2] = {{&null_local, &empty_local}, {&empty_local, &null_local}};
    DWORD base[ANSWERS];
    DWORD again[ANSWERS];
    DWORD got[ANSWERS];
    for (int k = 0; k < 2; k++) {
        take(name, pair[k][0], base);
        take(name, pair[k][0], again);
        if (answers_differ(base, again) >= 0)
            continue;
        int which = differs_twice(name, pair[k][0], name, pair[k][1], base, got);
        if (which < 0)
            continue;
        char was[80];
        char now[80];
        char name_text[NAME_TEXT];
        snprintf(text, cap,
                 "%s for %s with %s, and %s with %s (twice each): an empty lpLocalName is a "
                 "deviceless connection as NULL is [doc]",
                 answer_text(which, base[which], was, sizeof was),
                 shown_name(name, name_text, sizeof name_text), pair[k][0]->how,
                 answer_text(which, got[which], now, sizeof now), pair[k][1]->how);
        return 1;
    }
    return 0;
}

void case_spelling(void)
{
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    fenced_local_upper = fence_wstr(L"Y:", "lpLocalName");
    fenced_local_lower = fence_wstr(L"y:", "lpLocalName (lower case)");
    fenced_local_empty = fence_wstr(L"", "lpLocalName (empty: deviceless)");
    const WCHAR *names[MAX_NAMES];
    unsigned n = collect_names(names, n_shapes);
    announce_step("%u remote names, each in upper and lower case, on y:, deviceless as "
                  "RESOURCETYPE_ANY and with lpLocalName \"\"",
                  n);
    char text[600];
    unsigned refused = 0;
    if (n && cancel_case_differs(names[0], text, sizeof text))
        result_bad("drive.case", "%s", text);
    /* Fresh loads: only when drive.case is asked for. */
    if (wanted("drive.case") && !violation_of("drive.case") && held_case_differs(text, sizeof text))
        result_bad("drive.case", "%s", text);
    for (unsigned i = 0; i < n; i++) {
        if (!violation_of("drive.case") && case_differs(names[i], text, sizeof text))
            result_bad("drive.case", "%s", text);
        if (anytype_differs(names[i], &refused, text, sizeof text) &&
            !violation_of("drive.anytype"))
            result_bad("drive.anytype", "%s", text);
        if (!violation_of("drive.deviceless") && deviceless_differs(names[i], text, sizeof text))
            result_bad("drive.deviceless", "%s", text);
        if (!violation_of("drive.cancel") && refused_name_kept(names[i], text, sizeof text))
            result_bad("drive.cancel", "%s", text);
    }
    if (!violation_of("drive.case"))
        result("drive.case", "pass",
               "%u remote names, each in upper and lower case, and on y: as on Y:: the same "
               "answers; an add of Y: after a cancel of y: (and of y: after Y:) answered as the "
               "first; a share held on Y: answered alike in either case on Z:",
               n);
    if (!violation_of("drive.anytype"))
        result("drive.anytype", "pass",
               "%u remote names deviceless: %u refused as RESOURCETYPE_DISK, each refused as "
               "RESOURCETYPE_ANY too",
               n, refused);
    if (!violation_of("drive.deviceless"))
        result("drive.deviceless", "pass",
               "%u remote names deviceless, with lpLocalName NULL and \"\": the same answers", n);
    if (wanted("drive.lookalike"))
        lookalike_judge(names, n);
    script_answers_judge();
    if (wanted("drive.reuse")) {
        if (token_answers_differ(names, n, text, sizeof text) ||
            caller_identity_differs(names, n, text, sizeof text) ||
            caller_program_differs(names, n, text, sizeof text) ||
            thread_answers_differ(names, n, text, sizeof text) ||
            order_answers_differ(names, n, text, sizeof text))
            result_bad("drive.reuse", "%s", text);
        else
            buffer_reuse_judge(names, n);
    }
    if (wanted("drive.uninit")) {
        error_answers_judge(names, n);
        stack_answers_judge(names, n);
    }
    if (wanted("state.window"))
        owner_window_judge(names, n);
    if (wanted("drive.owner"))
        owner_grant_judge(names, n);
    if (wanted("drive.noprovider"))
        provider_answers_judge(names, n);
    if (wanted("drive.apartment"))
        apartment_answers_judge(names, n);
    if (!violation_of("drive.postrefuse"))
        result("drive.postrefuse", "pass",
               "%u remote names: no POST after a success returned an error", n);
}
