/* dwAddFlags taken whole: a policy on one flag that compares the word with
 * that flag's value (== CONNECT_UPDATE_PROFILE) instead of testing its bit
 * refuses the flag alone and lets it through with any other flag beside it:
 * a persistent mapping made with CONNECT_INTERACTIVE too is never refused.
 * dwAddFlags is any combination of five flags [doc]; a policy on some of
 * them answers alike whatever the others are, while a word compared whole
 * changes its answer with each of the five: that fails. Each of the 32 sets is
 * asked twice, in opposite orders, and only answers that agree count, so that
 * an answer that follows the calls before it (a limit, a cache) is not taken
 * for one that follows the flags. [doc]
 * A documented flag refused for itself is the other failure (flag_answers_refused). */
#ifndef FLAG_ANSWERS_H
#define FLAG_ANSWERS_H

#include <stddef.h>
#include <windows.h>

/* The add PRE answers of \\server\share on Y: for the 32 flag sets, asked twice. */
struct flag_answers {
    DWORD first[32];
    DWORD again[32];
};

void flag_answers_take(struct flag_answers *fa);
/* 1 and the text when the add PRE answer changes with each of the 5 flags. */
int flag_answers_whole(const struct flag_answers *fa, char *text, size_t cap);
/* 1 and the text when a documented flag set is refused as invalid (WN_BAD_VALUE,
 * ERROR_INVALID_FLAGS) while no flag at all is allowed, or when the answer changes with
 * CONNECT_UPDATE_RECENT alone: it asks MPR to list the name among recent connections and
 * changes nothing in the connection a policy could be about. An allow-list of the flags its
 * author knew refuses the others, and every caller that passes one [doc]. */
int flag_answers_refused(const struct flag_answers *fa, char *text, size_t cap);

#endif
