/* A server on a local named pipe (see pipe_listen.h). */
#include "pipe_listen.h"

#include <stdlib.h>
#include <wchar.h>

struct pipe_listen {
    WCHAR name[300];
    DWORD mode;
    pipe_serve_fn serve;
    void *ctx;
    HANDLE listener; /* the thread accepting connections */
    volatile LONG stopping;
    volatile LONG live; /* connections accepted and still being served */
};

struct connection {
    struct pipe_listen *listen;
    HANDLE pipe;
};

static DWORD WINAPI serve_one(void *arg)
{
    struct connection *c = arg;
    struct pipe_listen *listen = c->listen;
    listen->serve(c->pipe, listen->ctx);
    free(c);
    /* The last use of listen: pipe_listen_stop may free it once live is 0. */
    InterlockedDecrement(&listen->live);
    return 0;
}

static HANDLE make_instance(const struct pipe_listen *listen, DWORD first)
{
    return CreateNamedPipeW(listen->name, PIPE_ACCESS_DUPLEX | first, listen->mode | PIPE_WAIT,
                            PIPE_UNLIMITED_INSTANCES, 4096, 4096, 0, NULL);
}

static DWORD WINAPI listen_loop(void *arg)
{
    struct pipe_listen *listen = arg;
    while (!listen->stopping) {
        HANDLE pipe = make_instance(listen, 0);
        if (pipe == INVALID_HANDLE_VALUE)
            return 0;
        BOOL connected = ConnectNamedPipe(pipe, NULL) || GetLastError() == ERROR_PIPE_CONNECTED;
        struct connection *c = connected && !listen->stopping ? malloc(sizeof *c) : NULL;
        if (!c) {
            CloseHandle(pipe);
            continue;
        }
        c->listen = listen;
        c->pipe = pipe;
        InterlockedIncrement(&listen->live);
        HANDLE th = CreateThread(NULL, 0, serve_one, c, 0, NULL);
        if (!th) {
            InterlockedDecrement(&listen->live);
            CloseHandle(pipe);
            free(c);
            continue;
        }
        CloseHandle(th);
    }
    return 0;
}

struct pipe_listen *pipe_listen_start(const WCHAR *name, DWORD pipe_mode, pipe_serve_fn serve,
                                      void *ctx)
{
    struct pipe_listen *listen = calloc(1, sizeof *listen);
    if (!listen || wcslen(name) >= sizeof listen->name / sizeof listen->name[0]) {
        free(listen);
        return NULL;
    }
    wcscpy(listen->name, name);
    listen->mode = pipe_mode;
    listen->serve = serve;
    listen->ctx = ctx;
    /* The first instance made here tells whether the name is free. */
    HANDLE probe = make_instance(listen, FILE_FLAG_FIRST_PIPE_INSTANCE);
    if (probe == INVALID_HANDLE_VALUE) {
        free(listen);
        return NULL;
    }
    listen->listener = CreateThread(NULL, 0, listen_loop, listen, 0, NULL);
    CloseHandle(probe);
    if (!listen->listener) {
        free(listen);
        return NULL;
    }
    return listen;
}

int pipe_listen_stop(struct pipe_listen *listen)
{
    if (!listen)
        return 1;
    listen->stopping = 1;
    /* A connection of our own ends the listener's wait. */
    HANDLE self = CreateFileW(listen->name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                              SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, NULL);
    int ended = WaitForSingleObject(listen->listener, 5000) == WAIT_OBJECT_0;
    if (self != INVALID_HANDLE_VALUE)
        CloseHandle(self);
    /* Connections end with their clients, or as their server ends them. */
    for (int i = 0; i < 500 && listen->live; i++)
        Sleep(10);
    if (!ended || listen->live)
        return 0;
    CloseHandle(listen->listener);
    free(listen);
    return 1;
}
