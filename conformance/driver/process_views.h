/* What a process loaded earlier sees of another's changes (drive.processes) [design]: every
 * process of a user that maps a drive loads the notifier, and a notifier whose answers follow
 * state shared by those processes (one drive letter per share, a table of the user's
 * connections in the registry or a section) must answer in a process loaded before a change
 * as one loaded after it. A per-process copy reloaded on a signal only one process can take
 * (an auto-reset event set once per change, a message to one window) goes stale in the
 * others, which then allow what the user's policy refuses, or refuse what it allows.
 *
 * The case: a second process loads the notifier and makes an add that fails; this process
 * connects \\server\<unique> on P: and makes another add that fails; then, in turn, a fresh
 * process asks the add PRE of that share on Q:, the second process asks it (and again 3 s
 * later), and another fresh process asks it. The same after this process cancels P:. The
 * second process's later answer must be the fresh processes' where those two agree. */
#ifndef PROCESS_VIEWS_H
#define PROCESS_VIEWS_H

#include <windows.h>

/* --views-child ROLE.PID.TAG: this process is a child of the process PID's case (TAG names
 * its run's share), ROLE "warm" (the process loaded before the change) or "fresh". */
void views_child_role(const WCHAR *role);

#endif
