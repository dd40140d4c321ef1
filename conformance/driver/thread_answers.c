/* Answers kept from the thread's earlier calls (see thread_answers.h). */
#include "thread_answers.h"

#include "answers.h"
#include "call.h"
#include "fence.h"
#include "out.h"
#include "shapes.h"
#include "shown_name.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

enum { NAME_UNITS = 260, MAX_NAMES = 64, NAME_TEXT = 700 };

/* Names that are no UNC name, asked before as the shapes are. */
static const WCHAR *const odd_names[] = {
    L"http://server/share",
    L"\\\\server",
    L"",
};
enum { N_ODD = sizeof odd_names / sizeof odd_names[0], ALL_BEFORE = -1, NONE_BEFORE = -2 };

struct thread_run {
    const WCHAR *const *names;
    unsigned n;
    int before; /* NONE_BEFORE, ALL_BEFORE, a shape's index, or shapes_init() + an odd name's */
    DWORD (*answers)[ANSWERS];
};

static void operation_before(unsigned which)
{
    unsigned n_shapes = shapes_init();
    if (which < n_shapes) {
        shape_cycle(shape_at(which), NULL);
        return;
    }
    static WCHAR *fenced[N_ODD];
    unsigned odd = which - n_shapes;
    if (!fenced[odd])
        fenced[odd] = fence_wstr(odd_names[odd], "lpRemoteName (no UNC name)");
    DWORD unused[ANSWERS];
    answers_take_on_y(fenced[odd], unused);
}

static DWORD WINAPI run_thread(void *arg)
{
    struct thread_run *run = arg;
    mark_driver_thread();
    if (run->before == ALL_BEFORE) {
        for (unsigned i = 0; i < shapes_init() + N_ODD; i++)
            operation_before(i);
    } else if (run->before >= 0) {
        operation_before((unsigned)run->before);
    }
    for (unsigned i = 0; i < run->n; i++)
        answers_take_on_y(run->names[i], run->answers[i]);
    return 0;
}

/* The (fenced) names' answers on a new thread after `before`; 0 when the thread did not
 * run. */
static int on_new_thread(const WCHAR *const *names, unsigned n, int before,
                         DWORD (*answers)[ANSWERS])
{
    struct thread_run run = {names, n, before, answers};
    HANDLE t = CreateThread(NULL, 0, run_thread, &run, 0, NULL);
    if (!t)
        return 0;
    /* No limit of its own: `run` lives in this frame, and a notifier call that hangs is the
     * watchdog's. */
    DWORD w = WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    return w == WAIT_OBJECT_0;
}

/* Twice on new threads after `before`: 1 and *answer when both agree. */
static int stable_answer(const WCHAR *name, int before, DWORD *answer)
{
    DWORD a[1][ANSWERS];
    DWORD b[1][ANSWERS];
    const WCHAR *one[1] = {name};
    if (!on_new_thread(one, 1, before, a) || !on_new_thread(one, 1, before, b) ||
        a[0][ANSWER_ADD_PRE] != b[0][ANSWER_ADD_PRE])
        return 0;
    *answer = a[0][ANSWER_ADD_PRE];
    return 1;
}

/* The first single earlier operation after which name gets `changed`, as a label; NULL if
 * none does alone. */
static const char *changing_operation(const WCHAR *name, DWORD changed, char *buf, size_t cap)
{
    unsigned n_shapes = shapes_init();
    for (unsigned i = 0; i < n_shapes + N_ODD; i++) {
        DWORD got;
        if (!stable_answer(name, (int)i, &got) || got != changed)
            continue;
        char odd[NAME_TEXT];
        if (i < n_shapes)
            snprintf(buf, cap, "an add and a cancel of (%s)", shape_at(i)->label);
        else
            snprintf(buf, cap, "an add of %s on Y: and its cancel",
                     shown_name(odd_names[i - n_shapes], odd, sizeof odd));
        return buf;
    }
    return NULL;
}

int thread_answers_differ(const WCHAR *const *names, unsigned n, char *text, size_t cap)
{
    static DWORD fresh[2][MAX_NAMES][ANSWERS];
    static DWORD after[2][MAX_NAMES][ANSWERS];
    WCHAR *fenced[MAX_NAMES];
    const WCHAR *asked[MAX_NAMES];
    unsigned n_asked = 0;
    for (unsigned i = 0; i < n && n_asked < MAX_NAMES; i++) {
        if (wcslen(names[i]) < NAME_UNITS) {
            fenced[n_asked] = fence_wstr(names[i], "lpRemoteName");
            asked[n_asked] = fenced[n_asked];
            n_asked++;
        }
    }
    announce_step("%u remote names on new threads, and on new threads after every input shape "
                  "and %d names that are no UNC name",
                  n_asked, N_ODD);
    int ran = 1;
    for (int r = 0; r < 2 && ran; r++) {
        ran = on_new_thread(asked, n_asked, NONE_BEFORE, fresh[r]) &&
              on_new_thread(asked, n_asked, ALL_BEFORE, after[r]);
    }
    int found = 0;
    for (unsigned i = 0; i < n_asked && ran && !found; i++) {
        DWORD alone = fresh[0][i][ANSWER_ADD_PRE];
        DWORD kept = after[0][i][ANSWER_ADD_PRE];
        if (alone != fresh[1][i][ANSWER_ADD_PRE] || kept != after[1][i][ANSWER_ADD_PRE] ||
            alone == kept || kept == WN_ALREADY_CONNECTED)
            continue;
        char op[400];
        const char *by = changing_operation(asked[i], kept, op, sizeof op);
        DWORD now;
        int per_thread = stable_answer(asked[i], NONE_BEFORE, &now) && now == alone;
        char name_text[NAME_TEXT];
        snprintf(text, cap,
                 "for %s the add PRE returned %s on a thread that had first made %s, and %s on "
                 "a new thread (twice each)%s: an answer kept from the thread's earlier calls "
                 "(a flag set on entry and not cleared on an early return), not the call's own",
                 shown_name(asked[i], name_text, sizeof name_text), wn_name(kept),
                 by ? by : "an add and a cancel of every input shape", wn_name(alone),
                 per_thread ? ", still on a new thread after them" : "");
        found = 1;
    }
    for (unsigned i = 0; i < n_asked; i++)
        fence_free(fenced[i]);
    return found;
}
