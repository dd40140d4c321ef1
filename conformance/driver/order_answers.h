/* Answers that carry over from the name before: a notifier that copies each
 * server into a buffer of its own without ending it (wcsncpy of a part), or
 * keeps a decision for "the last name", answers a short name after a longer
 * one by what the longer one left: a refused server maps right after an
 * allowed one (drive.reuse). Each name's answer alone in a fresh load is
 * compared with its answer right after each other name. [design] */
#ifndef ORDER_ANSWERS_H
#define ORDER_ANSWERS_H

#include <stddef.h>
#include <windows.h>

/* 1 and the text when a name's add PRE right after an add of another name differs from its
 * answer alone in fresh loads, in this load and again in fresh loads. */
int order_answers_differ(const WCHAR *const *names, unsigned n, char *text, size_t cap);

#endif
