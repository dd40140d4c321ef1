/* A slow peer on a named pipe (see pipe_peer.h). */
#include "pipe_peer.h"

#include "pipe_listen.h"

#include <stdlib.h>
#include <string.h>

struct pipe_peer {
    struct pipe_listen *listen;
};

/* One connection: an answer after PEER_DELAY_MS, then one after each request, until the
 * client goes. */
static void serve(HANDLE pipe, void *ctx)
{
    BYTE reply[PEER_REPLY];
    BYTE request[4096];
    (void)ctx;
    memset(reply, PEER_BYTE, sizeof reply);
    for (;;) {
        Sleep(PEER_DELAY_MS);
        DWORD n = 0;
        if (!WriteFile(pipe, reply, sizeof reply, &n, NULL))
            break;
        if (!ReadFile(pipe, request, sizeof request, &n, NULL) && GetLastError() != ERROR_MORE_DATA)
            break;
    }
    DisconnectNamedPipe(pipe);
    CloseHandle(pipe);
}

struct pipe_peer *pipe_peer_start(const WCHAR *name)
{
    struct pipe_peer *peer = calloc(1, sizeof *peer);
    if (!peer)
        return NULL;
    peer->listen = pipe_listen_start(name, PIPE_TYPE_BYTE | PIPE_READMODE_BYTE, serve, NULL);
    if (!peer->listen) {
        free(peer);
        return NULL;
    }
    return peer;
}

void pipe_peer_stop(struct pipe_peer *peer)
{
    if (peer && pipe_listen_stop(peer->listen))
        free(peer);
}
