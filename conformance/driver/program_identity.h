/* Programs the notifier starts for a caller that impersonates another identity (a service
 * that maps drives for its clients): CreateProcess and WinExec give the new program the host
 * process's token, not the caller's impersonation token [doc: CreateProcess]; the client's
 * request then runs with the service's rights. CreateProcessAsUser with the caller's token (taken
 * on the caller's thread, before work moves to another) is the way. loader.identity [doc] */
#ifndef PROGRAM_IDENTITY_H
#define PROGRAM_IDENTITY_H

#include <windows.h>

/* Called by the wrappers of CreateProcessA/W and WinExec, before the real call. */
void program_identity_note(const char *fn, const WCHAR *shown);
/* Programs the notifier asked to start so far, started or not. */
long program_identity_starts(void);
/* While on, every caller impersonates another identity: a program started then is judged. */
void program_identity_callers(int impersonating);

#endif
