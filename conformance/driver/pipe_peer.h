/* A slow peer on a named pipe the notifier opens as a client: its agent
 * service, stood in by another process. Each connection gets an answer of
 * PEER_REPLY bytes of 0x7F PEER_DELAY_MS after it opened and after each
 * request, as a busy service answers. A notifier that gives up waiting and
 * returns with its read still pending gets the answer written into its
 * dead frame, the caller's stack (stack_late.h). files.squatted [design] */
#ifndef PIPE_PEER_H
#define PIPE_PEER_H

#include <windows.h>

enum { PEER_DELAY_MS = 150, PEER_REPLY = 512, PEER_BYTE = 0x7f };

/* Starts serving name; NULL when the pipe cannot be made (another process has it). */
struct pipe_peer *pipe_peer_start(const WCHAR *name);
/* Stops accepting and frees the peer (its connections end with their clients). */
void pipe_peer_stop(struct pipe_peer *peer);

#endif
