/* CPU used with no call made (idle_cpu.h). */
#include "idle_cpu.h"

#include "conform.h"
#include "measure.h"
#include "thread_runnable.h"

#include <windows.h>
#include <tlhelp32.h>

#include <stdio.h>
#include <wchar.h>

enum {
    SETTLE_MS = 250,     /* queued work still running from the last call */
    WATCH_MS = 1000,     /* one watch */
    WATCHES = 3,         /* busy only if busy in each */
    BUSY_PERMILLE = 100, /* a tenth of one core */
    MAX_THREADS = 256,
};

_Static_assert(WATCHES == 3, "the failure's text names three watches");

struct thread_cpu {
    DWORD tid;
    ULONGLONG cpu; /* 100 ns units */
};

static ULONGLONG units(FILETIME f)
{
    return ((ULONGLONG)f.dwHighDateTime << 32) | f.dwLowDateTime;
}

/* The process's CPU into *cpu; 0 when it cannot be read. */
static int process_cpu(ULONGLONG *cpu)
{
    FILETIME created;
    FILETIME ended;
    FILETIME kernel;
    FILETIME user;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &ended, &kernel, &user))
        return 0;
    *cpu = units(kernel) + units(user);
    return 1;
}

/* A thread's CPU into *cpu; 0 when it cannot be read. */
static int read_thread_cpu(HANDLE h, ULONGLONG *cpu)
{
    FILETIME created;
    FILETIME ended;
    FILETIME kernel;
    FILETIME user;
    if (!GetThreadTimes(h, &created, &ended, &kernel, &user))
        return 0;
    *cpu = units(kernel) + units(user);
    return 1;
}

static ULONGLONG thread_cpu(HANDLE h)
{
    ULONGLONG cpu = 0;
    read_thread_cpu(h, &cpu);
    return cpu;
}

/* The CPU of each thread of this process but the caller's. */
static unsigned threads_cpu(struct thread_cpu *t)
{
    HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 te = {.dwSize = sizeof te};
    DWORD pid = GetCurrentProcessId();
    DWORD self = GetCurrentThreadId();
    unsigned n = 0;
    if (s == INVALID_HANDLE_VALUE)
        return 0;
    for (BOOL more = Thread32First(s, &te); more && n < MAX_THREADS; more = Thread32Next(s, &te)) {
        if (te.th32OwnerProcessID != pid || te.th32ThreadID == self)
            continue;
        HANDLE h = OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE, te.th32ThreadID);
        if (!h)
            continue;
        t[n].tid = te.th32ThreadID;
        t[n].cpu = thread_cpu(h);
        n++;
        CloseHandle(h);
    }
    CloseHandle(s);
    return n;
}

/* The thread of `after` whose CPU grew most since `before`. */
static DWORD busiest(const struct thread_cpu *before, unsigned n_before,
                     const struct thread_cpu *after, unsigned n_after)
{
    DWORD tid = 0;
    ULONGLONG most = 0;
    for (unsigned i = 0; i < n_after; i++) {
        ULONGLONG was = 0;
        for (unsigned j = 0; j < n_before; j++) {
            if (before[j].tid == after[i].tid)
                was = before[j].cpu;
        }
        if (after[i].cpu > was && after[i].cpu - was > most) {
            most = after[i].cpu - was;
            tid = after[i].tid;
        }
    }
    return tid;
}

/* Where a thread started: the notifier, a system module (a pool's
 * worker), another module or unknown. */
static void describe_start(DWORD tid, char *out, size_t size)
{
    uintptr_t start = thread_start_address(tid);
    uintptr_t lo;
    uintptr_t hi;
    HMODULE m = NULL;
    WCHAR path[MAX_PATH];
    notifier_range(cf.mod, &lo, &hi);
    if (!start) {
        snprintf(out, size, "thread %lu, its start unknown", (unsigned long)tid);
        return;
    }
    if (start >= lo && start < hi) {
        snprintf(out, size, "thread %lu, started in the notifier", (unsigned long)tid);
        return;
    }
    DWORD flags =
        GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    if (!GetModuleHandleExW(flags, (LPCWSTR)start, &m) || !GetModuleFileNameW(m, path, MAX_PATH)) {
        snprintf(out, size, "thread %lu, started outside any module", (unsigned long)tid);
        return;
    }
    const WCHAR *base = wcsrchr(path, L'\\');
    snprintf(out, size, "thread %lu, started in %ls%s", (unsigned long)tid, base ? base + 1 : path,
             m == GetModuleHandleW(L"ntdll.dll") ? " (a thread-pool worker)" : "");
}

/* The CPU the process's other threads used in watch_ms; 0 when unread. */
static unsigned others_cpu_ms(unsigned watch_ms, struct runnable_watch *rw)
{
    enum { SAMPLE_MS = 50 }; /* a task that ends loses at most this */
    HANDLE self = GetCurrentThread();
    ULONGLONG all_before = 0;
    ULONGLONG self_before = 0;
    ULONGLONG all_after = 0;
    ULONGLONG self_after = 0;
    int read = process_cpu(&all_before) && read_thread_cpu(self, &self_before);
    runnable_begin(rw);
    for (unsigned slept = 0; slept < watch_ms; slept += SAMPLE_MS) {
        Sleep(watch_ms - slept < SAMPLE_MS ? watch_ms - slept : SAMPLE_MS);
        runnable_sample(rw);
    }
    read = read && process_cpu(&all_after) && read_thread_cpu(self, &self_after);
    /* Unread is not busy: a failed counter says nothing of the notifier. */
    if (!read || all_after < all_before || self_after < self_before)
        return 0;
    ULONGLONG all = all_after - all_before;
    ULONGLONG own = self_after - self_before;
    /* The process's figure (times()) and the thread's (its own counter)
     * are rounded apart: the caller's can pass the whole by a tick. */
    if (own >= all)
        return 0;
    return (unsigned)((all - own) / 10000);
}

void idle_use_watch(unsigned watch_ms, struct idle_use *u)
{
    static struct runnable_watch rw;
    u->cpu_ms = others_cpu_ms(watch_ms, &rw);
    u->runnable_known = rw.known;
    u->runnable_ms = runnable_ms(&rw);
}

int idle_use_over(const struct idle_use *u, unsigned watch_ms, unsigned cpu_permille)
{
    if (u->cpu_ms * 1000ull > (ULONGLONG)watch_ms * cpu_permille)
        return 1;
    return u->runnable_known && u->runnable_ms * 1000ull > (ULONGLONG)watch_ms * RUNNABLE_PERMILLE;
}

void idle_use_text(const struct idle_use *u, char *out, size_t size)
{
    if (u->runnable_known)
        snprintf(out, size, "%u ms of CPU (runnable for %u ms)", u->cpu_ms, u->runnable_ms);
    else
        snprintf(out, size, "%u ms of CPU", u->cpu_ms);
}

/* "N, N and N ms of CPU" and, when known, " (runnable for N, N and N ms)". */
static void three_text(const struct idle_use *u, char *out, size_t size)
{
    int n = snprintf(out, size, "%u, %u and %u ms of CPU", u[0].cpu_ms, u[1].cpu_ms, u[2].cpu_ms);
    if (n > 0 && (size_t)n < size && u[0].runnable_known)
        snprintf(out + n, size - (size_t)n, " (runnable for %u, %u and %u ms)", u[0].runnable_ms,
                 u[1].runnable_ms, u[2].runnable_ms);
}

int idle_cpu_busy(char *why, size_t size)
{
    static struct thread_cpu before[MAX_THREADS];
    static struct thread_cpu after[MAX_THREADS];
    struct idle_use used[WATCHES];
    char figures[128];
    char thread[200] = "";
    Sleep(SETTLE_MS);
    for (unsigned w = 0; w < WATCHES; w++) {
        unsigned n_before = threads_cpu(before);
        idle_use_watch(WATCH_MS, &used[w]);
        unsigned n_after = threads_cpu(after);
        if (!idle_use_over(&used[w], WATCH_MS, BUSY_PERMILLE)) {
            idle_use_text(&used[w], figures, sizeof figures);
            snprintf(why, size, "with no call made, the process's other threads used %s in %u ms",
                     figures, WATCH_MS);
            return 0;
        }
        if (w == 0)
            describe_start(busiest(before, n_before, after, n_after), thread, sizeof thread);
    }
    three_text(used, figures, sizeof figures);
    snprintf(why, size,
             "with no call made, the process's other threads used %s in three watches of %u ms "
             "(the busiest by CPU: %s)",
             figures, WATCH_MS, thread);
    return 1;
}
