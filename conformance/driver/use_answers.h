/* [design] A notifier's answer to an input does not change with the number of
 * calls made before it: a table, cache, ring or counter that fills up with use
 * refuses (or waves through) every later caller in a host that lives on.
 * leaks.answers, judged on the leaks case's cycles: every input shape before
 * and after the mixed cycles, each kind of distinct name against the first
 * names of that kind, and cancels with many connections live against one alone. */
#ifndef USE_ANSWERS_H
#define USE_ANSWERS_H

#include "conform.h"

/* Every shape's answers, twice (a shape whose two differ is not compared). */
void use_answers_before(unsigned n_shapes);
/* Every shape's answers again after `cycles` mixed cycles: leaks.answers
 * fails on the first shape whose answer moved. */
void use_answers_after(unsigned cycles);
/* During the cycles: shape `shape`'s add PRE answered `add_pre`. A shape refused (stable) before
 * them that is allowed once is a refusal lost on some call (a path that overwrites the answer:
 * a log rotated, a cache refilled); use_answers_after judges it. */
void use_answers_during(unsigned shape, DWORD add_pre);
/* Each shape refused (stable) before the cycles, at most 4, asked `repeats` times in a row:
 * leaks.answers fails when one is allowed once (a rare path, met sooner when every call is
 * that shape's). */
void use_answers_refused_repeat(unsigned repeats);
/* The add PRE's return for distinct name `index` (from 0) of kind `kind`
 * (0 to 3) described by `what`. */
void use_answers_distinct(unsigned kind, const char *what, unsigned index, DWORD add_pre);
/* USE_LIVE deviceless connections made and kept, then cancelled: leaks.answers fails when
 * the cancel PRE of one of them answers other than the cancel of one made alone (a wait list
 * of at most 64 handles, WaitForMultipleObjects [doc], or a table of live connections that
 * fills). */
void use_answers_live(void);
/* Fails leaks.answers on the first kind whose answer moved, else passes it
 * (when wanted and not judged yet), with `made` distinct names in all. */
void use_answers_distinct_judge(unsigned made);

#endif
