/* A notifier's answers to one input shape, what its caller acts on: the add
 * and cancel PRE returns and whether each PRE asked for a POST (set a
 * context). A POST's return is not an answer [doc]. */
#ifndef ANSWERS_H
#define ANSWERS_H

#include "shapes.h"

#include <stddef.h>

enum {
    ANSWER_ADD_PRE,
    ANSWER_ADD_POST_ASKED,
    ANSWER_CANCEL_PRE,
    ANSWER_CANCEL_POST_ASKED,
    ANSWERS
};

/* The answers in the four returns of shape_cycle_returns. */
void answers_of(const DWORD returns[4], DWORD a[ANSWERS]);
/* One add and one cancel of shape s (shape_cycle); its answers in a. */
void answers_take(const struct shape *s, DWORD a[ANSWERS]);
/* An add of remote (passed as it is) on Y: as a disk with flags and
 * hwndOwner owner, then a cancel of Y:, as an ordinary operation, into s. */
void shape_on_y(struct shape *s, const WCHAR *remote, HWND owner, DWORD flags);
/* The same on local (a fenced drive name such as K:) instead of Y:. */
void shape_on_drive(struct shape *s, const WCHAR *local, const WCHAR *remote, HWND owner,
                    DWORD flags);
/* One add of remote on Y: (shape_on_y, no owner, CONNECT_TEMPORARY), then
 * one cancel of Y:; its answers in a. */
void answers_take_on_y(const WCHAR *remote, DWORD a[ANSWERS]);
/* The add PRE's answer of the same, remote copied into a fenced string labelled `label`. */
DWORD answers_add_pre_fenced(const WCHAR *remote, const char *label);
/* The same with hwndOwner owner, and lpProvider NULL in the add when no_provider. */
DWORD answers_add_pre_on_y(const WCHAR *remote, const char *label, HWND owner, int no_provider);
/* The first PRE return that differs, or -1 (whether PRE asked for a POST
 * is kept for texts, not compared). */
int answers_differ(const DWORD a[ANSWERS], const DWORD b[ANSWERS]);
/* "the add PRE returned WN_X", "the cancel PRE asked for a POST", ... */
const char *answer_text(int which, DWORD value, char *buf, size_t cap);

#endif
