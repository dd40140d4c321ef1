/* A peer service that restarts (see pipe_restarts.h). */
#include "pipe_restarts.h"

#include "pipe_listen.h"

#include <stdlib.h>

struct pipe_restarts {
    struct pipe_listen *listen;
    volatile LONG dropped;
};

/* One connection: whatever the client writes is read, and the connection is dropped
 * RESTART_DROP_MS after it was made. */
static void drop_later(HANDLE pipe, void *ctx)
{
    struct pipe_restarts *peer = ctx;
    BYTE request[4096];
    DWORD avail = 0;
    DWORD n = 0;
    Sleep(RESTART_DROP_MS);
    while (PeekNamedPipe(pipe, NULL, 0, NULL, &avail, NULL) && avail) {
        if (!ReadFile(pipe, request, sizeof request, &n, NULL) && GetLastError() != ERROR_MORE_DATA)
            break;
    }
    DisconnectNamedPipe(pipe);
    CloseHandle(pipe);
    InterlockedIncrement(&peer->dropped);
}

struct pipe_restarts *pipe_restarts_start(const WCHAR *name)
{
    struct pipe_restarts *peer = calloc(1, sizeof *peer);
    if (!peer)
        return NULL;
    peer->listen =
        pipe_listen_start(name, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, drop_later, peer);
    if (!peer->listen) {
        free(peer);
        return NULL;
    }
    return peer;
}

long pipe_restarts_dropped(const struct pipe_restarts *peer)
{
    return peer ? peer->dropped : 0;
}

void pipe_restarts_stop(struct pipe_restarts *peer)
{
    /* Each held connection ends RESTART_DROP_MS after it was made. */
    if (peer && pipe_listen_stop(peer->listen))
        free(peer);
}
