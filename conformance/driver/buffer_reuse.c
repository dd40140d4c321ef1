/* One buffer, reused (see buffer_reuse.h). */
#include "buffer_reuse.h"

#include "answers.h"
#include "call.h"
#include "fence.h"
#include "out.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { NAME_UNITS = 260, ROUNDS = 2 };

/* The add PRE's answer for remote (not copied) added on Y: as a disk. */
static DWORD add_pre(const WCHAR *remote)
{
    DWORD a[ANSWERS];
    answers_take_on_y(remote, a);
    return a[ANSWER_ADD_PRE];
}

/* The same answer in two fresh buffers, or 0 with *answer unset. */
static int fresh_answer(const WCHAR *name, DWORD *answer)
{
    DWORD first = add_pre(fence_wstr(name, "lpRemoteName (a fresh buffer)"));
    DWORD second = add_pre(fence_wstr(name, "lpRemoteName (a fresh buffer)"));
    if (first != second)
        return 0;
    *answer = first;
    return 1;
}

/* The name in buf (copied there), or in a fresh buffer of its own when buf is NULL. */
static const WCHAR *in_buffer(WCHAR *buf, const WCHAR *name)
{
    if (!buf)
        return fence_wstr(name, "lpRemoteName (a fresh buffer)");
    wcscpy(buf, name);
    return buf;
}

/* Allowed, refused, allowed, in turn, ROUNDS times, in buf (NULL: fresh buffers): how many
 * times the refused one mapped and the allowed one was refused (the answer in *wrong). */
struct in_turn {
    int refused_let_through;
    int allowed_refused;
    DWORD wrong;
};

static struct in_turn ask_in_turn(WCHAR *buf, const WCHAR *allowed, const WCHAR *refused)
{
    struct in_turn t = {0, 0, WN_SUCCESS};
    for (int r = 0; r < ROUNDS; r++) {
        add_pre(in_buffer(buf, allowed));
        t.refused_let_through += add_pre(in_buffer(buf, refused)) == WN_SUCCESS;
        DWORD again = add_pre(in_buffer(buf, allowed));
        if (again != WN_SUCCESS) {
            t.allowed_refused++;
            t.wrong = again;
        }
    }
    return t;
}

/* In buf, in turn: allowed, refused, allowed. 1 when an answer differs from the fresh one in
 * every round, and the same calls in fresh buffers do not differ so (a notifier whose answers
 * follow the calls before, a limit of their rate, answers both alike); which and what in
 * text. */
static int reuse_differs(WCHAR *buf, const WCHAR *allowed, const WCHAR *refused, DWORD refusal,
                         char *text, size_t cap)
{
    struct in_turn t = ask_in_turn(buf, allowed, refused);
    if (t.refused_let_through < ROUNDS && t.allowed_refused < ROUNDS)
        return 0;
    struct in_turn fresh = ask_in_turn(NULL, allowed, refused);
    char name_a[300];
    char name_r[300];
    snprintf(name_a, sizeof name_a, "%.120ls", allowed);
    snprintf(name_r, sizeof name_r, "%.120ls", refused);
    if (t.refused_let_through == ROUNDS && fresh.refused_let_through < ROUNDS) {
        snprintf(text, cap,
                 "the add PRE returned WN_SUCCESS for %s in a buffer that held %s (allowed) the "
                 "call before, and %s for it in a fresh buffer (%d rounds): answers kept "
                 "by the name's address; callers reuse their buffers",
                 name_r, name_a, wn_name(refusal), ROUNDS);
        return 1;
    }
    if (t.allowed_refused == ROUNDS && fresh.allowed_refused < ROUNDS) {
        snprintf(text, cap,
                 "the add PRE returned %s for %s in a buffer that held %s (refused) the call "
                 "before, and WN_SUCCESS for it in a fresh buffer (%d rounds): answers "
                 "kept by the name's address; callers reuse their buffers",
                 wn_name(t.wrong), name_a, name_r, ROUNDS);
        return 1;
    }
    return 0;
}

void buffer_reuse_judge(const WCHAR *const *names, unsigned n)
{
    announce_step("an allowed and a refused name in turn in one buffer of the caller");
    const WCHAR *allowed = NULL;
    const WCHAR *refused = NULL;
    DWORD refusal = WN_SUCCESS;
    for (unsigned i = 0; i < n && (!allowed || !refused); i++) {
        DWORD answer;
        if (wcslen(names[i]) >= NAME_UNITS || !fresh_answer(names[i], &answer))
            continue;
        if (answer == WN_SUCCESS && !allowed)
            allowed = names[i];
        if (answer != WN_SUCCESS && !refused) {
            refused = names[i];
            refusal = answer;
        }
    }
    if (!allowed || !refused) {
        result("drive.reuse", "pass", "%u remote names: %s, nothing to tell apart in one buffer", n,
               allowed ? "none refused" : "none allowed");
        return;
    }
    WCHAR *buf = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, NAME_UNITS * sizeof(WCHAR));
    if (!buf) {
        result("drive.reuse", "notjudged", "no memory for the caller's buffer");
        return;
    }
    char text[900];
    if (reuse_differs(buf, allowed, refused, refusal, text, sizeof text))
        result_bad("drive.reuse", "%s", text);
    else
        result("drive.reuse", "pass",
               "%.120ls (allowed) and %.120ls (refused) in turn in one buffer, %d rounds: the "
               "answers of fresh buffers",
               allowed, refused, ROUNDS);
    HeapFree(GetProcessHeap(), 0, buf);
}
