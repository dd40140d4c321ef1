/* Answers right after another name (see order_answers.h). */
#include "order_answers.h"

#include "answers.h"
#include "call.h"
#include "fence.h"
#include "fresh_load.h"
#include "out.h"
#include "shown_name.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

enum { NAME_UNITS = 260, NAME_TEXT = 700, MAX_NAMES = 16 };

/* The add PRE of `remote` on Y:, after an add and cancel of `before` when it is not NULL. */
struct order_ask {
    const WCHAR *before;
    const WCHAR *remote;
};

static DWORD ask_after(const void *arg)
{
    const struct order_ask *q = arg;
    DWORD a[ANSWERS];
    if (q->before)
        answers_take_on_y(q->before, a);
    answers_take_on_y(q->remote, a);
    return a[ANSWER_ADD_PRE];
}

/* 1 and the text when names[r] right after names[b] differs from `alone` here and in fresh
 * loads. */
static int differs_after(WCHAR *const *fenced, unsigned b, unsigned r, DWORD alone, char *text,
                         size_t cap)
{
    const struct order_ask after = {.before = fenced[b], .remote = fenced[r]};
    DWORD here = ask_after(&after);
    /* A connection on Y: whose cancel was refused is still held: not a difference. */
    if (here == alone || here == WN_ALREADY_CONNECTED)
        return 0;
    DWORD got;
    if (!fresh_load_differs(ask_after, &after, alone, &got))
        return 0;
    char name_text[NAME_TEXT];
    char before_text[NAME_TEXT];
    snprintf(text, cap,
             "for %s the add PRE returned %s right after an add and a cancel of %s, and %s "
             "alone in a fresh load (%d rounds each): an answer that carries over from the name "
             "before (a buffer of the notifier's left holding the longer name's tail, a decision "
             "kept for the last name)",
             shown_name(fenced[r], name_text, sizeof name_text), wn_name(got),
             shown_name(fenced[b], before_text, sizeof before_text), wn_name(alone), FRESH_ROUNDS);
    return 1;
}

int order_answers_differ(const WCHAR *const *names, unsigned n, char *text, size_t cap)
{
    WCHAR *fenced[MAX_NAMES];
    DWORD alone[MAX_NAMES];
    int known[MAX_NAMES];
    unsigned m = 0;
    for (unsigned i = 0; i < n && m < MAX_NAMES; i++) {
        if (wcslen(names[i]) < NAME_UNITS)
            fenced[m++] = fence_wstr(names[i], "lpRemoteName (after another name)");
    }
    announce_step("%u remote names, each alone in fresh loads and right after each other", m);
    for (unsigned r = 0; r < m; r++) {
        const struct order_ask alone_ask = {.before = NULL, .remote = fenced[r]};
        known[r] = fresh_load_answer(ask_after, &alone_ask, &alone[r]);
    }
    int found = 0;
    for (unsigned r = 0; r < m && !found; r++) {
        for (unsigned b = 0; b < m && known[r] && !found; b++) {
            if (b != r)
                found = differs_after(fenced, b, r, alone[r], text, cap);
        }
    }
    for (unsigned i = 0; i < m; i++)
        fence_free(fenced[i]);
    return found;
}
