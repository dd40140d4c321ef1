/* A slow peer on a named pipe (see pipe_peer.h). */
#include "pipe_peer.h"

#include <stdlib.h>
#include <wchar.h>

struct pipe_peer {
    WCHAR name[300];
    HANDLE listener; /* the thread accepting connections */
    volatile LONG stopping;
};

/* One connection: an answer after PEER_DELAY_MS, then one after each request, until the
 * client goes. */
static DWORD WINAPI serve(void *arg)
{
    HANDLE pipe = arg;
    BYTE reply[PEER_REPLY];
    BYTE request[4096];
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
    return 0;
}

static HANDLE make_instance(const WCHAR *name)
{
    return CreateNamedPipeW(name, PIPE_ACCESS_DUPLEX,
                            PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT,
                            PIPE_UNLIMITED_INSTANCES, 4096, 4096, 0, NULL);
}

static DWORD WINAPI listen_loop(void *arg)
{
    struct pipe_peer *peer = arg;
    for (;;) {
        HANDLE pipe = make_instance(peer->name);
        if (pipe == INVALID_HANDLE_VALUE)
            return 0;
        BOOL connected = ConnectNamedPipe(pipe, NULL) || GetLastError() == ERROR_PIPE_CONNECTED;
        if (peer->stopping || !connected) {
            CloseHandle(pipe);
            if (peer->stopping)
                return 0;
            continue;
        }
        HANDLE th = CreateThread(NULL, 0, serve, pipe, 0, NULL);
        if (!th) {
            CloseHandle(pipe);
            continue;
        }
        CloseHandle(th);
    }
}

struct pipe_peer *pipe_peer_start(const WCHAR *name)
{
    struct pipe_peer *peer = calloc(1, sizeof *peer);
    if (!peer || wcslen(name) >= sizeof peer->name / sizeof peer->name[0]) {
        free(peer);
        return NULL;
    }
    wcscpy(peer->name, name);
    /* The first instance made here tells whether the name is free. */
    HANDLE probe =
        CreateNamedPipeW(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE,
                         PIPE_TYPE_BYTE | PIPE_WAIT, PIPE_UNLIMITED_INSTANCES, 4096, 4096, 0, NULL);
    if (probe == INVALID_HANDLE_VALUE) {
        free(peer);
        return NULL;
    }
    peer->listener = CreateThread(NULL, 0, listen_loop, peer, 0, NULL);
    CloseHandle(probe);
    if (!peer->listener) {
        free(peer);
        return NULL;
    }
    return peer;
}

void pipe_peer_stop(struct pipe_peer *peer)
{
    if (!peer)
        return;
    peer->stopping = 1;
    /* A connection of our own ends the listener's wait. */
    HANDLE self = CreateFileW(peer->name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                              SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, NULL);
    if (WaitForSingleObject(peer->listener, 5000) == WAIT_OBJECT_0) {
        CloseHandle(peer->listener);
        free(peer);
    }
    if (self != INVALID_HANDLE_VALUE)
        CloseHandle(self);
}
