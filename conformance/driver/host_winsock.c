/* The host's Winsock (see host_winsock.h). ws2_32.dll is loaded at the
 * first call, after the notifier: a driver that imported it would hide a
 * notifier's own load of it (load.modules). */
#include "host_winsock.h"

#include <winsock2.h>

typedef int(WINAPI *startup_fn)(WORD, LPWSADATA);
typedef SOCKET(WINAPI *socket_fn)(int, int, int);
typedef int(WINAPI *closesocket_fn)(SOCKET);
typedef int(WINAPI *last_error_fn)(void);

static SOCKET host_socket = INVALID_SOCKET;
static closesocket_fn close_socket;
static last_error_fn last_error;
static int started;

static void host_winsock_start(void)
{
    started = -1;
    HMODULE ws2 = LoadLibraryW(L"ws2_32.dll");
    if (!ws2)
        return;
    startup_fn startup = (startup_fn)(void *)GetProcAddress(ws2, "WSAStartup");
    socket_fn make_socket = (socket_fn)(void *)GetProcAddress(ws2, "socket");
    close_socket = (closesocket_fn)(void *)GetProcAddress(ws2, "closesocket");
    last_error = (last_error_fn)(void *)GetProcAddress(ws2, "WSAGetLastError");
    WSADATA data;
    if (!startup || !make_socket || !close_socket || !last_error || startup(MAKEWORD(2, 2), &data))
        return;
    host_socket = make_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (host_socket != INVALID_SOCKET)
        started = 1;
}

int host_winsock_alive(void)
{
    if (!started)
        host_winsock_start();
    if (started < 0)
        return -1;
    /* Closing no socket asks Winsock whether it still runs, in the process alone:
     * WSANOTINITIALISED once it ended, else WSAENOTSOCK [doc: closesocket]. A query of
     * the host's socket costs Wine's server two requests and a wait. */
    if (close_socket(INVALID_SOCKET) == 0)
        return 1;
    return last_error() != WSANOTINITIALISED;
}
