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

int flag_answers_whole(char *text, size_t cap)
{
    static WCHAR *remote;
    DWORD first[SETS];
    DWORD again[SETS];
    if (!remote)
        remote = fence_wstr(L"\\\\server\\share", "lpRemoteName");
    for (unsigned i = 0; i < SETS; i++)
        first[i] = ask(remote, i);
    for (unsigned i = SETS; i-- > 0;)
        again[i] = ask(remote, i);
    unsigned changing = 0;
    unsigned refused = SETS;
    unsigned allowed = SETS;
    unsigned flag_of_pair = 0;
    for (unsigned f = 0; f < FLAGS; f++) {
        int changes = 0;
        for (unsigned i = 0; i < SETS && !changes; i++) {
            unsigned j = i | (1u << f);
            if (i == j || first[i] != again[i] || first[j] != again[j])
                continue;
            if ((first[i] == WN_SUCCESS) == (first[j] == WN_SUCCESS))
                continue;
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
