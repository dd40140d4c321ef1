/* Network round trips on the caller's thread (see hooks_network.h). */
#include "hooks_network.h"

#include "conform.h"
#include "hook_reals.h"
#include "waits_noted.h"
#include "out.h"

#include <stdio.h>

#define REAL(idx, type) ((type)hook_real_at(idx))
#define CALLER          __builtin_return_address(0)

/* Sockets the notifier made non-blocking (FIONBIO, WSAEventSelect,
 * WSAAsyncSelect); a full table judges the rest as blocking. */
enum { NONBLOCKING_MAX = 64 };
static volatile SOCKET nonblocking[NONBLOCKING_MAX];
/* An asynchronous WinHTTP or WinINet session was opened: its requests
 * return at once, so no HTTP request is judged after it. */
static volatile LONG async_sessions;

static int is_nonblocking(SOCKET s)
{
    for (int i = 0; i < NONBLOCKING_MAX; i++) {
        if (nonblocking[i] == s)
            return 1;
    }
    return 0;
}

static void mark_nonblocking(SOCKET s, int on)
{
    for (int i = 0; i < NONBLOCKING_MAX; i++) {
        if (nonblocking[i] == s) {
            if (!on)
                nonblocking[i] = 0;
            return;
        }
    }
    for (int i = 0; on && i < NONBLOCKING_MAX; i++) {
        if (InterlockedCompareExchangePointer((void *volatile *)&nonblocking[i], (void *)s, NULL) ==
            NULL)
            return;
    }
}

/* A round trip inside a callback, on the caller's thread. */
void network_judge(const char *call)
{
    if (!in_notifier_call())
        return;
    result_bad("latency.network",
               "%s on the caller's thread during %s: MPR waits for the notifier, so the caller "
               "waits for the network, 20 s and more when the host does not answer (the usual "
               "case when a mapping fails); do it on a thread of the notifier's own",
               call, hook_context());
}

/* fn("name") and why, e.g. "(a wait for the server's answer)". */
static void judge_name(const char *fn, const char *name, const char *why)
{
    char call[200];
    snprintf(call, sizeof call, "%s(\"%.80s\")%s", fn, name ? name : "(null)", why);
    network_judge(call);
}

static void judge_wname(const char *fn, const WCHAR *name, const char *why)
{
    char call[200];
    snprintf(call, sizeof call, "%s(\"%.80ls\")%s", fn, name ? name : L"(null)", why);
    network_judge(call);
}

/* A connect to this machine is made by its kernel at once, even when the
 * service behind it hangs; waiting for its answer (recv) is judged. */
static int is_loopback(const struct sockaddr *a, int len)
{
    if (!a)
        return 0;
    if (a->sa_family == AF_INET && len >= (int)sizeof(struct sockaddr_in)) {
        const unsigned char *ip = (const unsigned char *)&((const struct sockaddr_in *)a)->sin_addr;
        return ip[0] == 127;
    }
    if (a->sa_family == AF_INET6 && len >= 24) {
        const unsigned char *ip = (const unsigned char *)a + 8;
        for (int i = 0; i < 15; i++) {
            if (ip[i])
                return 0;
        }
        return ip[15] == 1;
    }
    return 0;
}

typedef int(WSAAPI *connect_fn)(SOCKET, const struct sockaddr *, int);
int WSAAPI w_connect(SOCKET s, const struct sockaddr *name, int len)
{
    wait_noted("connect", is_nonblocking(s) ? 0 : INFINITE, NULL, 0, CALLER);
    if (!is_nonblocking(s) && !is_loopback(name, len))
        network_judge("connect() on a blocking socket");
    return REAL(HK_connect, connect_fn)(s, name, len);
}

typedef int(WSAAPI *wsaconnect_fn)(SOCKET, const struct sockaddr *, int, LPWSABUF, LPWSABUF, void *,
                                   void *);
int WSAAPI w_WSAConnect(SOCKET s, const struct sockaddr *name, int len, LPWSABUF caller,
                        LPWSABUF callee, void *sqos, void *gqos)
{
    wait_noted("WSAConnect", is_nonblocking(s) ? 0 : INFINITE, NULL, 0, CALLER);
    if (!is_nonblocking(s) && !is_loopback(name, len))
        network_judge("WSAConnect() on a blocking socket");
    return REAL(HK_WSAConnect, wsaconnect_fn)(s, name, len, caller, callee, sqos, gqos);
}

typedef int(WSAAPI *recv_fn)(SOCKET, char *, int, int);
int WSAAPI w_recv(SOCKET s, char *buf, int len, int flags)
{
    wait_noted("recv", is_nonblocking(s) ? 0 : INFINITE, NULL, 0, CALLER);
    if (!is_nonblocking(s))
        network_judge("recv() on a blocking socket (a wait for the peer's answer)");
    return REAL(HK_recv, recv_fn)(s, buf, len, flags);
}

typedef int(WSAAPI *select_fn)(int, fd_set *, fd_set *, fd_set *, const struct timeval *);
int WSAAPI w_select(int n, fd_set *r, fd_set *w, fd_set *e, const struct timeval *t)
{
    wait_noted("select", t ? (DWORD)(t->tv_sec * 1000 + t->tv_usec / 1000) : INFINITE, NULL, 0,
               CALLER);
    if (!t)
        network_judge("select() without a timeout");
    else if ((double)t->tv_sec * 1000.0 + t->tv_usec / 1000.0 > cf.budget_ms) {
        char call[96];
        snprintf(call, sizeof call, "select() with a timeout of %ld ms",
                 (long)t->tv_sec * 1000 + (long)t->tv_usec / 1000);
        network_judge(call);
    }
    return REAL(HK_select, select_fn)(n, r, w, e, t);
}

typedef int(WSAAPI *ioctlsocket_fn)(SOCKET, long, u_long *);
int WSAAPI w_ioctlsocket(SOCKET s, long cmd, u_long *arg)
{
    int r = REAL(HK_ioctlsocket, ioctlsocket_fn)(s, cmd, arg);
    if (r == 0 && cmd == (long)FIONBIO && arg)
        mark_nonblocking(s, *arg != 0);
    return r;
}

typedef int(WSAAPI *event_select_fn)(SOCKET, WSAEVENT, long);
int WSAAPI w_WSAEventSelect(SOCKET s, WSAEVENT e, long events)
{
    int r = REAL(HK_WSAEventSelect, event_select_fn)(s, e, events);
    if (r == 0 && events)
        mark_nonblocking(s, 1);
    return r;
}

typedef int(WSAAPI *async_select_fn)(SOCKET, HWND, u_int, long);
int WSAAPI w_WSAAsyncSelect(SOCKET s, HWND w, u_int msg, long events)
{
    int r = REAL(HK_WSAAsyncSelect, async_select_fn)(s, w, msg, events);
    if (r == 0 && events)
        mark_nonblocking(s, 1);
    return r;
}

typedef struct hostent *(WSAAPI *gethostbyname_fn)(const char *);
struct hostent *WSAAPI w_gethostbyname(const char *name)
{
    judge_name("gethostbyname", name, " (a DNS lookup)");
    return REAL(HK_gethostbyname, gethostbyname_fn)(name);
}

typedef int(WSAAPI *getaddrinfo_fn)(const char *, const char *, const void *, void **);
int WSAAPI w_getaddrinfo(const char *node, const char *service, const void *hints, void **res)
{
    judge_name("getaddrinfo", node, " (a DNS lookup)");
    return REAL(HK_getaddrinfo, getaddrinfo_fn)(node, service, hints, res);
}

typedef int(WSAAPI *getaddrinfow_fn)(const WCHAR *, const WCHAR *, const void *, void **);
int WSAAPI w_GetAddrInfoW(const WCHAR *node, const WCHAR *service, const void *hints, void **res)
{
    judge_wname("GetAddrInfoW", node, " (a DNS lookup)");
    return REAL(HK_GetAddrInfoW, getaddrinfow_fn)(node, service, hints, res);
}

typedef LONG(WINAPI *dnsqueryw_fn)(const WCHAR *, WORD, DWORD, void *, void **, void **);
LONG WINAPI w_DnsQuery_W(const WCHAR *name, WORD type, DWORD opts, void *extra, void **res,
                         void **reserved)
{
    judge_wname("DnsQuery_W", name, " (a DNS lookup)");
    return REAL(HK_DnsQuery_W, dnsqueryw_fn)(name, type, opts, extra, res, reserved);
}

typedef LONG(WINAPI *dnsquerya_fn)(const char *, WORD, DWORD, void *, void **, void **);
LONG WINAPI w_DnsQuery_A(const char *name, WORD type, DWORD opts, void *extra, void **res,
                         void **reserved)
{
    judge_name("DnsQuery_A", name, " (a DNS lookup)");
    return REAL(HK_DnsQuery_A, dnsquerya_fn)(name, type, opts, extra, res, reserved);
}

typedef DWORD(WINAPI *icmp_fn)(HANDLE, ULONG, void *, WORD, void *, void *, DWORD, DWORD);
DWORD WINAPI w_IcmpSendEcho(HANDLE h, ULONG to, void *data, WORD size, void *opts, void *reply,
                            DWORD reply_size, DWORD timeout)
{
    char call[96];
    snprintf(call, sizeof call, "IcmpSendEcho (a ping, timeout %lu ms)", (unsigned long)timeout);
    network_judge(call);
    return REAL(HK_IcmpSendEcho, icmp_fn)(h, to, data, size, opts, reply, reply_size, timeout);
}

/* NMPWAIT_USE_DEFAULT_WAIT (0) is the server's default, 50 ms unless it set one. */
static void judge_pipe_wait(const char *fn, const char *name, DWORD timeout)
{
    if (timeout != NMPWAIT_WAIT_FOREVER && timeout <= cf.budget_ms)
        return;
    char call[200];
    if (timeout == NMPWAIT_WAIT_FOREVER)
        snprintf(call, sizeof call,
                 "%s(\"%.80s\", NMPWAIT_WAIT_FOREVER) (a wait for a pipe "
                 "server)",
                 fn, name);
    else
        snprintf(call, sizeof call, "%s(\"%.80s\", %lu ms) (a wait for a pipe server)", fn, name,
                 (unsigned long)timeout);
    network_judge(call);
}

typedef BOOL(WINAPI *waitpipew_fn)(const WCHAR *, DWORD);
BOOL WINAPI w_WaitNamedPipeW(const WCHAR *name, DWORD timeout)
{
    wait_noted("WaitNamedPipeW", timeout ? timeout : INFINITE, NULL, 0, CALLER);
    char n[100];
    snprintf(n, sizeof n, "%ls", name ? name : L"(null)");
    judge_pipe_wait("WaitNamedPipeW", n, timeout);
    return REAL(HK_WaitNamedPipeW, waitpipew_fn)(name, timeout);
}

typedef BOOL(WINAPI *waitpipea_fn)(const char *, DWORD);
BOOL WINAPI w_WaitNamedPipeA(const char *name, DWORD timeout)
{
    wait_noted("WaitNamedPipeA", timeout ? timeout : INFINITE, NULL, 0, CALLER);
    judge_pipe_wait("WaitNamedPipeA", name ? name : "(null)", timeout);
    return REAL(HK_WaitNamedPipeA, waitpipea_fn)(name, timeout);
}

/* CallNamedPipe waits for the server's answer whatever its timeout. */
typedef BOOL(WINAPI *callpipew_fn)(const WCHAR *, void *, DWORD, void *, DWORD, DWORD *, DWORD);
BOOL WINAPI w_CallNamedPipeW(const WCHAR *name, void *in, DWORD in_size, void *out, DWORD out_size,
                             DWORD *read, DWORD timeout)
{
    wait_noted("CallNamedPipeW", INFINITE, NULL, 0, CALLER);
    judge_wname("CallNamedPipeW", name, " (a wait for the pipe server's answer)");
    return REAL(HK_CallNamedPipeW, callpipew_fn)(name, in, in_size, out, out_size, read, timeout);
}

typedef BOOL(WINAPI *callpipea_fn)(const char *, void *, DWORD, void *, DWORD, DWORD *, DWORD);
BOOL WINAPI w_CallNamedPipeA(const char *name, void *in, DWORD in_size, void *out, DWORD out_size,
                             DWORD *read, DWORD timeout)
{
    wait_noted("CallNamedPipeA", INFINITE, NULL, 0, CALLER);
    judge_name("CallNamedPipeA", name, " (a wait for the pipe server's answer)");
    return REAL(HK_CallNamedPipeA, callpipea_fn)(name, in, in_size, out, out_size, read, timeout);
}

/* WINHTTP_FLAG_ASYNC and INTERNET_FLAG_ASYNC. */
enum { SESSION_ASYNC = 0x10000000 };

typedef void *(WINAPI *http_open_w_fn)(const WCHAR *, DWORD, const WCHAR *, const WCHAR *, DWORD);
void *WINAPI w_WinHttpOpen(const WCHAR *agent, DWORD access, const WCHAR *proxy,
                           const WCHAR *bypass, DWORD flags)
{
    if (flags & SESSION_ASYNC)
        InterlockedIncrement(&async_sessions);
    return REAL(HK_WinHttpOpen, http_open_w_fn)(agent, access, proxy, bypass, flags);
}

void *WINAPI w_InternetOpenW(const WCHAR *agent, DWORD access, const WCHAR *proxy,
                             const WCHAR *bypass, DWORD flags)
{
    if (flags & SESSION_ASYNC)
        InterlockedIncrement(&async_sessions);
    return REAL(HK_InternetOpenW, http_open_w_fn)(agent, access, proxy, bypass, flags);
}

typedef void *(WINAPI *http_open_a_fn)(const char *, DWORD, const char *, const char *, DWORD);
void *WINAPI w_InternetOpenA(const char *agent, DWORD access, const char *proxy, const char *bypass,
                             DWORD flags)
{
    if (flags & SESSION_ASYNC)
        InterlockedIncrement(&async_sessions);
    return REAL(HK_InternetOpenA, http_open_a_fn)(agent, access, proxy, bypass, flags);
}

static void judge_http(const char *call)
{
    if (!async_sessions)
        network_judge(call);
}

typedef BOOL(WINAPI *winhttp_send_fn)(void *, const WCHAR *, DWORD, void *, DWORD, DWORD,
                                      DWORD_PTR);
BOOL WINAPI w_WinHttpSendRequest(void *req, const WCHAR *headers, DWORD headers_len, void *opt,
                                 DWORD opt_len, DWORD total, DWORD_PTR ctx)
{
    judge_http("WinHttpSendRequest in a synchronous session");
    return REAL(HK_WinHttpSendRequest, winhttp_send_fn)(req, headers, headers_len, opt, opt_len,
                                                        total, ctx);
}

typedef void *(WINAPI *open_url_w_fn)(void *, const WCHAR *, const WCHAR *, DWORD, DWORD,
                                      DWORD_PTR);
void *WINAPI w_InternetOpenUrlW(void *session, const WCHAR *url, const WCHAR *headers,
                                DWORD headers_len, DWORD flags, DWORD_PTR ctx)
{
    judge_http("InternetOpenUrlW in a synchronous session");
    return REAL(HK_InternetOpenUrlW, open_url_w_fn)(session, url, headers, headers_len, flags, ctx);
}

typedef void *(WINAPI *open_url_a_fn)(void *, const char *, const char *, DWORD, DWORD, DWORD_PTR);
void *WINAPI w_InternetOpenUrlA(void *session, const char *url, const char *headers,
                                DWORD headers_len, DWORD flags, DWORD_PTR ctx)
{
    judge_http("InternetOpenUrlA in a synchronous session");
    return REAL(HK_InternetOpenUrlA, open_url_a_fn)(session, url, headers, headers_len, flags, ctx);
}

typedef BOOL(WINAPI *http_send_w_fn)(void *, const WCHAR *, DWORD, void *, DWORD);
BOOL WINAPI w_HttpSendRequestW(void *req, const WCHAR *headers, DWORD headers_len, void *opt,
                               DWORD opt_len)
{
    judge_http("HttpSendRequestW in a synchronous session");
    return REAL(HK_HttpSendRequestW, http_send_w_fn)(req, headers, headers_len, opt, opt_len);
}

typedef BOOL(WINAPI *http_send_a_fn)(void *, const char *, DWORD, void *, DWORD);
BOOL WINAPI w_HttpSendRequestA(void *req, const char *headers, DWORD headers_len, void *opt,
                               DWORD opt_len)
{
    judge_http("HttpSendRequestA in a synchronous session");
    return REAL(HK_HttpSendRequestA, http_send_a_fn)(req, headers, headers_len, opt, opt_len);
}
