/* Answers in fresh loads: the notifier freed and loaded again, with no call
 * before the one asked (reload_notifier_bare), so that whatever it keeps from
 * its first call is the asker's. Each answer counts when two loads agree. */
#ifndef FRESH_LOAD_H
#define FRESH_LOAD_H

#include <windows.h>

enum { FRESH_ROUNDS = 2 };
/* An ask that could not be made (an identity not taken). */
#define FRESH_NO_ANSWER ((DWORD)-1)

/* One question to the notifier: its calls, and the answer that counts. */
typedef DWORD (*fresh_ask_fn)(const void *arg);

/* The answer of `ask` in FRESH_ROUNDS fresh loads, the same in each: 1 and *answer, else 0
 * (the answers differ, the ask could not be made or the notifier does not load). */
int fresh_load_answer(fresh_ask_fn ask, const void *arg, DWORD *answer);
/* `ask` in FRESH_ROUNDS fresh loads: 1 when every answer differs from `alone`, the last in
 * *got; 0 when one agrees or a load fails. */
int fresh_load_differs(fresh_ask_fn ask, const void *arg, DWORD alone, DWORD *got);

#endif
