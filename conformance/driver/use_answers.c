/* Answers that change with use (use_answers.h). */
#include "use_answers.h"

#include "answers.h"
#include "call.h"
#include "out.h"
#include "shapes.h"
#include "wanted.h"

#include <stdio.h>
#include <wchar.h>

enum { USE_SHAPES = 512, USE_KINDS = 4, USE_LIVE = 100 };

static DWORD before[USE_SHAPES][ANSWERS];
static unsigned char unstable[USE_SHAPES];
static unsigned n_before;
static unsigned compared;
static unsigned cycles_made;

struct kind_answers {
    int seen;
    DWORD first;
    int moved;
    unsigned moved_at; /* the distinct name, from 0 */
    DWORD moved_to;
    DWORD last; /* the answer to the last name of the kind */
    const char *what;
};

static struct kind_answers kinds[USE_KINDS];

/* Refused shapes allowed during the cycles: how often, the first, and how often asked. */
static unsigned lost_refusals;
static unsigned lost_first_shape;
static unsigned lost_asked;
static unsigned live_compared;

void use_answers_before(unsigned n_shapes)
{
    DWORD again[ANSWERS];
    n_before = n_shapes < USE_SHAPES ? n_shapes : USE_SHAPES;
    for (unsigned i = 0; i < n_before; i++)
        answers_take(shape_at(i), before[i]);
    for (unsigned i = 0; i < n_before; i++) {
        answers_take(shape_at(i), again);
        unstable[i] = answers_differ(again, before[i]) >= 0;
    }
}

void use_answers_during(unsigned shape, DWORD add_pre)
{
    if (shape >= n_before || unstable[shape] || before[shape][ANSWER_ADD_PRE] == WN_SUCCESS)
        return;
    if (lost_refusals && shape == lost_first_shape)
        lost_asked++;
    if (add_pre != WN_SUCCESS)
        return;
    if (lost_refusals++ == 0) {
        lost_first_shape = shape;
        lost_asked = 1;
    }
}

/* The lost refusal, if any, as leaks.answers' verdict: 1 when judged. */
static int lost_refusal_judged(const char *during)
{
    if (!lost_refusals)
        return 0;
    result_bad("leaks.answers",
               "a refusal lost on some calls: the add PRE of (%s) returned %s before %s "
               "(twice), and WN_SUCCESS %u time(s) during them (asked %u times since the "
               "first): a path that overwrites the answer on some call (a log rotated, a cache "
               "refilled) lets that add through",
               shape_at(lost_first_shape)->label, wn_name(before[lost_first_shape][ANSWER_ADD_PRE]),
               during, lost_refusals, lost_asked);
    return 1;
}

void use_answers_refused_repeat(unsigned repeats)
{
    if (!wanted("leaks.answers") || violation_of("leaks.answers"))
        return;
    unsigned asked = 0;
    for (unsigned i = 0; i < n_before && asked < 4; i++) {
        if (unstable[i] || before[i][ANSWER_ADD_PRE] == WN_SUCCESS)
            continue;
        asked++;
        for (unsigned k = 0; k < repeats; k++) {
            DWORD rets[4];
            shape_cycle_returns(shape_at(i), NULL, rets);
            use_answers_during(i, rets[0]);
        }
    }
    char during[80];
    snprintf(during, sizeof during, "%u calls of each refused shape in a row", repeats);
    lost_refusal_judged(during);
}

void use_answers_after(unsigned cycles)
{
    DWORD now[ANSWERS];
    cycles_made = cycles;
    if (!wanted("leaks.answers") || violation_of("leaks.answers"))
        return;
    char during[80];
    snprintf(during, sizeof during, "%u cycles of every input shape", cycles);
    if (lost_refusal_judged(during))
        return;
    for (unsigned i = 0; i < n_before; i++) {
        if (unstable[i])
            continue;
        answers_take(shape_at(i), now);
        compared++;
        int which = answers_differ(now, before[i]);
        if (which < 0)
            continue;
        /* Twice, so that a lone answer of another kind (a timeout of its own) is not use. */
        DWORD again[ANSWERS];
        answers_take(shape_at(i), again);
        if (answers_differ(again, now) >= 0)
            continue;
        char was[80];
        char is[80];
        result_bad("leaks.answers",
                   "answers change with use: for (%s) %s before %u cycles of every input shape "
                   "and %s after them (twice each): a table, ring or counter that "
                   "fills up with use, and every later caller of the host gets that answer",
                   shape_at(i)->label, answer_text(which, before[i][which], was, sizeof was),
                   cycles, answer_text(which, now[which], is, sizeof is));
        return;
    }
}

void use_answers_distinct(unsigned kind, const char *what, unsigned index, DWORD add_pre)
{
    struct kind_answers *k = &kinds[kind % USE_KINDS];
    k->last = add_pre;
    if (!k->seen) {
        k->seen = 1;
        k->first = add_pre;
        k->what = what;
        return;
    }
    if (k->moved || add_pre == k->first)
        return;
    k->moved = 1;
    k->moved_at = index;
    k->moved_to = add_pre;
}

/* The add (cancel 0) or unforced cancel of a deviceless connection to server `i`; the PRE's
 * answer. */
static DWORD live_call(unsigned i, int cancel)
{
    WCHAR remote[48];
    swprintf(remote, sizeof remote / sizeof remote[0], L"\\\\live-src%u\\c$", i);
    const char *label = "lpRemoteName (a live connection)";
    const char *what = "connections made and kept, then cancelled";
    return cancel ? deviceless_cancel(remote, label, what) : deviceless_add(remote, label, what);
}

void use_answers_live(void)
{
    if (!wanted("leaks.answers") || violation_of("leaks.answers"))
        return;
    announce_step("%d deviceless connections made and kept, then cancelled", USE_LIVE);
    std_names();
    DWORD alone_add = live_call(0, 0);
    DWORD alone = live_call(0, 1);
    if (alone_add != WN_SUCCESS)
        return;
    DWORD adds[USE_LIVE];
    for (unsigned i = 0; i < USE_LIVE; i++)
        adds[i] = live_call(i, 0);
    unsigned first_moved = USE_LIVE;
    DWORD moved_to = WN_SUCCESS;
    unsigned moved = 0;
    for (unsigned i = 0; i < USE_LIVE; i++) {
        DWORD answer = live_call(i, 1);
        if (adds[i] != WN_SUCCESS)
            continue;
        live_compared++;
        if (answer == alone)
            continue;
        moved++;
        if (first_moved == USE_LIVE) {
            first_moved = i;
            moved_to = answer;
        }
    }
    if (!moved)
        return;
    result_bad("leaks.answers",
               "answers change with use: the cancel PRE of a deviceless connection returned %s "
               "when it was the only one made, and %s for %u of the %u cancels of %d made and "
               "kept (from the cancel of connection %u, with %u still live): a wait list of at "
               "most 64 handles (WaitForMultipleObjects) or a table of live connections that "
               "fills, and a user with that many connections cannot disconnect",
               wn_name(alone), wn_name(moved_to), moved, live_compared, USE_LIVE, first_moved + 1,
               USE_LIVE - first_moved);
}

void use_answers_distinct_judge(unsigned made)
{
    if (!wanted("leaks.answers") || violation_of("leaks.answers"))
        return;
    for (unsigned i = 0; i < USE_KINDS; i++) {
        const struct kind_answers *k = &kinds[i];
        /* A lone answer that came back is not use: the last name's answer must have moved too. */
        if (!k->moved || k->last != k->moved_to)
            continue;
        result_bad(
            "leaks.answers",
            "answers change with use: the add PRE (%s) returned %s for the first names of "
            "that kind and %s from distinct name %u of %u on (each added and cancelled, every "
            "cancel successful): a table or cache of names that fills up and is never "
            "emptied, and every later mapping in the host gets that answer",
            k->what, wn_name(k->first), wn_name(k->moved_to), k->moved_at + 1, made);
        return;
    }
    char names[120] = "no distinct names (the leak loops stopped at their bound)";
    if (made)
        snprintf(names, sizeof names, "each kind of %u distinct names answered as its first names",
                 made);
    char live[120] = "";
    if (live_compared)
        snprintf(live, sizeof live,
                 "; the cancels of %u connections made and kept answered as one alone",
                 live_compared);
    result("leaks.answers", "pass",
           "every input shape answered as before %u cycles of every shape (%u compared); %s%s",
           cycles_made, compared, names, live);
}
