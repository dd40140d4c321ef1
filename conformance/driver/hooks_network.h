/* Network round trips the notifier makes on the thread MPR called it on:
 * name resolution (DNS), a connect, recv or select on a blocking socket, an
 * echo request, a synchronous HTTP request, a wait for a named pipe's
 * server. MPR waits for every notifier, so the caller waits for the
 * network's timeout, 20 s and more for a host that does not answer; that is
 * the usual case when a mapping fails. Calls on the notifier's own threads,
 * non-blocking sockets and asynchronous sessions are not judged.
 * latency.network [design] */
#ifndef HOOKS_NETWORK_H
#define HOOKS_NETWORK_H

#include <winsock2.h>
#include <windows.h>

/* Judges a network round trip described by call ("connect() on ..."): a
 * latency.network violation when made on the caller's thread in a call. */
void network_judge(const char *call);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for.
 * Types the project does not include (addrinfo, DNS, ICMP, HTTP handles)
 * are spelled as pointers and integers of the same size. */
int WSAAPI w_connect(SOCKET s, const struct sockaddr *name, int len);
int WSAAPI w_WSAConnect(SOCKET s, const struct sockaddr *name, int len, LPWSABUF caller,
                        LPWSABUF callee, void *sqos, void *gqos);
int WSAAPI w_recv(SOCKET s, char *buf, int len, int flags);
int WSAAPI w_select(int n, fd_set *r, fd_set *w, fd_set *e, const struct timeval *t);
int WSAAPI w_ioctlsocket(SOCKET s, long cmd, u_long *arg);
int WSAAPI w_WSAEventSelect(SOCKET s, WSAEVENT e, long events);
int WSAAPI w_WSAAsyncSelect(SOCKET s, HWND w, u_int msg, long events);
struct hostent *WSAAPI w_gethostbyname(const char *name);
int WSAAPI w_getaddrinfo(const char *node, const char *service, const void *hints, void **res);
int WSAAPI w_GetAddrInfoW(const WCHAR *node, const WCHAR *service, const void *hints, void **res);
LONG WINAPI w_DnsQuery_W(const WCHAR *name, WORD type, DWORD opts, void *extra, void **res,
                         void **reserved);
LONG WINAPI w_DnsQuery_A(const char *name, WORD type, DWORD opts, void *extra, void **res,
                         void **reserved);
DWORD WINAPI w_IcmpSendEcho(HANDLE h, ULONG to, void *data, WORD size, void *opts, void *reply,
                            DWORD reply_size, DWORD timeout);
BOOL WINAPI w_WaitNamedPipeW(const WCHAR *name, DWORD timeout);
BOOL WINAPI w_WaitNamedPipeA(const char *name, DWORD timeout);
BOOL WINAPI w_CallNamedPipeW(const WCHAR *name, void *in, DWORD in_size, void *out, DWORD out_size,
                             DWORD *read, DWORD timeout);
BOOL WINAPI w_CallNamedPipeA(const char *name, void *in, DWORD in_size, void *out, DWORD out_size,
                             DWORD *read, DWORD timeout);
void *WINAPI w_WinHttpOpen(const WCHAR *agent, DWORD access, const WCHAR *proxy,
                           const WCHAR *bypass, DWORD flags);
BOOL WINAPI w_WinHttpSendRequest(void *req, const WCHAR *headers, DWORD headers_len, void *opt,
                                 DWORD opt_len, DWORD total, DWORD_PTR ctx);
void *WINAPI w_InternetOpenW(const WCHAR *agent, DWORD access, const WCHAR *proxy,
                             const WCHAR *bypass, DWORD flags);
void *WINAPI w_InternetOpenA(const char *agent, DWORD access, const char *proxy, const char *bypass,
                             DWORD flags);
void *WINAPI w_InternetOpenUrlW(void *session, const WCHAR *url, const WCHAR *headers,
                                DWORD headers_len, DWORD flags, DWORD_PTR ctx);
void *WINAPI w_InternetOpenUrlA(void *session, const char *url, const char *headers,
                                DWORD headers_len, DWORD flags, DWORD_PTR ctx);
BOOL WINAPI w_HttpSendRequestW(void *req, const WCHAR *headers, DWORD headers_len, void *opt,
                               DWORD opt_len);
BOOL WINAPI w_HttpSendRequestA(void *req, const char *headers, DWORD headers_len, void *opt,
                               DWORD opt_len);

#endif
