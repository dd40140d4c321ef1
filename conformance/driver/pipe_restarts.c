/* A peer service that restarts (see pipe_restarts.h). */
#include "pipe_restarts.h"

#include <stdlib.h>
#include <wchar.h>

struct pipe_restarts {
    WCHAR name[300];
    HANDLE listener; /* the thread accepting connections */
    volatile LONG stopping;
    volatile LONG dropped;
    volatile LONG serving; /* connections not dropped yet */
};

struct held {
    struct pipe_restarts *peer;
    HANDLE pipe;
};

/* One connection: whatever the client writes is read, and the connection is
 * dropped RESTART_DROP_MS after it was made. */
static DWORD WINAPI drop_later(void *arg)
{
    struct held *held = arg;
    BYTE request[4096];
    DWORD avail = 0;
    DWORD n = 0;
    Sleep(RESTART_DROP_MS);
    while (PeekNamedPipe(held->pipe, NULL, 0, NULL, &avail, NULL) && avail) {
        if (!ReadFile(held->pipe, request, sizeof request, &n, NULL) &&
            GetLastError() != ERROR_MORE_DATA)
            break;
    }
    DisconnectNamedPipe(held->pipe);
    CloseHandle(held->pipe);
    InterlockedIncrement(&held->peer->dropped);
    InterlockedDecrement(&held->peer->serving);
    free(held);
    return 0;
}

static HANDLE make_instance(const WCHAR *name, DWORD first)
{
    return CreateNamedPipeW(name, PIPE_ACCESS_DUPLEX | first,
                            PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                            PIPE_UNLIMITED_INSTANCES, 4096, 4096, 0, NULL);
}

static DWORD WINAPI listen_loop(void *arg)
{
    struct pipe_restarts *peer = arg;
    while (!peer->stopping) {
        HANDLE pipe = make_instance(peer->name, 0);
        if (pipe == INVALID_HANDLE_VALUE)
            return 0;
        BOOL connected = ConnectNamedPipe(pipe, NULL) || GetLastError() == ERROR_PIPE_CONNECTED;
        struct held *held = connected && !peer->stopping ? malloc(sizeof *held) : NULL;
        if (!held) {
            CloseHandle(pipe);
            continue;
        }
        held->peer = peer;
        held->pipe = pipe;
        InterlockedIncrement(&peer->serving);
        HANDLE th = CreateThread(NULL, 0, drop_later, held, 0, NULL);
        if (!th) {
            InterlockedDecrement(&peer->serving);
            CloseHandle(pipe);
            free(held);
            continue;
        }
        CloseHandle(th);
    }
    return 0;
}

struct pipe_restarts *pipe_restarts_start(const WCHAR *name)
{
    struct pipe_restarts *peer = calloc(1, sizeof *peer);
    if (!peer || wcslen(name) >= sizeof peer->name / sizeof peer->name[0]) {
        free(peer);
        return NULL;
    }
    wcscpy(peer->name, name);
    /* The first instance made here tells whether the name is free. */
    HANDLE probe = make_instance(name, FILE_FLAG_FIRST_PIPE_INSTANCE);
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

long pipe_restarts_dropped(const struct pipe_restarts *peer)
{
    return peer ? peer->dropped : 0;
}

void pipe_restarts_stop(struct pipe_restarts *peer)
{
    if (!peer)
        return;
    peer->stopping = 1;
    /* A connection of our own ends the listener's wait. */
    HANDLE self = CreateFileW(peer->name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                              SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, NULL);
    int ended = WaitForSingleObject(peer->listener, 5000) == WAIT_OBJECT_0;
    if (self != INVALID_HANDLE_VALUE)
        CloseHandle(self);
    /* Each held connection ends RESTART_DROP_MS after it was made. */
    for (int i = 0; i < 500 && peer->serving; i++)
        Sleep(10);
    if (ended && !peer->serving) {
        CloseHandle(peer->listener);
        free(peer);
    }
}
