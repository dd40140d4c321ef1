/* The log sink never makes a notification fail [design]: with LogPath in a
 * missing directory, held by another process without sharing, or not set
 * at all (refusals: refuse_test.c), every call returns WN_SUCCESS and the
 * sink-failure counter of the stats section moves; a transient failure
 * heals once the cause is gone (an open is retried at most once a second).
 * Run as "sink_test hold" it is the child that holds the log file. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "dll_test_util.h"
#include "wtest.h"

#define RETRY_WAIT_MS 1100 /* [design] retry interval 1000 ms, plus margin */

static WCHAR dir[MAX_PATH];

static void cancel_pair(const dlltest_dll *d, const char *what)
{
    NOTIFYINFO info = { NOTIFY_PRE, WN_SUCCESS, NULL };
    NOTIFYCANCEL cancel = { (WCHAR *)L"Y:", NULL, 0, FALSE };
    DWORD ret;

    ret = d->cancel(&info, &cancel);
    ok(ret == WN_SUCCESS, "[design] %s: CancelConnectNotify PRE returned %lu\n", what, ret);
    info.dwNotifyStatus = NOTIFY_POST;
    ret = d->cancel(&info, &cancel);
    ok(ret == WN_SUCCESS, "[design] %s: CancelConnectNotify POST returned %lu\n", what, ret);
}

typedef struct counts { int64_t written, sink_failures, open_failures; } counts;

static counts snap(void)
{
    const cn_stats *st = dlltest_stats();
    counts c = { 0, 0, 0 };
    if (st) {
        c.written = st->written;
        c.sink_failures = st->sink_failures;
        c.open_failures = st->open_failures;
    }
    return c;
}

/* Four calls against a log that cannot be opened: all succeed, none is
 * written, four sink failures, and the error is the expected one. */
static void expect_failing(const dlltest_dll *d, const char *what, DWORD want_error)
{
    counts c0 = snap(), c1;
    const cn_stats *st;

    dlltest_add_pair(d, what);
    cancel_pair(d, what);
    st = dlltest_stats();
    if (!ok(st != NULL, "[design] %s: no stats section\n", what))
        return;
    c1 = snap();
    /* The first open happened before c0 could be read (at the first call). */
    ok(c1.sink_failures - c0.sink_failures == 4, "[design] %s: sink_failures moved by %lld, want 4\n",
       what, (long long)(c1.sink_failures - c0.sink_failures));
    ok(c1.written == c0.written, "[design] %s: written moved by %lld\n", what,
       (long long)(c1.written - c0.written));
    ok(st->open_failures >= 1, "[design] %s: open_failures %lld\n", what,
       (long long)st->open_failures);
    ok(st->log_state == CN_LOG_FAILING, "[design] %s: log_state %u, want failing\n", what,
       st->log_state);
    if (want_error)
        ok(st->last_error == want_error, "[wine] %s: last_error %u, want %lu\n", what,
           st->last_error, want_error);
    else
        trace("%s: last_error %u\n", what, st->last_error);
}

static void expect_healed(const dlltest_dll *d, const char *what, const WCHAR *log)
{
    counts c0 = snap(), c1;
    size_t len = 0, tail;
    char *buf;

    Sleep(RETRY_WAIT_MS);
    dlltest_add_pair(d, what);
    c1 = snap();
    ok(c1.written - c0.written == 2, "[design] %s: written moved by %lld after the cause went away, want 2\n",
       what, (long long)(c1.written - c0.written));
    ok(dlltest_stats() && dlltest_stats()->log_state == CN_LOG_OPEN,
       "[design] %s: log not open after the retry interval\n", what);
    buf = dlltest_read_file(log, &len);
    ok(buf && dlltest_count_lines(buf, len, &tail) == 2 && tail == 0,
       "[design] %s: log has %u bytes, want 2 records\n", what, (unsigned)len);
    if (buf)
        HeapFree(GetProcessHeap(), 0, buf);
}

static void test_missing_directory(void)
{
    WCHAR sub[MAX_PATH], log[MAX_PATH];
    dlltest_dll d;

    _snwprintf(sub, MAX_PATH, L"%ls\\missing", dir);
    _snwprintf(log, MAX_PATH, L"%ls\\notifier.log", sub);
    RemoveDirectoryW(sub);
    ok(dlltest_set_logpath(log) == 0, "cannot set LogPath\n");
    if (dlltest_load(&d))
        return;
    /* [wine] measured: CreateFile in a missing directory fails with 3. */
    expect_failing(&d, "missing directory", ERROR_PATH_NOT_FOUND);
    ok(CreateDirectoryW(sub, NULL), "CreateDirectory failed: %lu\n", GetLastError());
    expect_healed(&d, "missing directory", log);
    dlltest_unload(&d);
    DeleteFileW(log);
    RemoveDirectoryW(sub);
}

static void test_unset(void)
{
    dlltest_dll d;
    counts c0, c1;
    const cn_stats *st;

    ok(dlltest_set_logpath(NULL) == 0, "cannot delete LogPath\n");
    if (dlltest_load(&d))
        return;
    c0 = snap();
    dlltest_add_pair(&d, "no LogPath");
    c1 = snap();
    st = dlltest_stats();
    ok(c1.sink_failures - c0.sink_failures == 2, "[design] no LogPath: sink_failures moved by %lld, want 2\n",
       (long long)(c1.sink_failures - c0.sink_failures));
    ok(c1.open_failures == c0.open_failures, "[design] no LogPath: open attempted\n");
    ok(st && st->log_state == CN_LOG_UNCONFIGURED, "[design] no LogPath: log_state %u\n",
       st ? st->log_state : 99u);
    dlltest_unload(&d);
}

static void ev_name(WCHAR *out, const WCHAR *what, DWORD pid)
{
    _snwprintf(out, 64, L"Local\\connotify-sink-%ls-%lu", what, (unsigned long)pid);
    out[63] = 0;
}

static void test_sharing_violation(void)
{
    WCHAR log[MAX_PATH], exe[MAX_PATH], name[64];
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    HANDLE ready, quit;
    dlltest_dll d;
    DWORD code = 0;

    _snwprintf(log, MAX_PATH, L"%ls\\held.log", dir);
    DeleteFileW(log);
    ev_name(name, L"ready", GetCurrentProcessId());
    ready = CreateEventW(NULL, TRUE, FALSE, name);
    ev_name(name, L"quit", GetCurrentProcessId());
    quit = CreateEventW(NULL, TRUE, FALSE, name);
    SetEnvironmentVariableW(L"CONNOTIFY_HOLD_PATH", log);
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    if (!ok(CreateProcessW(exe, (WCHAR[]){ L"sink_test hold" }, NULL, NULL, FALSE, 0, NULL, NULL,
                           &si, &pi), "CreateProcess failed: %lu\n", GetLastError()))
        return;
    if (!ok(WaitForSingleObject(ready, 30000) == WAIT_OBJECT_0, "child never held the file\n")) {
        TerminateProcess(pi.hProcess, 1);
        goto out;
    }
    ok(dlltest_set_logpath(log) == 0, "cannot set LogPath\n");
    if (dlltest_load(&d) == 0) {
        /* [wine] measured: a share-mode-0 holder makes CreateFile fail with 32. */
        expect_failing(&d, "sharing violation", ERROR_SHARING_VIOLATION);
        SetEvent(quit);
        ok(WaitForSingleObject(pi.hProcess, 30000) == WAIT_OBJECT_0, "child did not exit\n");
        expect_healed(&d, "sharing violation", log);
        dlltest_unload(&d);
    }
out:
    SetEvent(quit);
    WaitForSingleObject(pi.hProcess, 30000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "child exited with %lu\n", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(ready);
    CloseHandle(quit);
    DeleteFileW(log);
}

/* Child: creates the file with no sharing, signals, waits to be released. */
static int hold(void)
{
    WCHAR path[MAX_PATH], name[64];
    HANDLE f, ready, quit;
    DWORD parent;

    if (!GetEnvironmentVariableW(L"CONNOTIFY_HOLD_PATH", path, MAX_PATH))
        return 2;
    f = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (f == INVALID_HANDLE_VALUE)
        return 3;
    /* The events are named after the parent's pid. */
    if (!GetEnvironmentVariableW(L"CONNOTIFY_HOLD_PARENT", name, 64))
        return 4;
    parent = wcstoul(name, NULL, 10);
    ev_name(name, L"ready", parent);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, name);
    ev_name(name, L"quit", parent);
    quit = OpenEventW(SYNCHRONIZE, FALSE, name);
    if (!ready || !quit)
        return 5;
    SetEvent(ready);
    WaitForSingleObject(quit, 60000);
    CloseHandle(f);
    return 0;
}

int main(int argc, char **argv)
{
    WCHAR pid[16];

    if (argc == 2 && !strcmp(argv[1], "hold"))
        return hold();
    wtest_start("dll_sink");
    _snwprintf(pid, 16, L"%lu", (unsigned long)GetCurrentProcessId());
    pid[15] = 0;
    SetEnvironmentVariableW(L"CONNOTIFY_HOLD_PARENT", pid);
    if (!dlltest_temp_dir(L"sink", dir, MAX_PATH)) {
        skip("no temp directory\n");
        return wtest_end();
    }
    dlltest_save_logpath();
    test_unset();
    test_missing_directory();
    test_sharing_violation();
    dlltest_restore_logpath();
    RemoveDirectoryW(dir);
    return wtest_end();
}
