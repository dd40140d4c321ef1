/* Drive cases: the documented sequences, called directly as MPR would. */
#include "cases.h"

#include "call.h"
#include "cancel_open_files.h"
#include "undefined_fields.h"
#include "wnet_cancels.h"
#include "crash.h"
#include "device_sequences.h"
#include "booking_keys.h"
#include "held_cap.h"
#include "inflight_cap.h"
#include "fence.h"
#include "flag_answers.h"
#include "persistent_cap.h"
#include "prefix_turn.h"
#include "hooks.h"
#include "measure.h"
#include "out.h"
#include "stack_fill.h"
#include "wanted.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* ---------------- sequences [doc] ---------------- */

/* One more add, the caller's stack used between PRE and POST as the
 * provider's call uses it: a POST that reads its PRE's frame (a context
 * pointing at a PRE local) reads 0xA5 bytes. 1 when a POST was made. */
static int add_after_stack_use(NOTIFYADD *a)
{
    calls_condition("with the caller's stack used between PRE and POST (0xA5 bytes below the "
                    "caller's frame, as the provider's call leaves it)");
    stack_fill_set(STACK_FILL_POSTS, 0xA5);
    int posts = pair_add(a, WN_SUCCESS, "POST after the caller's stack was used since its PRE");
    stack_fill_set(STACK_FILL_NONE, 0);
    calls_condition(NULL);
    return posts;
}

/* One more add of each status in a host that unmasks floating-point
 * exceptions (Delphi and C++Builder programs do): a division by zero or an
 * invalid operation in the notifier traps there instead of giving inf or NaN.
 * PRE and POST follow each other at once: a rate over the time between them
 * divides by zero. 1 when a POST was made. */
static int add_with_fp_unmasked(NOTIFYADD *a)
{
    static const DWORD statuses[] = {WN_SUCCESS, WN_BAD_NETNAME};
    int posts = 0;
    calls_condition("with floating-point exceptions unmasked, as Delphi and C++Builder programs "
                    "run (MXCSR 0x1900, x87 control word 0x1332)");
    calls_fp_unmasked(1);
    /* 16 pairs: a 1 ms tick count splits some, the others give a zero time. */
    for (size_t i = 0; i < 16; i++) {
        posts +=
            pair_add(a, statuses[i % 2], "POST in a host with floating-point exceptions unmasked");
    }
    calls_fp_unmasked(0);
    calls_condition(NULL);
    return posts;
}

void case_add(void)
{
    if (!load_notifier()) return;
    std_names();
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, CONNECT_TEMPORARY);
    static const DWORD statuses[] = { WN_SUCCESS, WN_BAD_NETNAME, WN_ACCESS_DENIED,
                                      WN_ALREADY_CONNECTED, WN_CANCEL, WN_NO_NETWORK };
    int posts = 0;
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "POST status %s", wn_name(statuses[i]));
        posts += pair_add(a, statuses[i], what);
    }
    /* Two operations in flight (two threads of one process): POSTs in reverse. */
    void *c1 = NULL, *c2 = NULL;
    call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &c1, a, "first of two interleaved");
    call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &c2, a, "second of two interleaved");
    int same = c1 && c1 == c2;
    if (c2) call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &c2, a, "second of two interleaved"), posts++;
    if (c1) call_op(OP_ADD, NULL, NOTIFY_POST, WN_BAD_NETNAME, &c1, a, "first of two interleaved"), posts++;
    int used = add_after_stack_use(a);
    int fp_posts = add_with_fp_unmasked(a);
    char text[600];
    if (failed_add_differs(text, sizeof text) || failed_add_on_held_differs(text, sizeof text) ||
        booking_keys_differs(text, sizeof text)) {
        result_bad("drive.add", "%s", text);
        return;
    }
    if (posts == 0)
        result("drive.add", "pass",
               "8 PRE, no POST: PRE leaves lpContext NULL, so MPR sends no POST [doc]; an add "
               "after %d that failed answered as in a fresh load (or as after as many that "
               "connected: a limit of the rate of adds), and one while Y: was held as after a "
               "failed add on Y:; shares held nowhere, on a free letter while 4 drives "
               "were held, not refused as connected unless so with nothing held",
               SEQUENCE_REPEATS);
    else
        result("drive.add", "pass",
               "8 PRE, %d POST with the PRE's lpContext and statuses success and 5 errors%s%s%s; "
               "an add after %d that failed answered as in a fresh load (or as after as many "
               "that connected: a limit of the rate of adds), and one while Y: was held as "
               "after a failed add on Y:; shares held nowhere, on a free letter while 4 "
               "drives were held, not refused as connected unless so with nothing held",
               posts, same ? "; the same lpContext for two live operations" : "",
               used ? "; a POST after the caller's stack was used since its PRE" : "",
               fp_posts ? "; adds with floating-point exceptions unmasked" : "", SEQUENCE_REPEATS);
}

static void open_files_result(void)
{
    static const char *const verdicts[] = {"pass", "fail", "notjudged"};
    char text[700];
    enum open_files_verdict v = cancel_open_files(text, sizeof text);
    result("drive.openfiles", verdicts[v], "%s", text);
}

/* How long the notifier's threads get, from the last POST that said an unforced cancel failed
 * for open files, to force that cancel themselves. */
enum { FORCE_WATCH_MS = 2000, FORCE_STEP_MS = 50 };

/* A forced cancel the notifier asked of MPR on a thread of its own, of a name whose unforced
 * cancel a POST said failed for open files, within FORCE_WATCH_MS. */
static int forced_later(char *text, size_t cap)
{
    ULONGLONG since = wnet_cancels_last_declined();
    WCHAR name[64];
    long long after = 0;
    for (;;) {
        if (wnet_cancels_overridden(name, sizeof name / sizeof name[0], &after)) {
            snprintf(text, cap,
                     "%lld ms after a POST said an unforced cancel of %ls failed with open files, "
                     "the notifier asked MPR, on a thread of its own, for a forced cancel of the "
                     "same name (fForce TRUE): an unforced cancel fails while files are open so "
                     "that what the user has open is not lost [doc: WNetCancelConnection2, "
                     "fForce]; forcing it discards it",
                     after, name);
            return 1;
        }
        if (!since || GetTickCount64() - since >= FORCE_WATCH_MS)
            return 0;
        Sleep(FORCE_STEP_MS);
    }
}

void case_cancel(void)
{
    if (!load_notifier()) return;
    std_names();
    NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *ok_post = mk_cancel(s_local, s_provider, 0, FALSE);
    NOTIFYCANCEL *fail_post = mk_cancel(s_local, NULL, 0, FALSE);
    NOTIFYCANCEL *force_pre = mk_cancel(s_local, s_pre_provider, CONNECT_UPDATE_PROFILE, TRUE);
    NOTIFYCANCEL *force_post = mk_cancel(s_local, s_provider, CONNECT_UPDATE_PROFILE, TRUE);
    int posts = 0;
    posts += pair_cancel(pre, ok_post, WN_SUCCESS, "POST status WN_SUCCESS");
    posts += pair_cancel(pre, fail_post, WN_NOT_CONNECTED, "POST status WN_NOT_CONNECTED, lpProvider NULL");
    posts += pair_cancel(pre, fail_post, WN_OPEN_FILES, "POST status WN_OPEN_FILES, lpProvider NULL");
    posts += pair_cancel(force_pre, force_post, WN_SUCCESS, "fForce TRUE, CONNECT_UPDATE_PROFILE");
    char text[600];
    int differs =
        orphan_cancel_differs(text, sizeof text) || failed_cancel_differs(text, sizeof text) ||
        remote_cancel_differs(text, sizeof text) || gone_cancel_differs(text, sizeof text) ||
        letter_reuse_differs(text, sizeof text) || held_cap_differs(text, sizeof text) ||
        inflight_cap_differs(text, sizeof text);
    /* The open-files phase first: its time is the notifier's threads' time to force. */
    if (wanted("drive.openfiles"))
        open_files_result();
    if (differs || forced_later(text, sizeof text))
        result_bad("drive.cancel", "%s", text);
    else if (posts == 0)
        result("drive.cancel", "pass",
               "4 PRE, no POST: PRE leaves lpContext NULL [doc]; an add after a cancel never "
               "added here answered as in a fresh load, one after cancels whose POST said "
               "WN_NOT_CONNECTED as after ones that said WN_SUCCESS, one after a failed cancel "
               "or a cancel by remote name as while connected (or as after as many adds that "
               "connected), one after a letter's share was "
               "replaced as while it held only the new one; one refused at a cap of held drives "
               "refused to the process's own token impersonated too, and one of two adds in "
               "flight one short of it");
    else
        result("drive.cancel", "pass",
               "4 PRE, %d POST (success, WN_NOT_CONNECTED, WN_OPEN_FILES, forced); an add after "
               "a cancel never added here answered as in a fresh load, one after cancels whose "
               "POST said WN_NOT_CONNECTED as after ones that said WN_SUCCESS, one after a "
               "failed cancel or a cancel by remote name as while connected (or as after as many "
               "adds that "
               "connected), one after a "
               "letter's share was replaced as while it held only the new one, one refused at a "
               "cap of held drives refused to the process's own token impersonated too, and one "
               "of two adds in flight one short of it; no "
               "forced cancel of a name whose unforced one failed for open files asked by the "
               "notifier within %d s",
               posts, FORCE_WATCH_MS / 1000);
}

void case_nulllocal(void)
{
    if (!load_notifier()) return;
    std_names();
    /* [doc] lpLocalName may be NULL (a deviceless connection), lpProvider
     * may be NULL, hwndOwner may be NULL. */
    pair_add(mk_add(RESOURCETYPE_DISK, NULL, s_remote, s_provider, 0), WN_SUCCESS, "lpLocalName NULL");
    pair_add(mk_add(RESOURCETYPE_DISK, s_local, s_remote, NULL, 0), WN_SUCCESS, "lpProvider NULL");
    pair_add(mk_add(RESOURCETYPE_ANY, NULL, s_remote, NULL, 0), WN_BAD_NETNAME, "lpLocalName and lpProvider NULL");
    pair_cancel(mk_cancel(s_local, NULL, 0, FALSE), mk_cancel(s_local, NULL, 0, FALSE), WN_NOT_CONNECTED,
                "lpProvider NULL in PRE and in a failed POST");
    result("drive.nulllocal", "pass", "NULL lpLocalName, NULL lpProvider, NULL hwndOwner: no crash");
}

void case_names(void)
{
    if (!load_notifier()) return;
    std_names();
    WCHAR *empty = fence_wstr(L"", "empty name");
    /* Unpaired surrogates, a pair, control characters, quotes, U+FFFF. */
    static const WCHAR odd[] = { '\\', '\\', 's', 0xd800, '\\', 0xdc00, 'q', '"', '\n', '\t', 0x01,
                                 0x7f, 0xd83d, 0xde00, 0xffff, '\\', 0 };
    WCHAR *weird = fence_wstr(odd, "lpRemoteName (odd UTF-16)");
    pair_add(mk_add(RESOURCETYPE_DISK, empty, s_remote, s_provider, 0), WN_SUCCESS, "lpLocalName empty");
    pair_add(mk_add(RESOURCETYPE_DISK, s_local, empty, s_provider, 0), WN_BAD_NETNAME, "lpRemoteName empty");
    pair_add(mk_add(RESOURCETYPE_DISK, s_local, s_remote, empty, 0), WN_SUCCESS, "lpProvider empty");
    pair_add(mk_add(RESOURCETYPE_DISK, s_local, weird, s_provider, 0), WN_BAD_NETNAME, "odd UTF-16 lpRemoteName");
    pair_cancel(mk_cancel(empty, s_pre_provider, 0, FALSE), mk_cancel(empty, NULL, 0, FALSE), WN_NOT_CONNECTED,
                "lpName empty");
    /* CJK takes 3 UTF-8 bytes per unit (a buffer of 2 per unit is short);
     * a surrogate last, before the NUL, ends a walker that steps 2 units. */
    static const WCHAR cjk[] = {'\\', '\\',   0x6587, 0x4ef6, 0x670d, 0x52a1, 0x5668,
                                '\\', 0x5171, 0x4eab, 0x6587, 0x4ef6, 0x5939, 0};
    static const WCHAR high_last[] = {'\\', '\\', 's', '\\', 's', 'h', 0xd83d, 0};
    static const WCHAR low_last[] = {'\\', '\\', 's', '\\', 's', 'h', 0xde00, 0};
    const struct {
        const WCHAR *name;
        const char *what;
    } texts[] = {
        {cjk, "CJK lpRemoteName and lpName (3 UTF-8 bytes per unit)"},
        {high_last, "lpRemoteName and lpName ending in a high surrogate"},
        {low_last, "lpRemoteName and lpName ending in a low surrogate"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        WCHAR *name = fence_wstr(texts[i].name, "lpRemoteName (CJK or a surrogate last)");
        pair_add(mk_add(RESOURCETYPE_DISK, NULL, name, s_provider, 0), WN_SUCCESS, texts[i].what);
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, name, s_provider, 0), WN_SUCCESS,
                 texts[i].what);
        pair_cancel(mk_cancel(name, s_pre_provider, 0, FALSE),
                    mk_cancel(name, s_provider, 0, FALSE), WN_SUCCESS, texts[i].what);
    }
    result("drive.names", "pass",
           "empty local, remote, provider and cancel names; unpaired surrogates "
           "(also last), CJK and control characters: no crash");
}

/* A fenced name of n units: the prefix, then 'x' up to n, then the suffix (n covers both). */
static WCHAR *long_unc(unsigned n, const WCHAR *prefix, const WCHAR *suffix, const char *label)
{
    WCHAR *text = HeapAlloc(GetProcessHeap(), 0, (n + 1) * sizeof(WCHAR));
    if (!text)
        return fence_fill(n, L'x', label);
    wmemset(text, L'x', n);
    text[n] = 0;
    size_t head = wcslen(prefix);
    size_t tail = wcslen(suffix);
    if (head + tail < n) {
        wmemcpy(text, prefix, head);
        wmemcpy(text + n - tail, suffix, tail);
    }
    WCHAR *name = fence_wstr(text, label);
    HeapFree(GetProcessHeap(), 0, text);
    return name;
}

void case_long(void)
{
    if (!load_notifier()) return;
    std_names();
    /* Around MAX_PATH (a fixed WCHAR[260] buffer) and up to the 32767-unit
     * bound [doc]; every name ends right before a NOACCESS page. */
    static const unsigned lens[] = { 259, 260, 261, 300, 520, 1024, 4096, 32767 };
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        unsigned n = lens[i];
        char what[96], label[64];
        snprintf(label, sizeof label, "a %u-unit name", n);
        WCHAR *name = fence_fill(n, L'x', label);
        announce_step("names of %u units", n);
        snprintf(what, sizeof what, "%u-unit lpRemoteName", n);
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, name, s_provider, 0), WN_SUCCESS, what);
        snprintf(what, sizeof what, "%u-unit lpLocalName", n);
        pair_add(mk_add(RESOURCETYPE_DISK, name, s_remote, s_provider, 0), WN_SUCCESS, what);
        snprintf(what, sizeof what, "%u-unit lpProvider", n);
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, s_remote, name, 0), WN_SUCCESS, what);
        snprintf(what, sizeof what, "%u-unit cancel lpName and POST lpProvider", n);
        pair_cancel(mk_cancel(name, s_pre_provider, 0, FALSE), mk_cancel(name, name, 0, FALSE), WN_SUCCESS, what);
        /* A UNC name as long: a notifier that skips what is not \\server\share never
         * sees the plain one. A long path below the share, a long server, a long share (a
         * splitter's share buffer sized NNLEN + 1, 81 units). */
        WCHAR *path = long_unc(n, L"\\\\server\\share\\", L"", "a long UNC path");
        WCHAR *server = long_unc(n, L"\\\\", L"\\share", "a long UNC server");
        WCHAR *share = long_unc(n, L"\\\\server\\", L"\\dir", "a long UNC share");
        snprintf(what, sizeof what, "%u-unit lpRemoteName \\\\server\\share\\xxx...", n);
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, path, s_provider, 0), WN_SUCCESS, what);
        pair_add(mk_add(RESOURCETYPE_DISK, NULL, path, s_provider, 0), WN_SUCCESS, what);
        pair_cancel(mk_cancel(path, s_pre_provider, 0, FALSE),
                    mk_cancel(path, s_provider, 0, FALSE), WN_SUCCESS, what);
        snprintf(what, sizeof what, "%u-unit lpRemoteName \\\\xxx...\\share", n);
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, server, s_provider, 0), WN_SUCCESS, what);
        snprintf(what, sizeof what, "%u-unit lpRemoteName \\\\server\\xxx...\\dir", n);
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, share, s_provider, 0), WN_SUCCESS, what);
        pair_add(mk_add(RESOURCETYPE_DISK, NULL, share, s_provider, 0), WN_SUCCESS, what);
        pair_cancel(mk_cancel(share, s_pre_provider, 0, FALSE),
                    mk_cancel(share, s_provider, 0, FALSE), WN_SUCCESS, what);
        fence_free(path);
        fence_free(server);
        fence_free(share);
        if (!heaps_valid()) {
            result("drive.long", "fail", "heap corrupted after names of %u units: a fixed-size buffer overflows", n);
            return;
        }
        fence_free(name);
    }
    result("drive.long", "pass",
           "names of 259 to 32767 units in every field, and UNC names as long (a long path "
           "below the share, a long server, a long share): no crash, no overread, heap intact");
}

/* [doc] fForce is a BOOL: WNetCancelConnection2's caller may pass any
 * nonzero value for TRUE (-1 from Visual Basic, a flag word), and MPR
 * hands it on. A forced cancel's PRE must get the answer TRUE (1) gets. */
static DWORD forced_answer(const WCHAR *device, BOOL force)
{
    char what[64];
    snprintf(what, sizeof what, "cancel of %ls, fForce %d", device, (int)force);
    NOTIFYCANCEL *c = mk_cancel(device, s_pre_provider, 0, force);
    void *ctx = NULL;
    DWORD got = call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, c, what);
    if (ctx)
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, c, what);
    fence_free(c);
    return got;
}

/* Asked on every drive letter: a policy may guard one drive only (a home drive), and a
 * notifier that reads fForce at the wrong offset (a structure declared by hand) answers as
 * fForce what dwFlags holds. */
static int forced_alike(void)
{
    static const BOOL others[] = {2, -1};
    for (WCHAR letter = L'A'; letter <= L'Z'; letter++) {
        WCHAR name[3] = {letter, L':', 0};
        WCHAR *device = fence_wstr(name, "lpName (a drive letter)");
        DWORD want = forced_answer(device, TRUE);
        for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
            DWORD got = forced_answer(device, others[i]);
            if (got == want)
                continue;
            result("drive.flags", "fail",
                   "CancelConnectNotify PRE of %ls answered %s with fForce %d and %s with fForce "
                   "TRUE (1): fForce is a BOOL, any nonzero value asks for a forced cancel [doc] "
                   "(or fForce is read where dwFlags is); the caller's WNetCancelConnection2 "
                   "fails with the notifier's answer",
                   name, wn_name(got), (int)others[i], wn_name(want));
            fence_free(device);
            return 0;
        }
        fence_free(device);
    }
    return 1;
}

static void flags_phases(void)
{
    if (!load_notifier()) return;
    std_names();
    static const DWORD types[] = { RESOURCETYPE_ANY, RESOURCETYPE_DISK, RESOURCETYPE_PRINT };
    static const DWORD bits[] = { CONNECT_UPDATE_PROFILE, CONNECT_UPDATE_RECENT, CONNECT_TEMPORARY,
                                  CONNECT_INTERACTIVE, CONNECT_PROMPT };
    int n = 0;
    for (size_t t = 0; t < 3; t++)
        for (unsigned m = 0; m < 32; m++) {
            DWORD flags = 0;
            char what[64];
            for (int b = 0; b < 5; b++)
                if (m & (1u << b)) flags |= bits[b];
            snprintf(what, sizeof what, "dwType %lu dwAddFlags %#lx", (unsigned long)types[t], (unsigned long)flags);
            NOTIFYADD *a = mk_add(types[t], s_local, s_remote, s_provider, flags);
            pair_add(a, WN_SUCCESS, what);
            fence_free(a);
            n++;
        }
    for (int f = 0; f < 2; f++)
        for (int force = 0; force < 2; force++) {
            char what[64];
            snprintf(what, sizeof what, "dwFlags %d fForce %d", f, force);
            NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, f ? CONNECT_UPDATE_PROFILE : 0, force);
            NOTIFYCANCEL *post = mk_cancel(s_local, s_provider, f ? CONNECT_UPDATE_PROFILE : 0, force);
            pair_cancel(pre, post, WN_SUCCESS, what);
            fence_free(pre);
            fence_free(post);
        }
    if (!forced_alike())
        return;
    char whole[600];
    struct flag_answers fa;
    flag_answers_take(&fa);
    if (flag_answers_whole(&fa, whole, sizeof whole) ||
        flag_answers_refused(&fa, whole, sizeof whole) ||
        persistent_cap_misread(whole, sizeof whole)) {
        result("drive.flags", "fail", "%s", whole);
        return;
    }
    result("drive.flags", "pass",
           "%d add combinations (3 dwType x 32 dwAddFlags) and 4 cancel combinations: no crash; "
           "fForce 2 and -1 answered as TRUE on A: to Z:; the add PRE answer changes with at "
           "most 4 of the 5 flags, never with CONNECT_UPDATE_RECENT alone, and no flag set is "
           "refused as invalid; no cap on persistent adds (the drives remembered in "
           "HKCU\\Network) freed by a cancel with dwFlags 0 or refusing an add with dwAddFlags "
           "0",
           n);
}

/* The phases remember drives in HKCU\\Network, and a notifier may count what is there: the
 * runs of one prefix take turns for the whole case. */
void case_flags(void)
{
    char why[300];
    HANDLE turn = prefix_turn_take(L"connotify-profile", 120000, why, sizeof why);
    if (!turn) {
        result("drive.flags", "incomplete", "the case did not run: %s", why);
        return;
    }
    flags_phases();
    prefix_turn_give(turn);
}

/* One cancel pair; returns 1 if the notifier touched the trap during it
 * (a fault it caught itself). */
static int trap_touched(NOTIFYCANCEL *pre, NOTIFYCANCEL *post, DWORD status, const char *what)
{
    LONG hits = trap_hits();
    pair_cancel(pre, post, status, what);
    return trap_hits() != hits;
}

void case_preprovider(void)
{
    if (!load_notifier()) return;
    std_names();
    /* [doc] NOTIFYCANCEL.lpProvider is undefined in PRE, and defined in a
     * POST only after a successful cancel: point it at a NOACCESS page
     * there; any read faults (or is seen first-chance if the notifier
     * catches it). */
    WCHAR *trap = trap_page("NOTIFYCANCEL.lpProvider in PRE (undefined there [doc])");
    WCHAR *failed = trap_page("NOTIFYCANCEL.lpProvider after a failed cancel");
    NOTIFYCANCEL *pre = mk_cancel(s_local, trap, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s_local, s_provider, 0, FALSE);
    NOTIFYCANCEL *ok_pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *fail_post = mk_cancel(s_local, failed, 0, FALSE);
    NOTIFYCANCEL *force_pre = mk_cancel(s_local, s_pre_provider, CONNECT_UPDATE_PROFILE, TRUE);
    NOTIFYCANCEL *force_post = mk_cancel(s_local, failed, CONNECT_UPDATE_PROFILE, TRUE);
    static const char pre_what[] = "lpProvider -> PAGE_NOACCESS in PRE";
    if (trap_touched(pre, post, WN_SUCCESS, pre_what) ||
        trap_touched(pre, post, WN_NOT_CONNECTED, pre_what)) {
        result("drive.preprovider", "fail",
               "CancelConnectNotify PRE read NOTIFYCANCEL.lpProvider, "
               "undefined there [doc] (the notifier caught the fault itself)");
        return;
    }
    static const DWORD statuses[] = {WN_NOT_CONNECTED, WN_OPEN_FILES, WN_NO_NETWORK,
                                     ERROR_BAD_NET_NAME, 0xffffffff};
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        char what[120];
        int force = i == 1;
        snprintf(what, sizeof what, "POST status %s%s, lpProvider -> PAGE_NOACCESS",
                 wn_name(statuses[i]), force ? ", fForce TRUE" : "");
        if (trap_touched(force ? force_pre : ok_pre, force ? force_post : fail_post, statuses[i],
                         what)) {
            result("drive.preprovider", "fail",
                   "CancelConnectNotify POST (%s) read "
                   "NOTIFYCANCEL.lpProvider of a failed cancel, undefined there [doc] (the "
                   "notifier caught the fault itself)",
                   what);
            return;
        }
    }
    result("drive.preprovider", "pass",
           "lpProvider not read in PRE nor in the POST of 5 "
           "failed cancels (WN_NOT_CONNECTED, WN_OPEN_FILES forced, WN_NO_NETWORK, 1203, "
           "0xffffffff)");
}

/* [doc] NOTIFYADD.NetResource holds what NPAddConnection uses: dwType,
 * lpLocalName, lpRemoteName, lpProvider. A caller may leave the rest of its
 * NETRESOURCE uninitialised (0xCC in a debug build), and MPR hands it on. */
static NOTIFYADD *mk_add_undefined(DWORD junk, WCHAR *comment)
{
    NOTIFYADD *a = fence_alloc(sizeof *a, "NOTIFYADD");
    memset(a, 0, sizeof *a);
    a->NetResource.dwScope = junk;
    a->NetResource.dwType = RESOURCETYPE_DISK;
    a->NetResource.dwDisplayType = junk;
    a->NetResource.dwUsage = junk;
    a->NetResource.lpLocalName = s_local;
    a->NetResource.lpRemoteName = s_remote;
    a->NetResource.lpComment = comment;
    a->NetResource.lpProvider = s_provider;
    fence_seal(a);
    return a;
}

void case_addfields(void)
{
    if (!load_notifier())
        return;
    std_names();
    WCHAR *comment = trap_page("NOTIFYADD.NetResource.lpComment (undefined [doc])");
    static const DWORD junk[] = {0xcccccccc, 0xffffffff, 0x7fffffff, 0x80000000};
    static const DWORD statuses[] = {WN_SUCCESS, ERROR_BAD_NET_NAME};
    LONG hits = trap_hits();
    for (size_t j = 0; j < sizeof junk / sizeof junk[0]; j++)
        for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
            char what[120];
            snprintf(what, sizeof what,
                     "lpComment -> PAGE_NOACCESS, dwScope, dwDisplayType, dwUsage %#lx, POST %s",
                     (unsigned long)junk[j], wn_name(statuses[i]));
            NOTIFYADD *a = mk_add_undefined(junk[j], comment);
            pair_add(a, statuses[i], what);
            fence_free(a);
            if (trap_hits() != hits) {
                result("drive.addfields", "fail",
                       "AddConnectNotify (%s) read NOTIFYADD.NetResource.lpComment, which MPR "
                       "does not define: only dwType, lpLocalName, lpRemoteName and lpProvider "
                       "are [doc] (the notifier caught the fault itself)",
                       what);
                return;
            }
        }
    unsigned pairs = 0;
    if (!undefined_fields_answers(&pairs))
        return;
    result("drive.addfields", "pass",
           "8 adds with lpComment on a NOACCESS page and dwScope, dwDisplayType, dwUsage "
           "0xcccccccc, 0xffffffff, 0x7fffffff, 0x80000000: not read, no crash; %u names and "
           "devices (admin shares, IPC$, a share; Y: and none) answered alike with those fields "
           "0, as an enumeration fills them in and uninitialised",
           pairs);
}

void case_forged(void)
{
    if (!load_notifier()) return;
    std_names();
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0);
    NOTIFYCANCEL *c = mk_cancel(s_local, s_provider, 0, FALSE);
    int on_stack = 0;
    void *forged[] = { (void *)(uintptr_t)0xdeadbeef, trap_page("a forged POST lpContext"),
                       (void *)(uintptr_t)1, &on_stack, fence_alloc(64, "a forged POST lpContext (zeros)") };
    const char *names[] = { "0xdeadbeef", "a NOACCESS page", "1", "a stack address", "zeroed memory" };
    LONG hits = trap_hits();
    DWORD rets[5];
    for (int i = 0; i < 5; i++) {
        char what[64];
        void *ctx = forged[i];
        snprintf(what, sizeof what, "forged lpContext %s", names[i]);
        rets[i] = call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, a, what);
        ctx = forged[i];
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, c, what);
    }
    if (trap_hits() != hits)
        result("drive.forged", "warn", "dereferences a POST lpContext it never issued (fault caught by the notifier); MPR never sends one");
    else
        result("drive.forged", "pass", "10 POSTs with never-issued contexts survived (returns %s, %s, %s, %s, %s)",
               wn_name(rets[0]), wn_name(rets[1]), wn_name(rets[2]), wn_name(rets[3]), wn_name(rets[4]));
}

