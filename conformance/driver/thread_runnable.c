/* Runnable time of the process's threads (thread_runnable.h). */
#include "thread_runnable.h"
#include "linux_calls.h"

#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

/* A small /proc file's text into buf; 0 when it cannot be read. */
static int read_proc(const WCHAR *path, char *buf, DWORD size)
{
    HANDLE f = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, 0, NULL);
    DWORD got = 0;
    if (f == INVALID_HANDLE_VALUE)
        return 0;
    BOOL ok = ReadFile(f, buf, size - 1, &got, NULL);
    CloseHandle(f);
    if (!ok || !got)
        return 0;
    buf[got] = 0;
    return 1;
}

/* schedstat: "ns on a CPU, ns queued for one, slices". */
static int task_runnable_ns(unsigned pid, unsigned tid, uint64_t *ns)
{
    WCHAR path[80];
    char text[128];
    char *end = NULL;
    _snwprintf(path, 80, L"Z:\\proc\\%u\\task\\%u\\schedstat", pid, tid);
    path[79] = 0;
    if (!read_proc(path, text, sizeof text))
        return 0;
    unsigned long long on_cpu = strtoull(text, &end, 10);
    if (end == text)
        return 0;
    unsigned long long queued = strtoull(end, NULL, 10);
    *ns = on_cpu + queued;
    return 1;
}

static int slot_of(const struct runnable_watch *w, unsigned tid)
{
    for (unsigned i = 0; i < w->ntasks; i++) {
        if (w->tid[i] == tid)
            return (int)i;
    }
    return -1;
}

/* One pass over the tasks; `count` adds the growth to the total (a task
 * first seen after the start counts whole: it began within the watch). */
static int pass(struct runnable_watch *w, int count)
{
    WIN32_FIND_DATAW fd;
    WCHAR dir[48];
    _snwprintf(dir, 48, L"Z:\\proc\\%u\\task\\*", w->pid);
    dir[47] = 0;
    HANDLE s = FindFirstFileW(dir, &fd);
    int seen = 0;
    if (s == INVALID_HANDLE_VALUE)
        return 0;
    do {
        unsigned tid = (unsigned)wcstoul(fd.cFileName, NULL, 10);
        uint64_t ns = 0;
        if (!tid || tid == w->self || !task_runnable_ns(w->pid, tid, &ns))
            continue;
        seen++;
        int i = slot_of(w, tid);
        if (i < 0 && w->ntasks < RUNNABLE_TASKS) {
            i = (int)w->ntasks++;
            w->tid[i] = tid;
            w->ns[i] = count ? 0 : ns;
        }
        if (i < 0)
            continue;
        if (count && ns > w->ns[i])
            w->total_ns += ns - w->ns[i];
        w->ns[i] = ns;
    } while (FindNextFileW(s, &fd));
    FindClose(s);
    return seen;
}

int runnable_begin(struct runnable_watch *w)
{
    w->ntasks = 0;
    w->total_ns = 0;
    w->known = 0;
    if (!linux_host())
        return 0;
    w->pid = linux_pid();
    w->self = linux_tid();
    w->known = w->pid != 0 && w->self != 0;
    if (w->known)
        pass(w, 0);
    return w->known;
}

void runnable_sample(struct runnable_watch *w)
{
    if (w->known)
        pass(w, 1);
}

unsigned runnable_ms(const struct runnable_watch *w)
{
    return w->known ? (unsigned)(w->total_ns / 1000000u) : 0;
}
