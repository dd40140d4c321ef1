/* What a run registers in HKLM, in the view of its architecture, once
 * regsave has saved what was there: the test provider as the only network
 * provider (so no WNet call of a case reaches a real network provider), and
 * the reference notifier's log. The notifier's own Notifyees value is
 * written by the driver's mpr case between its baseline and its run. */
#ifndef WINMAIN_REGISTER_H
#define WINMAIN_REGISTER_H

#include <windows.h>

/* Whether this process may write HKLM's network provider keys (an
 * administrator's); CONNOTIFY_CONFORM_AS_USER=1 says no, for the tests. */
int register_allowed(REGSAM view);

/* PROVIDER (NULL: none) as the only provider; LOGPATH (NULL: none) as the
 * reference notifier's log. 0, or -1 with a message on stderr. */
int register_for_run(REGSAM view, const WCHAR *provider, const WCHAR *logpath);

#endif
