/* Linux system calls from the Wine host (vf_sys.h). */
#include "vf_sys.h"

static int on_linux;

#if defined(__x86_64__)
#define SYS_MPROTECT 10
#define SYS_FUTEX    202
#define FUTEX_WAIT   0
#define FUTEX_WAKE   1

/* Linux x86_64 ABI: 64-bit arguments (a Windows `long` is 32 bits). */
typedef long long reg;

static reg linux_call(reg n, reg a, reg b, reg c, reg d)
{
    reg r;
    register reg r10 __asm__("r10") = d;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
                     : "rcx", "r11", "memory");
    return r;
}
#endif

int vf_sys_init(void)
{
#if defined(__x86_64__)
    HMODULE nt = GetModuleHandleW(L"ntdll.dll");
    on_linux = nt && GetProcAddress(nt, "wine_get_version");
    /* wine_get_host_version names the host system: only Linux has these calls. */
    typedef void(CDECL * host_fn)(const char **, const char **);
    host_fn hv = nt ? (host_fn)(void *)GetProcAddress(nt, "wine_get_host_version") : NULL;
    if (on_linux && hv) {
        const char *sys = NULL, *rel = NULL;
        hv(&sys, &rel);
        on_linux = sys && sys[0] == 'L';
    }
#endif
    return on_linux;
}

void vf_protect(void *addr, SIZE_T len, DWORD prot)
{
#if defined(__x86_64__)
    if (on_linux) {
        reg p = prot == PAGE_READWRITE ? 3 : prot == PAGE_READONLY ? 1 : 0;
        if (linux_call(SYS_MPROTECT, (reg)(ULONG_PTR)addr, (reg)len, p, 0) == 0)
            return;
    }
#endif
    DWORD old;
    VirtualProtect(addr, len, prot, &old);
}

void vf_wait(volatile LONG *addr, LONG val, DWORD ms)
{
#if defined(__x86_64__)
    if (on_linux) {
        struct {
            reg s, ns;
        } t = {(reg)(ms / 1000u), (reg)(ms % 1000u) * 1000000LL};
        linux_call(SYS_FUTEX, (reg)(ULONG_PTR)addr, FUTEX_WAIT, val, (reg)(ULONG_PTR)&t);
        return;
    }
#endif
    if (*addr == val)
        Sleep(ms > 1 ? 1 : 0);
}

void vf_wake(volatile LONG *addr)
{
#if defined(__x86_64__)
    if (on_linux) {
        linux_call(SYS_FUTEX, (reg)(ULONG_PTR)addr, FUTEX_WAKE, 0x7fffffff, 0);
        return;
    }
#endif
    (void)addr;
}
