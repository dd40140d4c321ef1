/* A window of another process (see owner_process.h). */
#include "owner_process.h"

#include "child.h"
#include "top_window.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum { WINDOW_WAIT_MS = 20000, POLL_MS = 50, END_WAIT_MS = 10000, COMPARE_BYTES = 1 << 16 };

/* 1 when the two files hold the same bytes. */
static int same_file(const WCHAR *a, const WCHAR *b)
{
    HANDLE fa = CreateFileW(a, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                            OPEN_EXISTING, 0, NULL);
    HANDLE fb = CreateFileW(b, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                            OPEN_EXISTING, 0, NULL);
    char *ba = malloc(COMPARE_BYTES);
    char *bb = malloc(COMPARE_BYTES);
    int same = fa != INVALID_HANDLE_VALUE && fb != INVALID_HANDLE_VALUE && ba && bb &&
               GetFileSize(fa, NULL) == GetFileSize(fb, NULL);
    while (same) {
        DWORD ga = 0;
        DWORD gb = 0;
        if (!ReadFile(fa, ba, COMPARE_BYTES, &ga, NULL) ||
            !ReadFile(fb, bb, COMPARE_BYTES, &gb, NULL) || ga != gb || memcmp(ba, bb, ga)) {
            same = 0;
            break;
        }
        if (!ga)
            break;
    }
    if (fa != INVALID_HANDLE_VALUE)
        CloseHandle(fa);
    if (fb != INVALID_HANDLE_VALUE)
        CloseHandle(fb);
    free(ba);
    free(bb);
    return same;
}

/* Makes the folders of path that are missing, noting each in o. */
static int make_folders(struct owner_process *o, const WCHAR *path)
{
    WCHAR dir[MAX_PATH];
    for (size_t i = 3; path[i]; i++) {
        if (path[i] != '\\')
            continue;
        wmemcpy(dir, path, i);
        dir[i] = 0;
        if (GetFileAttributesW(dir) != INVALID_FILE_ATTRIBUTES)
            continue;
        if (o->n_made_dirs == sizeof o->made_dirs / sizeof o->made_dirs[0] ||
            !CreateDirectoryW(dir, NULL))
            return 0;
        wcscpy(o->made_dirs[o->n_made_dirs++], dir);
    }
    return 1;
}

struct window_search {
    DWORD pid;
    HWND found;
};

static BOOL CALLBACK window_of_pid(HWND w, LPARAM param)
{
    struct window_search *search = (struct window_search *)param;
    DWORD pid = 0;
    GetWindowThreadProcessId(w, &pid);
    if (pid != search->pid)
        return TRUE;
    search->found = w;
    return FALSE;
}

static HWND find_window(const PROCESS_INFORMATION *pi)
{
    struct window_search search = {pi->dwProcessId, NULL};
    for (DWORD waited = 0; waited < WINDOW_WAIT_MS; waited += POLL_MS) {
        EnumWindows(window_of_pid, (LPARAM)&search);
        if (search.found || WaitForSingleObject(pi->hProcess, POLL_MS) == WAIT_OBJECT_0)
            break;
    }
    return search.found;
}

int owner_process_start(struct owner_process *o, const WCHAR *image, char *why, size_t cap)
{
    WCHAR self[MAX_PATH];
    WCHAR args[48];
    memset(o, 0, sizeof *o);
    DWORD n = GetModuleFileNameW(NULL, self, MAX_PATH);
    if (!n || n >= MAX_PATH) {
        snprintf(why, cap, "this program's path unknown (error %lu)", GetLastError());
        return 0;
    }
    wcscpy(o->image, image ? image : self);
    if (image && GetFileAttributesW(image) != INVALID_FILE_ATTRIBUTES) {
        /* A copy an earlier run could not delete is run and deleted; anything else is not
         * ours to run. */
        if (!same_file(image, self)) {
            snprintf(why, cap, "a file is there that is not a copy of this program");
            return 0;
        }
        o->copied = 1;
    } else if (image) {
        if (!make_folders(o, image) || !CopyFileW(self, image, TRUE)) {
            snprintf(why, cap, "could not copy this program there (error %lu)", GetLastError());
            owner_process_end(o);
            return 0;
        }
        o->copied = 1;
    }
    swprintf(args, sizeof args / sizeof args[0], L"--owner-window %lu",
             (unsigned long)GetCurrentProcessId());
    if (!child_start(o->image, NULL, args, NULL, NULL, NULL, &o->pi)) {
        snprintf(why, cap, "could not start it (error %lu)", GetLastError());
        owner_process_end(o);
        return 0;
    }
    o->window = find_window(&o->pi);
    if (!o->window) {
        snprintf(why, cap, "it showed no window within %d s (no graphics driver?)",
                 WINDOW_WAIT_MS / 1000);
        owner_process_end(o);
        return 0;
    }
    return 1;
}

void owner_process_end(struct owner_process *o)
{
    if (o->pi.hProcess) {
        DWORD code = 0;
        TerminateProcess(o->pi.hProcess, 0);
        child_wait(&o->pi, END_WAIT_MS, &code);
        memset(&o->pi, 0, sizeof o->pi);
    }
    o->window = NULL;
    if (o->copied)
        DeleteFileW(o->image);
    o->copied = 0;
    while (o->n_made_dirs)
        RemoveDirectoryW(o->made_dirs[--o->n_made_dirs]);
}

int owner_process_child(const WCHAR *parent_pid)
{
    DWORD pid = (DWORD)wcstoul(parent_pid, NULL, 10);
    HANDLE parent = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (!parent)
        return 2;
    /* Visible and enabled, as a program's main window is. */
    HWND window = top_level_window(L"connotify owner", WS_OVERLAPPEDWINDOW | WS_VISIBLE);
    if (!window)
        return 3;
    for (;;) {
        DWORD woke = MsgWaitForMultipleObjects(1, &parent, FALSE, INFINITE, QS_ALLINPUT);
        if (woke != WAIT_OBJECT_0 + 1)
            break;
        MSG m;
        while (PeekMessageW(&m, NULL, 0, 0, PM_REMOVE)) {
            TranslateMessage(&m);
            DispatchMessageW(&m);
        }
    }
    CloseHandle(parent);
    return 0;
}
