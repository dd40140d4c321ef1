/* Measures of the process (see measure.h). */
#include "measure.h"

#include <tlhelp32.h>

double now_ms(void)
{
    static LARGE_INTEGER f;
    LARGE_INTEGER c;
    if (!f.QuadPart) QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart * 1000.0 / (double)f.QuadPart;
}

uintptr_t probe_handle(void)
{
    HANDLE h = CreateEventW(NULL, FALSE, FALSE, NULL);
    CloseHandle(h);
    return (uintptr_t)h;
}

/* PrivateUsage does not move under Wine [wine]: walk the address space. */
size_t committed_private(void)
{
    MEMORY_BASIC_INFORMATION m;
    char *p = NULL;
    size_t total = 0;
    while (VirtualQuery(p, &m, sizeof m) == sizeof m) {
        if (m.State == MEM_COMMIT && m.Type == MEM_PRIVATE) total += m.RegionSize;
        char *next = (char *)m.BaseAddress + m.RegionSize;
        if (next <= p) break;
        p = next;
    }
    return total;
}

/* HeapSummary aborts under Wine [wine]; HeapWalk works. */
size_t heap_busy(void)
{
    HANDLE heaps[256];
    DWORD n = GetProcessHeaps(256, heaps);
    size_t total = 0;
    if (n > 256) n = 256;
    for (DWORD i = 0; i < n; i++) {
        PROCESS_HEAP_ENTRY e;
        e.lpData = NULL;
        if (!HeapLock(heaps[i])) continue;
        while (HeapWalk(heaps[i], &e))
            if (e.wFlags & PROCESS_HEAP_ENTRY_BUSY) total += e.cbData;
        HeapUnlock(heaps[i]);
    }
    return total;
}

int heaps_valid(void)
{
    HANDLE heaps[256];
    DWORD n = GetProcessHeaps(256, heaps);
    if (n > 256) n = 256;
    for (DWORD i = 0; i < n; i++)
        if (!HeapValidate(heaps[i], 0, NULL)) return 0;
    return 1;
}

int thread_count(void)
{
    HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 te = { .dwSize = sizeof te };
    DWORD pid = GetCurrentProcessId();
    int n = 0;
    if (s == INVALID_HANDLE_VALUE) return -1;
    if (Thread32First(s, &te))
        do if (te.th32OwnerProcessID == pid) n++; while (Thread32Next(s, &te));
    CloseHandle(s);
    return n;
}

static volatile LONG attaches;

void count_thread_attach(void)
{
    InterlockedIncrement(&attaches);
}

LONG thread_attaches(void)
{
    return attaches;
}

unsigned tls_free_slots(void)
{
    static DWORD got[4096];
    unsigned n = 0;
    while (n < sizeof got / sizeof got[0]) {
        DWORD s = TlsAlloc();
        if (s == TLS_OUT_OF_INDEXES)
            break;
        got[n] = s;
        n++;
    }
    for (unsigned i = 0; i < n; i++)
        TlsFree(got[i]);
    return n;
}
