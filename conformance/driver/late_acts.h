/* Acts on the caller after its operations are over: a notifier may arm work
 * in a PRE that only the POST disarms (a watchdog that cancels the thread's
 * synchronous I/O); a PRE that is refused or asks for no POST gets none
 * [doc], and the work then acts on whatever the caller does by then. The
 * hooks judge the acts (hooks_cancel_io.h); this step gives them the
 * occasion. [design] */
#ifndef LATE_ACTS_H
#define LATE_ACTS_H

/* Adds of every resource type (disk, printer, any; with a device and
 * deviceless), each POST sent only when its PRE asked for one, then 2.5 s
 * with no call on this thread. */
void late_acts_give_time(void);

#endif
