/* With --end-when-failed (checks picked: nothing else is reported), a case whose every check
 * asked for (--checks) has failed ends there: what it would run after cannot change a failed
 * verdict (the worst wins), and a failing notifier's later phases (a deadlock waited out to the
 * hang limit, thousands of cycles) only cost time. A report check (a warning) keeps it
 * running. */
#ifndef CASE_DECIDED_H
#define CASE_DECIDED_H

/* From now on, `end` is called once (on the thread that printed the last verdict) when every
 * check of case `casename` asked for has a fail verdict; it does not return. */
void case_decided_arm(const char *casename, void (*end)(void));
/* A RESULT line was printed. */
void case_decided_note(const char *check, const char *verdict);

#endif
