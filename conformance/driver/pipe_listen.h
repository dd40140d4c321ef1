/* A server on a local named pipe, as a peer program of the notifier's runs
 * one: each client that connects is served on a thread of its own, and the
 * instance is then the server's to close. pipe_peer.h and pipe_restarts.h
 * are its two peers. */
#ifndef PIPE_LISTEN_H
#define PIPE_LISTEN_H

#include <windows.h>

/* Serves one connected instance; closes it before it returns. */
typedef void (*pipe_serve_fn)(HANDLE pipe, void *ctx);

/* Starts serving name with instances of pipe_mode (PIPE_TYPE_*, PIPE_READMODE_*); NULL when
 * the pipe cannot be made (another process has it). */
struct pipe_listen *pipe_listen_start(const WCHAR *name, DWORD pipe_mode, pipe_serve_fn serve,
                                      void *ctx);
/* Stops accepting and waits up to 5 s for the connections being served to end; 1 when all
 * ended and the server was freed (else it is left, as its threads may still use it). */
int pipe_listen_stop(struct pipe_listen *listen);

#endif
