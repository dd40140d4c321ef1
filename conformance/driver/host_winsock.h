/* The host's own Winsock: started before the notifier's first checked call,
 * one socket held open. A notifier that calls WSACleanup more often than
 * WSAStartup ends Winsock for the whole process: the system closes every
 * socket the process holds and refuses new ones until the next WSAStartup
 * (each WSAStartup needs its own WSACleanup [doc: WSACleanup]). */
#ifndef HOST_WINSOCK_H
#define HOST_WINSOCK_H

/* 1 while Winsock runs for the host, 0 once it ended under the host, -1 if
 * it could not be started. Starts it at the first call. */
int host_winsock_alive(void);

#endif
