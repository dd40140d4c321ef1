/* The host's own files (see host_files.h). */
#include "host_files.h"

#include "out.h"

#include <stdint.h>
#include <wchar.h>

struct host_thread {
    HANDLE thread;
    HANDLE volatile held; /* the file it holds open now, or NULL */
    WCHAR path[MAX_PATH];
};

static struct host_thread threads[HOST_FILE_THREADS];
static volatile LONG stopping;
static volatile LONG opened;

/* Open, write, read back, close, as a program saving a document. The value is
 * published only while the file is open: set after the open, cleared before
 * the close, so a value found published is the host's at that moment. */
static DWORD WINAPI churn(void *arg)
{
    struct host_thread *t = arg;
    static const char text[] = "a document of the host\r\n";
    mark_driver_thread_doing("a host thread writing its own files");
    while (!stopping) {
        HANDLE h = CreateFileW(t->path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
        if (h == INVALID_HANDLE_VALUE) {
            Sleep(1);
            continue;
        }
        InterlockedIncrement(&opened);
        t->held = h;
        DWORD n = 0;
        WriteFile(h, text, sizeof text - 1, &n, NULL);
        SwitchToThread();
        t->held = NULL;
        CloseHandle(h);
    }
    return 0;
}

int host_files_start(void)
{
    WCHAR dir[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH - 40, dir);
    int started = 0;
    if (!n || n >= MAX_PATH - 40)
        return 0;
    stopping = 0;
    opened = 0;
    for (unsigned i = 0; i < HOST_FILE_THREADS; i++) {
        struct host_thread *t = &threads[i];
        swprintf(t->path, MAX_PATH, L"%lscn-host-%lu-%u.txt", dir,
                 (unsigned long)GetCurrentProcessId(), i);
        t->held = NULL;
        t->thread = CreateThread(NULL, 0, churn, t, 0, NULL);
        started += t->thread != NULL;
    }
    return started;
}

long host_files_stop(void)
{
    stopping = 1;
    for (unsigned i = 0; i < HOST_FILE_THREADS; i++) {
        if (!threads[i].thread)
            continue;
        WaitForSingleObject(threads[i].thread, 5000);
        CloseHandle(threads[i].thread);
        threads[i].thread = NULL;
    }
    return opened;
}

int host_files_hold(HANDLE h, WCHAR *path, size_t cap)
{
    if (!h || h == INVALID_HANDLE_VALUE)
        return 0;
    for (unsigned i = 0; i < HOST_FILE_THREADS; i++) {
        if (threads[i].thread && threads[i].held == h) {
            swprintf(path, cap, L"%ls", threads[i].path);
            return 1;
        }
    }
    return 0;
}
