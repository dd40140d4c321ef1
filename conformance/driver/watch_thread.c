/* The driver's watch threads (see watch_thread.h). */
#include "watch_thread.h"

#include "conform.h"
#include "out_handle.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char dll_name[MAX_PATH];

static void name_dll(void)
{
    char path[MAX_PATH];
    if (!WideCharToMultiByte(CP_UTF8, 0, cf.dll, -1, path, sizeof path, NULL, NULL))
        snprintf(path, sizeof path, "notifier");
    const char *slash = strrchr(path, '\\');
    snprintf(dll_name, sizeof dll_name, "%s", slash ? slash + 1 : path);
}

const char *watch_dll_name(void)
{
    return dll_name;
}

void watch_line(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    DWORD w;
    WriteFile(out_handle(), line, (DWORD)n, &w, NULL);
}

/* What a new watch thread runs, freed by it: the caller may have stopped waiting. */
struct start {
    void (*body)(void);
    HANDLE started;
};

static DWORD WINAPI run(void *arg)
{
    struct start *s = arg;
    void (*body)(void) = s->body;
    char warm[32];
    snprintf(warm, sizeof warm, "%s %llu %lx", "warm", 1ULL, 1UL);
    SetEvent(s->started);
    HeapFree(GetProcessHeap(), 0, s);
    body();
    return 0;
}

void watch_start(void (*body)(void))
{
    if (!dll_name[0])
        name_dll();
    struct start *s = HeapAlloc(GetProcessHeap(), 0, sizeof *s);
    if (!s)
        return;
    HANDLE started = CreateEventW(NULL, TRUE, FALSE, NULL);
    s->body = body;
    s->started = started;
    HANDLE h = CreateThread(NULL, 64 * 1024, run, s, 0, NULL);
    if (h) {
        WaitForSingleObject(started, 5000);
        CloseHandle(h);
    } else {
        HeapFree(GetProcessHeap(), 0, s);
    }
    CloseHandle(started);
}
