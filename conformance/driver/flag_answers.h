/* dwAddFlags taken whole: a policy on one flag that compares the word with
 * that flag's value (== CONNECT_UPDATE_PROFILE) instead of testing its bit
 * refuses the flag alone and lets it through with any other flag beside it:
 * a persistent mapping made with CONNECT_INTERACTIVE too is never refused.
 * dwAddFlags is any combination of five flags [doc]; a policy on some of
 * them answers alike whatever the others are, while a word compared whole
 * changes its answer with each of the five: that fails. Each of the 32 sets is
 * asked twice, in opposite orders, and only answers that agree count, so that
 * an answer that follows the calls before it (a limit, a cache) is not taken
 * for one that follows the flags. [doc] */
#ifndef FLAG_ANSWERS_H
#define FLAG_ANSWERS_H

#include <stddef.h>

/* 1 and the text when the add PRE answer changes with each of the 5 flags. */
int flag_answers_whole(char *text, size_t cap);

#endif
