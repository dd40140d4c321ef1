/* A peer service that restarts: a server on a named pipe the notifier opens
 * as a client, which drops each connection RESTART_DROP_MS after it was
 * made, as an agent service that restarts or recycles its clients does. A
 * notifier that shares one pipe handle among threads then closes it on one
 * thread while another writes to it. concurrency.handles [doc: CloseHandle] */
#ifndef PIPE_RESTARTS_H
#define PIPE_RESTARTS_H

#include <windows.h>

enum { RESTART_DROP_MS = 10 };

/* Starts serving name; NULL when the pipe cannot be made (another process has it). */
struct pipe_restarts *pipe_restarts_start(const WCHAR *name);
/* How many connections it dropped so far. */
long pipe_restarts_dropped(const struct pipe_restarts *peer);
/* Stops accepting, ends the connections it holds and frees the peer. */
void pipe_restarts_stop(struct pipe_restarts *peer);

#endif
