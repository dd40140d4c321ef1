/* Raw Linux system calls (linux_calls.h). */
#include "linux_calls.h"

#include <windows.h>

#include <string.h>

static int host_is_linux(void)
{
    typedef void(CDECL * host_fn)(const char **, const char **);
    HMODULE nt = GetModuleHandleW(L"ntdll.dll");
    host_fn hv = nt ? (host_fn)(void *)GetProcAddress(nt, "wine_get_host_version") : NULL;
    const char *sys = NULL;
    const char *rel = NULL;
    if (!hv)
        return 0;
    hv(&sys, &rel);
    return sys && !strcmp(sys, "Linux");
}

int linux_host(void)
{
    /* The host does not change: asked once (threads that race store the same answer). */
    static volatile LONG known = -1;
    if (known < 0)
        InterlockedExchange(&known, host_is_linux());
    return (int)known;
}

static long linux_call1(long nr, long arg)
{
    long r = -1;
#if defined(__x86_64__)
    __asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(arg) : "rcx", "r11", "memory");
#elif defined(__i386__)
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(arg) : "memory");
#endif
    return r;
}

/* x86_64 and i386 numbers of getpid, gettid and exit_group. */
#if defined(__x86_64__)
enum { NR_GETPID = 39, NR_GETTID = 186, NR_EXIT_GROUP = 231 };
#else
enum { NR_GETPID = 20, NR_GETTID = 224, NR_EXIT_GROUP = 252 };
#endif

static unsigned linux_id(long nr)
{
    if (!linux_host())
        return 0;
    long r = linux_call1(nr, 0);
    return r > 0 ? (unsigned)r : 0;
}

unsigned linux_pid(void)
{
    return linux_id(NR_GETPID);
}

unsigned linux_tid(void)
{
    return linux_id(NR_GETTID);
}

void linux_exit_process(int code)
{
    if (linux_host())
        linux_call1(NR_EXIT_GROUP, code);
}
