/* The host's Winsock (see host_winsock.h). ws2_32.dll is loaded at the
 * first call, after the notifier: a driver that imported it would hide a
 * notifier's own load of it (load.modules). */
#include "host_winsock.h"

#include <winsock2.h>

typedef int(WINAPI *startup_fn)(WORD, LPWSADATA);
typedef SOCKET(WINAPI *socket_fn)(int, int, int);
typedef int(WINAPI *getsockopt_fn)(SOCKET, int, int, char *, int *);

static SOCKET host_socket = INVALID_SOCKET;
static getsockopt_fn get_option;
static int started;

static void host_winsock_start(void)
{
    started = -1;
    HMODULE ws2 = LoadLibraryW(L"ws2_32.dll");
    if (!ws2)
        return;
    startup_fn startup = (startup_fn)(void *)GetProcAddress(ws2, "WSAStartup");
    socket_fn make_socket = (socket_fn)(void *)GetProcAddress(ws2, "socket");
    get_option = (getsockopt_fn)(void *)GetProcAddress(ws2, "getsockopt");
    WSADATA data;
    if (!startup || !make_socket || !get_option || startup(MAKEWORD(2, 2), &data))
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
    int type = 0;
    int len = sizeof type;
    return get_option(host_socket, SOL_SOCKET, SO_TYPE, (char *)&type, &len) == 0;
}
