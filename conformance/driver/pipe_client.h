/* The client end of a local named pipe opened without a bound on what the
 * server may do with the caller's identity. A server impersonates its
 * client at SecurityImpersonation unless the client's CreateFile asks for
 * less with SECURITY_SQOS_PRESENT [doc: Impersonating a Named Pipe
 * Client]. Any user can create a pipe name first: the notifier runs in
 * services that map drives as SYSTEM, and such a squatter then acts as
 * SYSTEM. files.squatted [design] */
#ifndef PIPE_CLIENT_H
#define PIPE_CLIENT_H

#include <windows.h>

/* After the notifier's fn(name, ..., flags, ...): fails files.squatted when
 * name is a local pipe (\\.\pipe\, \\?\pipe\) opened without
 * SECURITY_SQOS_PRESENT, or with it at SECURITY_IMPERSONATION or above. */
void pipe_client_judge(const char *fn, const WCHAR *name, DWORD flags);

#endif
