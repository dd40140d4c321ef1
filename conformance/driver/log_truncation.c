/* Files a second process cuts short (see log_truncation.h). */
#include "log_truncation.h"

#include "call.h"
#include "child.h"
#include "hooks_files.h"
#include "out.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { MAX_FILES = 32, CHILD_LIMIT_MS = 60000, APPENDED_CAP = 4096 };

static int is_child;

void truncation_child_role(void)
{
    is_child = 1;
}

int truncation_is_child(void)
{
    return is_child;
}

/* The one operation both processes make: a state file rewritten per call
 * has the same size after it in either. */
static void ordinary_pair(void)
{
    const char *what = "the add and cancel a second process repeats";
    pair_add(mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0), WN_SUCCESS, what);
    pair_cancel(mk_cancel(s_local, s_pre_provider, 0, FALSE),
                mk_cancel(s_local, s_provider, 0, FALSE), WN_SUCCESS, what);
}

void truncation_child_run(void)
{
    if (!load_notifier())
        return;
    std_names();
    ordinary_pair();
}

static LONGLONG size_of(const WCHAR *path)
{
    WIN32_FILE_ATTRIBUTE_DATA a;
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &a))
        return -1;
    return ((LONGLONG)a.nFileSizeHigh << 32) | a.nFileSizeLow;
}

/* 1 when another file in path's folder holds at least size bytes: the
 * log was rotated (renamed aside), not emptied. */
static int kept_aside(const WCHAR *path, LONGLONG size)
{
    WCHAR pattern[MAX_PATH + 4];
    const WCHAR *slash = wcsrchr(path, '\\');
    if (!slash || (size_t)(slash - path) + 3 >= MAX_PATH)
        return 0;
    swprintf(pattern, sizeof pattern / sizeof pattern[0], L"%.*ls\\*", (int)(slash - path), path);
    WIN32_FIND_DATAW f;
    HANDLE h = FindFirstFileW(pattern, &f);
    if (h == INVALID_HANDLE_VALUE)
        return 0;
    int found = 0;
    do {
        LONGLONG n = ((LONGLONG)f.nFileSizeHigh << 32) | f.nFileSizeLow;
        int other = _wcsicmp(f.cFileName, slash + 1) != 0;
        found = other && !(f.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) && n >= size;
    } while (!found && FindNextFileW(h, &f));
    FindClose(h);
    return found;
}

/* Up to cap bytes of path from offset; the count read, -1 when unreadable. */
static long read_range(const WCHAR *path, LONGLONG offset, unsigned char *buf, long cap)
{
    HANDLE h =
        CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    LARGE_INTEGER at;
    at.QuadPart = offset;
    DWORD got = 0;
    long n = -1;
    if (SetFilePointerEx(h, at, NULL, FILE_BEGIN) && ReadFile(h, buf, (DWORD)cap, &got, NULL))
        n = (long)got;
    CloseHandle(h);
    return n;
}

/* The second process, its output discarded; 1 when it ended by itself. */
static int run_second_process(DWORD *code)
{
    WCHAR args[MAX_PATH + 64];
    PROCESS_INFORMATION pi;
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE nul = CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                             OPEN_EXISTING, 0, NULL);
    swprintf(args, sizeof args / sizeof args[0], L"--files-child files \"%ls\"", cf.dll);
    int started = child_start(NULL, NULL, args, nul, NULL, NULL, &pi);
    if (nul != INVALID_HANDLE_VALUE)
        CloseHandle(nul);
    return started && child_wait(&pi, CHILD_LIMIT_MS, code);
}

void truncation_judge(void)
{
    announce_step("the same add and cancel here, then in a second process: files' sizes");
    ordinary_pair();
    files_flush_crt();
    unsigned n = files_written() < MAX_FILES ? files_written() : MAX_FILES;
    LONGLONG before[MAX_FILES];
    for (unsigned i = 0; i < n; i++)
        before[i] = size_of(files_written_at(i));
    DWORD code = 0;
    if (!run_second_process(&code)) {
        result("files.truncated", "notjudged",
               "the second process did not end by itself within %u s (status 0x%lx)",
               CHILD_LIMIT_MS / 1000, (unsigned long)code);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        LONGLONG after = size_of(files_written_at(i));
        if (before[i] > 0 && after >= 0 && after < before[i] &&
            !kept_aside(files_written_at(i), before[i])) {
            result_bad("files.truncated",
                       "%.200ls: %lld bytes after this process's calls, %lld after a second "
                       "process loaded the notifier and made the same add and cancel: opened "
                       "with CREATE_ALWAYS or TRUNCATE_EXISTING, so each process that maps a "
                       "drive empties what the others wrote",
                       files_written_at(i), before[i], after);
            return;
        }
    }
    /* What the second process appended must outlive this process's next records: a handle
     * kept open and moved to the end once writes at its own position, over them. */
    static unsigned char appended[MAX_FILES][APPENDED_CAP];
    long appended_len[MAX_FILES];
    LONGLONG grown[MAX_FILES];
    for (unsigned i = 0; i < n; i++) {
        grown[i] = size_of(files_written_at(i));
        appended_len[i] = -1;
        if (before[i] >= 0 && grown[i] > before[i])
            appended_len[i] = read_range(files_written_at(i), before[i], appended[i], APPENDED_CAP);
    }
    ordinary_pair();
    files_flush_crt();
    static unsigned char now[APPENDED_CAP];
    for (unsigned i = 0; i < n; i++) {
        if (appended_len[i] <= 0 || size_of(files_written_at(i)) < grown[i])
            continue;
        long len = read_range(files_written_at(i), before[i], now, appended_len[i]);
        if (len == appended_len[i] && !memcmp(now, appended[i], (size_t)len))
            continue;
        result_bad("files.truncated",
                   "%.200ls: the %ld bytes a second process appended at offset %lld (after it "
                   "loaded the notifier and made the same add and cancel) were overwritten when "
                   "this process made its next add and cancel: a file kept open and moved to "
                   "its end once writes at its own position, over what other processes "
                   "appended (FILE_APPEND_DATA, or a move to the end before each write)",
                   files_written_at(i), appended_len[i], before[i]);
        return;
    }
    result("files.truncated", "pass",
           "%u file(s) it wrote: none shorter after a second process made the same add and "
           "cancel, or its bytes kept in another file of its folder (rotated), and what that "
           "process appended still there after this process's next add and cancel (status "
           "%lu)",
           n, (unsigned long)code);
}
