/* Measures of the process (see measure.h). */
#include "measure.h"

#include <tlhelp32.h>

#include <string.h>
#include <wchar.h>

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

HANDLE handle_at_slot(unsigned slot)
{
    return (HANDLE)(ULONG_PTR)(slot * 4u + 4u);
}

unsigned handle_slot(HANDLE h)
{
    ULONG_PTR value = (ULONG_PTR)h;
    if (value < 4 || value / 4 > HANDLE_SLOTS)
        return HANDLE_SLOTS;
    return (unsigned)(value / 4 - 1);
}

int handle_slot_open(unsigned slot)
{
    DWORD flags;
    return GetHandleInformation(handle_at_slot(slot), &flags) != 0;
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

size_t mapped_views(void)
{
    MEMORY_BASIC_INFORMATION m;
    char *p = NULL;
    size_t total = 0;
    while (VirtualQuery(p, &m, sizeof m) == sizeof m) {
        if (m.State != MEM_FREE && m.Type == MEM_MAPPED)
            total += m.RegionSize;
        char *next = (char *)m.BaseAddress + m.RegionSize;
        if (next <= p)
            break;
        p = next;
    }
    return total;
}

unsigned mapped_view_count(void)
{
    MEMORY_BASIC_INFORMATION m;
    char *p = NULL;
    unsigned views = 0;
    while (VirtualQuery(p, &m, sizeof m) == sizeof m) {
        if (m.State != MEM_FREE && m.Type == MEM_MAPPED && m.BaseAddress == m.AllocationBase)
            views++;
        char *next = (char *)m.BaseAddress + m.RegionSize;
        if (next <= p)
            break;
        p = next;
    }
    return views;
}

/* NAME holds TAG, then digits other than OWN, then '-'. */
static int names_other_number(const WCHAR *name, const WCHAR *tag, unsigned long own)
{
    size_t tag_len = wcslen(tag);
    for (const WCHAR *p = name; *p; p++) {
        if (_wcsnicmp(p, tag, tag_len))
            continue;
        const WCHAR *d = p + tag_len;
        unsigned long n = 0;
        const WCHAR *q = d;
        while (*q >= '0' && *q <= '9' && q - d < 10) {
            n = n * 10 + (unsigned long)(*q - '0');
            q++;
        }
        if (q > d && *q == '-' && n != own)
            return 1;
    }
    return 0;
}

void atoms_in_use(struct atom_count *c, const WCHAR *tag, unsigned long own)
{
    WCHAR name[256]; /* atom names hold at most 255 characters */
    memset(c, 0, sizeof *c);
    for (unsigned a = MAXINTATOM; a <= 0xFFFF; a++) {
        unsigned slot = a - MAXINTATOM;
        if (GlobalGetAtomNameW((ATOM)a, name, 256)) {
            c->global++;
            c->global_used[slot / 8] |= (unsigned char)(1u << (slot % 8));
            if (names_other_number(name, tag, own))
                c->foreign++;
        }
        if (GetAtomNameW((ATOM)a, name, 256))
            c->local++;
    }
}

unsigned atoms_delete_own(const struct atom_count *before, const struct atom_count *after,
                          const WCHAR *tag, unsigned long own)
{
    WCHAR name[256];
    unsigned n = 0;
    for (unsigned slot = 0; slot < STRING_ATOMS; slot++) {
        unsigned char bit = (unsigned char)(1u << (slot % 8));
        ATOM atom = (ATOM)(slot + MAXINTATOM);
        if (!(after->global_used[slot / 8] & bit) || (before->global_used[slot / 8] & bit))
            continue;
        if (!GlobalGetAtomNameW(atom, name, 256) || !wcsstr(name, tag) ||
            names_other_number(name, tag, own))
            continue;
        /* One delete per reference the notifier took, at most 64. */
        for (int k = 0; k < 64 && GlobalGetAtomNameW(atom, name, 256); k++)
            GlobalDeleteAtom(atom);
        n++;
    }
    return n;
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

size_t heap_busy_settled(int polls, double limit_ms, int *settled)
{
    size_t last = heap_busy();
    int same = 0;
    double t0 = now_ms();
    while (same < polls && now_ms() - t0 < limit_ms) {
        Sleep(20);
        size_t now = heap_busy();
        same = now == last ? same + 1 : 0;
        last = now;
    }
    if (same < polls)
        *settled = 0;
    return last;
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

static LONG attaches_before_load = -1;
static int pool_before_load;

void threads_mark_before_load(void)
{
    struct thread_census c;
    thread_census(0, 0, &c);
    pool_before_load = c.system;
    attaches_before_load = attaches;
}

int caller_thread_only(void)
{
    return attaches_before_load >= 0 && pool_before_load == 0 && attaches == attaches_before_load;
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

int thread_ended(DWORD tid)
{
    HANDLE h = OpenThread(SYNCHRONIZE, FALSE, tid);
    if (!h)
        return 1;
    int ended = WaitForSingleObject(h, 0) == WAIT_OBJECT_0;
    CloseHandle(h);
    return ended;
}

void notifier_range(HMODULE m, uintptr_t *lo, uintptr_t *hi)
{
    *lo = 0;
    *hi = 0;
    if (!m)
        return;
    char *b = (char *)m;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(b + ((IMAGE_DOS_HEADER *)b)->e_lfanew);
    *lo = (uintptr_t)b;
    *hi = (uintptr_t)b + nt->OptionalHeader.SizeOfImage;
}

typedef LONG(NTAPI *query_thread_fn)(HANDLE, int, void *, ULONG, ULONG *);

/* ThreadQuerySetWin32StartAddress (9): the function CreateThread or the
 * pool was given; Wine keeps it too [wine]. */
uintptr_t thread_start_address(DWORD tid)
{
    static query_thread_fn query;
    uintptr_t a = 0;
    if (!query)
        query = (query_thread_fn)(void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"),
                                                        "NtQueryInformationThread");
    HANDLE h = OpenThread(THREAD_QUERY_INFORMATION, FALSE, tid);
    if (!h)
        return 0;
    if (!query || query(h, 9, &a, sizeof a, NULL) != 0)
        a = 0;
    CloseHandle(h);
    return a;
}

void thread_census(uintptr_t lo, uintptr_t hi, struct thread_census *c)
{
    HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 te = {.dwSize = sizeof te};
    DWORD pid = GetCurrentProcessId();
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    uintptr_t nt_lo;
    uintptr_t nt_hi;
    notifier_range(ntdll, &nt_lo, &nt_hi);
    c->total = 0;
    c->notifier = 0;
    c->system = 0;
    if (s == INVALID_HANDLE_VALUE)
        return;
    if (Thread32First(s, &te)) {
        do {
            if (te.th32OwnerProcessID != pid)
                continue;
            c->total++;
            uintptr_t a = thread_start_address(te.th32ThreadID);
            if (a && a >= lo && a < hi)
                c->notifier++;
            else if (a >= nt_lo && a < nt_hi)
                c->system++;
        } while (Thread32Next(s, &te));
    }
    CloseHandle(s);
}

double wait_quiet(uintptr_t lo, uintptr_t hi, int system0, unsigned limit_ms, int *settled)
{
    double t0 = now_ms();
    struct thread_census prev;
    size_t com_prev = committed_private();
    thread_census(lo, hi, &prev);
    *settled = 0;
    while (now_ms() - t0 < limit_ms) {
        Sleep(500);
        struct thread_census now;
        size_t com = committed_private();
        thread_census(lo, hi, &now);
        long long dcom = (long long)com - (long long)com_prev;
        int steady = now.total == prev.total && dcom < 256 * 1024 && dcom > -256 * 1024;
        prev = now;
        com_prev = com;
        if (steady && now.system <= system0 + 1) {
            *settled = 1;
            break;
        }
    }
    return now_ms() - t0;
}
