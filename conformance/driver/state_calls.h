/* The last state-changing call the notifier made (SetCurrentDirectory,
 * SetStdHandle, ...), noted by the wrappers that forward them and named
 * in the state checks' texts. */
#ifndef STATE_CALLS_H
#define STATE_CALLS_H

/* The last one on any thread, or "". */
const char *hooks_last_state_call(void);
void hooks_forget_state_call(void);
void hooks_note_state_call(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* SetErrorMode calls of the notifier so far, on every thread. */
void hooks_note_error_mode_set(void);
long hooks_error_mode_sets(void);

#endif
