/* dwAddFlags bit by bit (flag_answers.h). */
#include "flag_answers.h"

#include "answers.h"
#include "call.h"
#include "fence.h"

#include <npapi.h>
#include <stdio.h>
#include <string.h>

enum { FLAGS = 5, SETS = 1 << FLAGS, MOST_FLAGS_A_POLICY_READS = 4 };

static const struct {
    DWORD bit;
    const char *name;
} flags[FLAGS] = {
    {CONNECT_UPDATE_PROFILE, "CONNECT_UPDATE_PROFILE"},
    {CONNECT_UPDATE_RECENT, "CONNECT_UPDATE_RECENT"},
    {CONNECT_TEMPORARY, "CONNECT_TEMPORARY"},
    {CONNECT_INTERACTIVE, "CONNECT_INTERACTIVE"},
    {CONNECT_PROMPT, "CONNECT_PROMPT"},
};

static DWORD flag_word(unsigned set)
{
    DWORD word = 0;
    for (unsigned f = 0; f < FLAGS; f++) {
        if (set & (1u << f))
            word |= flags[f].bit;
    }
    return word;
}

/* The add PRE answer of \\server\share on Y: with the flags of `set`, then its cancel. */
static DWORD ask(const WCHAR *remote, unsigned set)
{
    struct shape s;
    DWORD a[ANSWERS];
    shape_on_y(&s, remote, NULL, flag_word(set));
    answers_take(&s, a);
    shape_free_calls(&s);
    return a[ANSWER_ADD_PRE];
}

void flag_answers_take(struct flag_answers *fa)
{
    static WCHAR *remote;
    if (!remote)
        remote = fence_wstr(L"\\\\server\\share", "lpRemoteName");
    for (unsigned i = 0; i < SETS; i++)
        fa->first[i] = ask(remote, i);
    for (unsigned i = SETS; i-- > 0;)
        fa->again[i] = ask(remote, i);
}

/* Sets i and i with flag f beside it differ (i lacks f), each answered alike both times, one
 * allowed and the other refused. */
static int flag_flips(const struct flag_answers *fa, unsigned i, unsigned f)
{
    unsigned j = i | (1u << f);
    if (i == j || fa->first[i] != fa->again[i] || fa->first[j] != fa->again[j])
        return 0;
    return (fa->first[i] == WN_SUCCESS) != (fa->first[j] == WN_SUCCESS);
}

/* The index of bit in flags[]. */
static unsigned flag_index(DWORD bit)
{
    unsigned f = 0;
    while (f < FLAGS - 1 && flags[f].bit != bit)
        f++;
    return f;
}

/* The names of the flags of `set`, joined by '|'. */
static void flag_names(unsigned set, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = 0;
    for (unsigned f = 0; f < FLAGS && used < cap; f++) {
        if (!(set & (1u << f)))
            continue;
        int n = snprintf(buf + used, cap - used, "%s%s", used ? "|" : "", flags[f].name);
        if (n < 0)
            return;
        used += (size_t)n;
    }
}

static int is_invalid_answer(DWORD answer)
{
    return answer == WN_BAD_VALUE || answer == ERROR_INVALID_FLAGS;
}

/* ERROR_INVALID_FLAGS is no WN_* code (wn_name gives its number). */
static const char *invalid_name(DWORD answer)
{
    return answer == ERROR_INVALID_FLAGS ? "ERROR_INVALID_FLAGS" : wn_name(answer);
}

int flag_answers_refused(const struct flag_answers *fa, char *text, size_t cap)
{
    const DWORD *first = fa->first;
    const DWORD *again = fa->again;
    char names[160];
    if (first[0] != WN_SUCCESS || again[0] != WN_SUCCESS)
        return 0;
    for (unsigned i = 1; i < SETS; i++) {
        if (first[i] != again[i] || !is_invalid_answer(first[i]))
            continue;
        flag_names(i, names, sizeof names);
        snprintf(
            text, cap,
            "AddConnectNotify PRE answered %s (invalid) with dwAddFlags 0x%lx (%s), twice, and "
            "WN_SUCCESS with no flag: every combination of CONNECT_UPDATE_PROFILE, "
            "CONNECT_UPDATE_RECENT, CONNECT_TEMPORARY, CONNECT_INTERACTIVE and CONNECT_PROMPT "
            "is valid [doc]; an allow-list of the flags it knew fails every caller that "
            "passes another",
            invalid_name(first[i]), (unsigned long)flag_word(i), names);
        return 1;
    }
    unsigned recent = flag_index(CONNECT_UPDATE_RECENT);
    for (unsigned i = 0; i < SETS; i++) {
        if (!flag_flips(fa, i, recent))
            continue;
        unsigned j = i | (1u << recent);
        unsigned refused = first[i] == WN_SUCCESS ? j : i;
        unsigned allowed = first[i] == WN_SUCCESS ? i : j;
        snprintf(
            text, cap,
            "AddConnectNotify PRE answered %s with dwAddFlags 0x%lx and WN_SUCCESS with 0x%lx, "
            "twice: only CONNECT_UPDATE_RECENT differs, which asks MPR to list the name among "
            "recent connections and changes nothing in the connection [doc]",
            wn_name(first[refused]), (unsigned long)flag_word(refused),
            (unsigned long)flag_word(allowed));
        return 1;
    }
    return 0;
}

int flag_answers_whole(const struct flag_answers *fa, char *text, size_t cap)
{
    const DWORD *first = fa->first;
    unsigned changing = 0;
    unsigned refused = SETS;
    unsigned allowed = SETS;
    unsigned flag_of_pair = 0;
    for (unsigned f = 0; f < FLAGS; f++) {
        int changes = 0;
        for (unsigned i = 0; i < SETS && !changes; i++) {
            if (!flag_flips(fa, i, f))
                continue;
            unsigned j = i | (1u << f);
            changes = 1;
            /* Best shown: a flag added that lets the refused set through. */
            int added_lets_through = first[i] != WN_SUCCESS;
            if (refused == SETS || (added_lets_through && !(refused < allowed))) {
                refused = added_lets_through ? i : j;
                allowed = added_lets_through ? j : i;
                flag_of_pair = f;
            }
        }
        changing += (unsigned)changes;
    }
    if (changing <= MOST_FLAGS_A_POLICY_READS || refused == SETS)
        return 0;
    snprintf(text, cap,
             "AddConnectNotify PRE answered %s with dwAddFlags 0x%lx and WN_SUCCESS with 0x%lx (%s "
             "%s); allowed or refused changes with %u of the 5 flags, each of the 32 sets "
             "asked twice: dwAddFlags compared whole, not bit by bit? A caller that adds a "
             "flag the policy does not concern gets a refused connection through [doc]",
             wn_name(first[refused]), (unsigned long)flag_word(refused),
             (unsigned long)flag_word(allowed), flags[flag_of_pair].name,
             refused < allowed ? "added" : "taken away", changing);
    return 1;
}
