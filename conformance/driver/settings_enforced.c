/* Lists in the settings in force (see settings_enforced.h). */
#include "settings_enforced.h"

#include "answers.h"
#include "conform.h"
#include "fence.h"
#include "fresh_load.h"
#include "out.h"
#include "setting_names.h"
#include "setting_networks.h"
#include "setting_patterns.h"
#include "settings_push.h"
#include "settings_rewrite.h"
#include "shapes.h"
#include "unc_split.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { MAX_LISTED = 12, ROUNDS = 2, LIST_CHARS = 400, VERDICT_CHARS = 700, SETTLE_MS = 2000 };
enum { CHANGE_ROUNDS = 3 }; /* looks after a push, SETTLE_MS apart */
/* A long list: beyond the 2048, 4096 and 8192-unit buffers notifiers read lists into. */
enum { GROWN_UNITS = 10000 };

/* The add PRE of the name at arg on Y: (fresh_load.h). */
static DWORD add_pre_of(const void *arg)
{
    return answers_add_pre_fenced(arg, "lpRemoteName (a name of the settings' lists)");
}

/* ask(arg) in `rounds` rounds, SETTLE_MS apart (a list read late is read by the second);
 * its first answer other than WN_SUCCESS in *refused (then 1), else 0. */
static int refused_in(fresh_ask_fn ask, const void *arg, int rounds, DWORD *refused)
{
    for (int r = 0; r < rounds; r++) {
        if (r > 0)
            Sleep(SETTLE_MS);
        DWORD answer = ask(arg);
        if (answer != WN_SUCCESS) {
            *refused = answer;
            return 1;
        }
    }
    return 0;
}

/* Appends name to the names listed in a verdict ("a, b"), within LIST_CHARS. */
static void note_listed(char listed[LIST_CHARS], size_t *at, const WCHAR *name)
{
    if (*at >= LIST_CHARS)
        return;
    int w = snprintf(listed + *at, LIST_CHARS - *at, "%s%.100ls", *at ? ", " : "", name);
    *at += w > 0 ? (size_t)w : 0;
}

/* A list in force once loaded and not from the first call: remote's add PRE, refused with
 * `settled`, maps as the first call of each fresh load and is refused again SETTLE_MS after.
 * 1 and the text then; else 0. */
static int open_at_load(const WCHAR *remote, DWORD settled, const WCHAR *values, char *text,
                        size_t cap)
{
    DWORD first = WN_SUCCESS;
    if (!fresh_load_differs(add_pre_of, remote, settled, &first) || first != WN_SUCCESS)
        return 0;
    Sleep(SETTLE_MS);
    DWORD later = 0;
    if (!refused_in(add_pre_of, remote, 1, &later))
        return 0;
    char answer[80];
    snprintf(text, cap,
             "the list (%ls) is in force only after the notifier's first calls: for %.120ls the "
             "add PRE returned WN_SUCCESS as the first call of a fresh load (%d loads), and %s "
             "%d ms later: every process maps what the list refuses while it is not yet read "
             "(on a thread of its own, or after the first call)",
             values, remote, FRESH_ROUNDS,
             answer_text(ANSWER_ADD_PRE, later, answer, sizeof answer), SETTLE_MS);
    return 1;
}

/* A list in force until its settings are written again unchanged (settings_rewrite.h):
 * remote, refused with `settled` before, maps in both looks after. 1 and the text then. */
static int open_after_rewrite(const WCHAR *remote, DWORD settled, const WCHAR *values, char *text,
                              size_t cap)
{
    unsigned written = settings_rewrite();
    announce_step("the %u value(s) of the settings file's keys written again unchanged, then "
                  "%.120ls again",
                  written, remote);
    if (!written)
        return 0;
    Sleep(SETTLE_MS);
    DWORD later = 0;
    if (refused_in(add_pre_of, remote, ROUNDS, &later))
        return 0;
    char answer[80];
    snprintf(text, cap,
             "the list (%ls) is no longer in force once its settings are written again: with "
             "the %u value(s) of the settings file's keys set again to the same data (as a "
             "policy push or a repair install does), the add PRE of %.120ls returned WN_SUCCESS "
             "(%d looks, %d ms apart), and %s before: a reload of its own that fails, fails open",
             values, written, remote, ROUNDS, SETTLE_MS,
             answer_text(ANSWER_ADD_PRE, settled, answer, sizeof answer));
    return 1;
}

/* A list (`list`: "block list") whose name remote (`how`: "the unlisted ") was refused with
 * `refused`: 0 and the text when it is open at load or after a push, else 1 and the text of
 * a list in force. */
static int in_force(const WCHAR *remote, DWORD refused, const char *list, const char *how,
                    const WCHAR *values, char *text, size_t cap)
{
    if (open_at_load(remote, refused, values, text, cap) ||
        open_after_rewrite(remote, refused, values, text, cap))
        return 0;
    char answer[80];
    snprintf(text, cap, "the %s (%ls) is in force: for %s%.120ls %s", list, values, how, remote,
             answer_text(ANSWER_ADD_PRE, refused, answer, sizeof answer));
    return 1;
}

/* Whether remote is refused (then *refused) in one of CHANGE_ROUNDS looks after the push
 * settles; the pushed values written back as they were after it. */
static int refused_after_push(const WCHAR *remote, DWORD *refused)
{
    Sleep(SETTLE_MS);
    int taken = refused_in(add_pre_of, remote, CHANGE_ROUNDS, refused);
    settings_push_undo();
    return taken;
}

/* After a push that was taken (remote refused with `refused`), the list written back as it was
 * is taken too: remote maps again. A change notification armed once (RegNotifyChangeKeyValue
 * hears one change [doc]) takes the first change only. 0 and the text when remote stays
 * refused in every look; else 1, the text said. */
static int undo_taken(const WCHAR *remote, DWORD refused, const WCHAR *values, char *text,
                      size_t cap)
{
    size_t used = strlen(text);
    announce_step("the block list written back as it was, then %.120ls added on Y:", remote);
    DWORD still = 0;
    int mapped = 0;
    for (int r = 0; r < CHANGE_ROUNDS && !mapped; r++) {
        Sleep(SETTLE_MS);
        still = add_pre_of(remote);
        mapped = still == WN_SUCCESS;
    }
    if (mapped) {
        snprintf(text + used, cap - used,
                 "; %.120ls, added to the list while it ran, refused, and mapped again once the "
                 "list was written back",
                 remote);
        return 1;
    }
    char answer[80];
    char first[80];
    snprintf(text, cap,
             "the block list (%ls) takes only its first change while the notifier runs: with "
             "%.120ls added to it, %s; with the list written back as it was, %s in %d looks, "
             "%d ms apart: a reload that only adds entries, a change notification armed once "
             "(RegNotifyChangeKeyValue reports one change and must be called again [doc]) or a "
             "reread on a first change only keeps later policy from running processes",
             values, remote, answer_text(ANSWER_ADD_PRE, refused, first, sizeof first),
             answer_text(ANSWER_ADD_PRE, still, answer, sizeof answer), CHANGE_ROUNDS, SETTLE_MS);
    return 0;
}

/* A block list in force for listed stays in force when it grows long: made-up servers added
 * until it holds GROWN_UNITS units (settings_push_grow). 0 and the text when listed maps in
 * every look; else 1, the text said. */
static int stays_when_grown(const WCHAR *listed, const WCHAR *values, char *text, size_t cap)
{
    size_t used = strlen(text);
    unsigned changed = settings_push_grow(SETTING_LIST_BLOCK, GROWN_UNITS);
    announce_step("the block list grown to %u units with made-up servers (%u value(s)), then "
                  "%.120ls added on Y:",
                  GROWN_UNITS, changed, listed);
    if (!changed)
        return 1;
    DWORD refused = 0;
    if (refused_after_push(listed, &refused)) {
        snprintf(text + used, cap - used, "; in force still when grown to %u units", GROWN_UNITS);
        return 1;
    }
    snprintf(text, cap,
             "the block list (%ls) is no longer in force once it grows: with made-up servers "
             "added until it held %u UTF-16 units (%u value(s), as a long policy list does), "
             "the add PRE of %.120ls, which it names, returned WN_SUCCESS in %d looks, %d ms "
             "apart: a list read into a buffer of a fixed size, whose ERROR_MORE_DATA is taken "
             "as no list, fails open",
             values, GROWN_UNITS, changed, listed, CHANGE_ROUNDS, SETTLE_MS);
    return 0;
}

/* A block list in force (text says so) takes a name added while the notifier runs: a
 * made-up unlisted server that maps is refused once the list names it (settings_push.h).
 * 0 and the text when it maps in every look after the push; else 1, the text kept. */
static int takes_change(const WCHAR *values, char *text, size_t cap)
{
    const WCHAR *remote = setting_unlisted_names()[0];
    size_t used = strlen(text);
    if (add_pre_of(remote) != WN_SUCCESS) {
        snprintf(text + used, cap - used,
                 "; a change while it runs not judged: the unlisted %.120ls was refused before",
                 remote);
        return 1;
    }
    unsigned changed = settings_push_add(SETTING_LIST_BLOCK, remote);
    announce_step("%.120ls added to the block list (%u value(s)), then added on Y:", remote,
                  changed);
    if (!changed)
        return 1;
    DWORD refused = 0;
    if (refused_after_push(remote, &refused))
        return undo_taken(remote, refused, values, text, cap);
    snprintf(text, cap,
             "the block list (%ls) does not take a change while the notifier runs: with "
             "%.120ls added to it (%u value(s), as a policy push does), its add PRE returned "
             "WN_SUCCESS in %d looks, %d ms apart, as before the change: every running process "
             "maps what the list now refuses until it restarts (the list, or verdicts drawn "
             "from it, kept from before)",
             values, remote, changed, CHANGE_ROUNDS, SETTLE_MS);
    return 0;
}

/* A block list in force for names[refused_at] (refused with `refused`) that lets another of its
 * names map in every round: only part of it is read (a REG_MULTI_SZ's first string, a value cut
 * by a buffer too small). 1 and the text then. */
static int outside_ascii(const WCHAR *name)
{
    for (; *name; name++) {
        if (*name > 0x7F)
            return 1;
    }
    return 0;
}

static int in_part(const WCHAR *const *names, unsigned n, unsigned refused_at, DWORD refused,
                   const WCHAR *values, char *text, size_t cap)
{
    for (unsigned i = refused_at + 1; i < n; i++) {
        DWORD also = 0;
        if (refused_in(add_pre_of, names[i], ROUNDS, &also))
            continue;
        char answer[80];
        const char *how = "a list value read in part (a REG_MULTI_SZ's first string only, a value "
                          "cut by a buffer too small, an entry of a key's values skipped as "
                          "longer than the one before) or searched in part (a sorted list "
                          "searched under another order than it was sorted by)";
        if (outside_ascii(names[i]))
            how = "a name outside ASCII lost on its way (the list read through the ANSI code "
                  "page: RegQueryValueExA, or a conversion with CP_ACP, turns what the page "
                  "lacks into '?' or a look-alike)";
        snprintf(text, cap,
                 "only part of the block list (%ls) is in force: for %.120ls %s, and the add PRE "
                 "of %.120ls, which it names too, returned WN_SUCCESS (%d rounds): %s maps what "
                 "the rest of it refuses",
                 values, names[refused_at],
                 answer_text(ANSWER_ADD_PRE, refused, answer, sizeof answer), names[i], ROUNDS,
                 how);
        return 1;
    }
    return 0;
}

/* 1 when two answers both map (maps) or both refuse (!maps). */
static int both(DWORD a, DWORD b, int maps)
{
    return maps ? a == WN_SUCCESS && b == WN_SUCCESS : a != WN_SUCCESS && b != WN_SUCCESS;
}

/* A pattern of list `kind` (in force) that answers two servers it matches as a matcher that
 * never gives back what a '*' took would (setting_patterns.h): an allow list's refuses the
 * deep one and lets the plain one map, before and after; a block list's the other way round.
 * 1 and the text then. [design] */
static int pattern_held(enum setting_list kind, const WCHAR *values, char *text, size_t cap)
{
    enum { PAIR_UNITS = 260 };
    int allow = kind == SETTING_LIST_ALLOW;
    for (unsigned i = 0;; i++) {
        WCHAR plain[PAIR_UNITS];
        WCHAR deep[PAIR_UNITS];
        const WCHAR *pattern = NULL;
        int got = setting_pattern_pair(kind, i, plain, deep, PAIR_UNITS, &pattern);
        if (got < 0)
            return 0;
        if (!got)
            continue;
        DWORD before = add_pre_of(plain);
        DWORD deep_first = add_pre_of(deep);
        DWORD deep_again = add_pre_of(deep);
        DWORD after = add_pre_of(plain);
        /* The plain one answers as the list says; the deep one the other way. */
        if (!both(before, after, allow) || !both(deep_first, deep_again, !allow))
            continue;
        char answer[80];
        if (allow) {
            snprintf(text, cap,
                     "the allow list (%ls) in force refuses servers it names: its pattern %ls "
                     "lets %ls map (before and after), and for %ls, which it matches too, %s "
                     "(twice): a '*' that never gives back what it took (a match without "
                     "backtracking) refuses the hosts it names",
                     values, pattern, plain, deep,
                     answer_text(ANSWER_ADD_PRE, deep_first, answer, sizeof answer));
            return 1;
        }
        snprintf(text, cap,
                 "only part of the block list (%ls) is in force: for %ls, which its pattern "
                 "%ls matches, %s (before and after), and %ls, which it matches too, maps "
                 "(twice): a '*' that never gives back what it took (a match without "
                 "backtracking) maps hosts it blocks",
                 values, plain, pattern, answer_text(ANSWER_ADD_PRE, before, answer, sizeof answer),
                 deep);
        return 1;
    }
}

/* Address blocks asked by network_held, for the pass text. */
static unsigned networks_asked;

/* An address block of list `kind` whose prefix ends inside a byte, asked for a host inside
 * it, the address with its last prefix bit flipped (outside it, the same whole bytes) and an
 * address outside every block (setting_networks.h), each twice: an allow list that maps the
 * outside one as the inside one while it refuses the address outside them all, or a block
 * list that refuses it as the inside one while that address maps, compares whole bytes
 * only. 1 and the text then. [design: RFC 4632 3.1] */
static int network_held(enum setting_list kind, char *text, size_t cap)
{
    enum { ADDRESS_UNITS = 40 };
    WCHAR outsider[ADDRESS_UNITS];
    if (!setting_network_outsider(outsider, ADDRESS_UNITS))
        return 0;
    int allow = kind == SETTING_LIST_ALLOW;
    for (unsigned i = 0;; i++) {
        WCHAR inside[ADDRESS_UNITS];
        WCHAR outside[ADDRESS_UNITS];
        const WCHAR *block = NULL;
        const WCHAR *values = NULL;
        int got = setting_network_pair(kind, i, inside, outside, ADDRESS_UNITS, &block, &values);
        if (got < 0)
            return 0;
        if (!got)
            continue;
        networks_asked++;
        DWORD in[2];
        DWORD out[2];
        DWORD other[2];
        for (int r = 0; r < 2; r++) {
            in[r] = add_pre_of(inside);
            out[r] = add_pre_of(outside);
            other[r] = add_pre_of(outsider);
        }
        /* Inside and outside answered alike, as the list says inside; beyond every block the
         * other way. */
        if (!both(in[0], in[1], allow) || !both(out[0], out[1], allow) ||
            !both(other[0], other[1], !allow))
            continue;
        char answer[80];
        if (allow) {
            snprintf(text, cap,
                     "the allow list (%ls) lets %ls map (twice), outside its block %ls and "
                     "every other it lists, as %ls inside it does, while for %ls, outside them "
                     "too, %s (twice): a block compared by its whole bytes only (the prefix's "
                     "last bits never compared) lets hosts outside it map",
                     values, outside, block, inside, outsider,
                     answer_text(ANSWER_ADD_PRE, other[0], answer, sizeof answer));
            return 1;
        }
        snprintf(text, cap,
                 "the block list (%ls) refuses %ls (%s, twice), outside its block %ls and "
                 "every other it lists, as it refuses %ls inside it, while %ls, outside them "
                 "too, maps (twice): a block compared by its whole bytes only (the prefix's "
                 "last bits never compared) refuses hosts outside it",
                 values, outside, answer_text(ANSWER_ADD_PRE, out[0], answer, sizeof answer), block,
                 inside, outsider);
        return 1;
    }
}

/* The server and share of a UNC name (\\server\share...), each in cap units; 0 if not one. */
static int unc_parts(const WCHAR *name, WCHAR *server, WCHAR *share, size_t cap)
{
    size_t share_n = 0;
    size_t n = unc_split(name, &share_n);
    if (!n || n >= cap || share_n >= cap)
        return 0;
    swprintf(server, cap, L"%.*ls", (int)n, name + 2);
    swprintf(share, cap, L"%.*ls", (int)share_n, name + 2 + n + 1);
    return 1;
}

/* Whether name is one of names (case-insensitive). */
static int named_in(const WCHAR *name, const WCHAR *const *names, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (!_wcsicmp(name, names[i]))
            return 1;
    }
    return 0;
}

/* Shares of exceptions asked on other blocked servers by exception_held, for the pass text. */
static unsigned exceptions_asked;

/* An exception of the block list (\\S\X, mapping) that lets the same share of another server
 * of the block list (\\S2\X: named by no exception, while the block list's \\S2\... is
 * refused) map, twice: the exception matched by its share alone. 1 and the text then. */
static int exception_held(char *text, size_t cap)
{
    enum { PART_UNITS = 128 };
    const WCHAR *excepted[MAX_LISTED];
    const WCHAR *blocked[MAX_LISTED];
    unsigned n_except = setting_list_names(SETTING_LIST_EXCEPT, excepted, MAX_LISTED);
    unsigned n_block = setting_list_names(SETTING_LIST_BLOCK, blocked, MAX_LISTED);
    for (unsigned e = 0; e < n_except; e++) {
        WCHAR server[PART_UNITS];
        WCHAR share[PART_UNITS];
        if (!unc_parts(excepted[e], server, share, PART_UNITS))
            continue;
        if (!both(add_pre_of(excepted[e]), add_pre_of(excepted[e]), 1))
            continue;
        for (unsigned b = 0; b < n_block; b++) {
            WCHAR other[PART_UNITS];
            WCHAR unused[PART_UNITS];
            if (!unc_parts(blocked[b], other, unused, PART_UNITS) || !_wcsicmp(other, server))
                continue;
            WCHAR crossed[2 * PART_UNITS + 4];
            swprintf(crossed, sizeof crossed / sizeof crossed[0], L"\\\\%ls\\%ls", other, share);
            if (named_in(crossed, excepted, n_except))
                continue;
            DWORD refused = 0;
            if (!refused_in(add_pre_of, blocked[b], 1, &refused))
                continue;
            exceptions_asked++;
            if (!both(add_pre_of(crossed), add_pre_of(crossed), 1))
                continue;
            char answer[80];
            snprintf(text, cap,
                     "the exception %ls (%ls) lets %ls map (twice), a share of the same name on "
                     "another server of the block list (%ls), named by no exception, while %s "
                     "for %ls: an exception matched by its share alone, not its server, opens "
                     "that share on every blocked server",
                     excepted[e], setting_list_values(SETTING_LIST_EXCEPT), crossed,
                     setting_list_values(SETTING_LIST_BLOCK),
                     answer_text(ANSWER_ADD_PRE, refused, answer, sizeof answer), blocked[b]);
            return 1;
        }
    }
    return 0;
}

/* The block list: in force (1, text) when one of its names is refused from the first call
 * of a load and a name added while it runs is refused too; -1 when there is none; 0 (text)
 * when each name maps, maps at load or after a push, or an added name maps. */
static int block_list(char *text, size_t cap)
{
    const WCHAR *names[MAX_LISTED];
    unsigned n = setting_list_names(SETTING_LIST_BLOCK, names, MAX_LISTED);
    if (!n)
        return -1;
    const WCHAR *values = setting_list_values(SETTING_LIST_BLOCK);
    announce_step("the %u name(s) of the settings' block list (%ls), each added on Y:", n, values);
    char listed[LIST_CHARS] = "";
    size_t at = 0;
    for (unsigned i = 0; i < n; i++) {
        DWORD refused = 0;
        if (refused_in(add_pre_of, names[i], ROUNDS, &refused)) {
            if (!in_force(names[i], refused, "block list", "", values, text, cap) ||
                in_part(names, n, i, refused, values, text, cap) ||
                pattern_held(SETTING_LIST_BLOCK, values, text, cap) || exception_held(text, cap))
                return 0;
            return takes_change(values, text, cap) && stays_when_grown(names[i], values, text, cap);
        }
        note_listed(listed, &at, names[i]);
    }
    snprintf(text, cap,
             "the settings' block list (%ls) names %u server(s) or share(s), and the add PRE "
             "returned WN_SUCCESS for each (%s; %d rounds): the list is not in force in this "
             "process (a read, a check or an API call of its own that fails here fails open)",
             values, n, listed, ROUNDS);
    return 0;
}

/* The allow list: in force (1, text) when a made-up server it does not name is refused from
 * the first call of a load; -1 when there is none; 0 (text) when the made-up servers map, or
 * map at load. */
static int allow_list(char *text, size_t cap)
{
    const WCHAR *names[MAX_LISTED];
    unsigned n = setting_list_names(SETTING_LIST_ALLOW, names, MAX_LISTED);
    if (!n)
        return -1;
    const WCHAR *values = setting_list_values(SETTING_LIST_ALLOW);
    const WCHAR *const *unlisted = setting_unlisted_names();
    announce_step("%u made-up servers the settings' allow list (%ls) does not name, on Y:",
                  (unsigned)SETTING_UNLISTED, values);
    for (unsigned u = 0; u < SETTING_UNLISTED; u++) {
        DWORD refused = 0;
        if (refused_in(add_pre_of, unlisted[u], ROUNDS, &refused)) {
            if (!in_force(unlisted[u], refused, "allow list", "the unlisted ", values, text, cap))
                return 0;
            char held[VERDICT_CHARS];
            if (!pattern_held(SETTING_LIST_ALLOW, values, held, sizeof held))
                return 1;
            snprintf(text, cap, "%s", held);
            return 0;
        }
    }
    snprintf(text, cap,
             "the settings' allow list (%ls) names %u server(s) or share(s), and the add PRE "
             "returned WN_SUCCESS for the unlisted %ls, %ls, %ls and %ls (%d rounds): the list "
             "is not in force in this process (a read, a check or an API call of its own that "
             "fails here fails open)",
             values, n, unlisted[0], unlisted[1], unlisted[2], unlisted[3], ROUNDS);
    return 0;
}

/* The cancel PRE of the drive at arg ("K:"), a share mapped there first: one add and one
 * cancel (fresh_load.h). */
static DWORD cancel_pre_of(const void *arg)
{
    WCHAR *local = fence_wstr(arg, "lpLocalName (a protected drive)");
    WCHAR *remote = fence_wstr(L"\\\\fileserver\\share", "lpRemoteName");
    struct shape s;
    shape_on_drive(&s, local, remote, NULL, CONNECT_TEMPORARY);
    DWORD a[ANSWERS];
    answers_take(&s, a);
    shape_free_calls(&s);
    fence_free(local);
    fence_free(remote);
    return a[ANSWER_CANCEL_PRE];
}

/* The drives a user may not disconnect: in force (1, text) when the cancel PRE of one is
 * refused in 2 rounds; -1 when none are listed; 0 (text) when each cancel is allowed. */
static int protected_drives(char *text, size_t cap)
{
    const WCHAR *letters;
    unsigned n = setting_protected_drives(&letters);
    if (!n)
        return -1;
    const WCHAR *values = setting_protected_values();
    announce_step("the %u drive(s) of the settings' %ls, each mapped and disconnected", n, values);
    char listed[LIST_CHARS] = "";
    size_t at = 0;
    for (unsigned i = 0; i < n; i++) {
        WCHAR drive[3] = {letters[i], ':', 0};
        DWORD refused = 0;
        if (refused_in(cancel_pre_of, drive, ROUNDS, &refused)) {
            char answer[80];
            snprintf(text, cap, "the protected drives (%ls) are in force: for %ls %s", values,
                     drive, answer_text(ANSWER_CANCEL_PRE, refused, answer, sizeof answer));
            return 1;
        }
        note_listed(listed, &at, drive);
    }
    snprintf(text, cap,
             "the settings' %ls names %u drive(s), and the cancel PRE of each returned "
             "WN_SUCCESS (%s; %d rounds): the list is not in force in this process (a read, a "
             "check or an API call of its own that fails here fails open)",
             values, n, listed, ROUNDS);
    return 0;
}

void settings_enforced_judge(void)
{
    if (!cf.settings_file) {
        result("settings.enforced", "pass",
               "no settings file (--reg): no block or allow list of the notifier's to judge");
        return;
    }
    char block[VERDICT_CHARS];
    char allow[VERDICT_CHARS];
    int blocks = block_list(block, sizeof block);
    if (blocks == 0) {
        result_bad("settings.enforced", "%s", block);
        return;
    }
    int allows = allow_list(allow, sizeof allow);
    if (allows == 0) {
        result_bad("settings.enforced", "%s", allow);
        return;
    }
    char networks[VERDICT_CHARS];
    if (network_held(SETTING_LIST_ALLOW, networks, sizeof networks) ||
        network_held(SETTING_LIST_BLOCK, networks, sizeof networks)) {
        result_bad("settings.enforced", "%s", networks);
        return;
    }
    char kept[VERDICT_CHARS];
    int keeps = protected_drives(kept, sizeof kept);
    if (keeps == 0) {
        result_bad("settings.enforced", "%s", kept);
        return;
    }
    char asked[320] = "";
    int said = blocks > 0 || allows > 0 || keeps > 0;
    size_t at = 0;
    if (networks_asked) {
        int w = snprintf(asked, sizeof asked,
                         "%s%u address block(s) of a list asked for a host inside, one outside "
                         "by their last prefix bit and one outside them all: each answered by "
                         "its bits",
                         said ? "; " : "", networks_asked);
        at = w > 0 && (size_t)w < sizeof asked ? (size_t)w : 0;
        said = 1;
    }
    if (exceptions_asked)
        snprintf(asked + at, sizeof asked - at,
                 "%s%u exception share(s) asked on other servers of the block list: none let "
                 "through there twice",
                 said ? "; " : "", exceptions_asked);
    if (blocks < 0 && allows < 0 && keeps < 0 && !networks_asked) {
        result("settings.enforced", "pass",
               "no value of the settings file named as a block list (block, deny, disallow, "
               "forbid, prohibit, banned) or an allow list (allow, permit, whitelist) names a "
               "server or share, nor one named as protected drives a drive");
        return;
    }
    result("settings.enforced", "pass", "%s%s%s%s%s%s", blocks > 0 ? block : "",
           blocks > 0 && allows > 0 ? "; " : "", allows > 0 ? allow : "",
           keeps > 0 && (blocks > 0 || allows > 0) ? "; " : "", keeps > 0 ? kept : "", asked);
}
