/* cnlog --stats reports the sink of a running process from its stats
 * section [design]: none before the notifier's first call (exit 3), a
 * refused log with its reason and counters (exit 1), an open log (exit 0),
 * in text and JSON, for one process id or for every process. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "dll_test_util.h"
#include "wtest.h"

#define OUT_MAX 8192

static WCHAR dir[MAX_PATH];
static WCHAR cnlog[MAX_PATH];

/* Runs cnlog.exe (beside this program) with args; its stdout and stderr
 * land in out. Returns its exit code, or -1 if it did not run. */
static int run_cnlog(const WCHAR *args, char *out)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    WCHAR cmd[MAX_PATH + 128];
    HANDLE rd, wr;
    DWORD n, code = (DWORD)-1;
    size_t used = 0;

    out[0] = 0;
    if (!CreatePipe(&rd, &wr, &sa, 0))
        return -1;
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = wr;
    si.hStdError = wr;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    _snwprintf(cmd, MAX_PATH + 128, L"\"%ls\" %ls", cnlog, args);
    cmd[MAX_PATH + 127] = 0;
    if (!CreateProcessW(cnlog, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        ok(0, "cannot run %ls: %lu\n", cnlog, GetLastError());
        CloseHandle(rd);
        CloseHandle(wr);
        return -1;
    }
    CloseHandle(wr);
    while (used < OUT_MAX - 1
           && ReadFile(rd, out + used, (DWORD)(OUT_MAX - 1 - used), &n, NULL) && n)
        used += n;
    out[used] = 0;
    CloseHandle(rd);
    WaitForSingleObject(pi.hProcess, 30000);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return (int)code;
}

/* Runs cnlog; checks the exit code and that the output holds `want`. */
static void expect_cnlog(const WCHAR *args, int want_rc, const char *want)
{
    static char out[OUT_MAX];
    int rc = run_cnlog(args, out);

    ok(rc == want_rc, "cnlog %ls: exit %d, want %d; output: %s\n", args, rc, want_rc, out);
    ok(strstr(out, want) != NULL, "cnlog %ls: output lacks \"%s\": %s\n", args, want, out);
}

static void test_none(void)
{
    WCHAR args[32];
    char want[96];

    /* This process has not called the notifier yet: no section. */
    _snwprintf(args, 32, L"--stats %lu", (unsigned long)GetCurrentProcessId());
    snprintf(want, sizeof(want), "no reference notifier loaded in process %lu",
             (unsigned long)GetCurrentProcessId());
    expect_cnlog(args, 3, want);
    expect_cnlog(L"--stats", 3, "no process has the reference notifier loaded");
    expect_cnlog(L"--stats 12x", 2, "not a process id: 12x");
    expect_cnlog(L"--stats 1 2", 2, "usage: cnlog [--json] --stats [PID]");
}

static void test_refused(void)
{
    WCHAR log[MAX_PATH], other[MAX_PATH], args[40];
    dlltest_dll d;
    char want[160];
    unsigned long pid = GetCurrentProcessId();

    _snwprintf(log, MAX_PATH, L"%ls\\linked.log", dir);
    _snwprintf(other, MAX_PATH, L"%ls\\linked-other.log", dir);
    DeleteFileW(other);
    CloseHandle(CreateFileW(log, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    if (!ok(CreateHardLinkW(other, log, NULL), "CreateHardLink failed: %lu\n", GetLastError()))
        return;
    ok(dlltest_set_logpath(log) == 0, "cannot set LogPath\n");
    if (dlltest_load(&d))
        return;
    dlltest_add_pair(&d, "hard-linked log");
    /* Held from here on: the section outlives the unload. */
    ok(dlltest_stats() != NULL, "no stats section\n");
    _snwprintf(args, 40, L"--stats %lu", pid);
    snprintf(want, sizeof(want), "cnlog: pid %lu: log refused (hard_link, 2 links): 2 calls, "
             "0 written, 2 sink failures (1 refusals, 0 open failures, 0 write failures)", pid);
    expect_cnlog(args, 1, want);
    _snwprintf(args, 40, L"--json --stats %lu", pid);
    snprintf(want, sizeof(want), "{\"pid\":%lu,\"version\":2,\"log_state\":\"refused\","
             "\"refusal\":\"hard_link\",\"refusal_detail\":2,\"calls\":2,\"written\":0,", pid);
    expect_cnlog(args, 1, want);
    /* Every process: this one is among them. */
    snprintf(want, sizeof(want), "cnlog: pid %lu: log refused (hard_link", pid);
    expect_cnlog(L"--stats", 1, want);
    dlltest_unload(&d);
    DeleteFileW(other);
    DeleteFileW(log);
}

static void test_open(void)
{
    WCHAR log[MAX_PATH], args[40];
    dlltest_dll d;
    char want[160];
    unsigned long pid = GetCurrentProcessId();

    _snwprintf(log, MAX_PATH, L"%ls\\open.log", dir);
    DeleteFileW(log);
    ok(dlltest_set_logpath(log) == 0, "cannot set LogPath\n");
    if (dlltest_load(&d))
        return;
    dlltest_add_pair(&d, "ordinary log");
    /* Counters continue across the reload (the test holds the section). */
    _snwprintf(args, 40, L"--stats %lu", pid);
    snprintf(want, sizeof(want), "cnlog: pid %lu: log open: 4 calls, 2 written, 2 sink failures "
             "(1 refusals, 0 open failures, 0 write failures), 0 dropped, 0 rejected, 0 invalid; "
             "last refusal hard_link, 2 links", pid);
    expect_cnlog(args, 0, want);
    dlltest_unload(&d);
    DeleteFileW(log);
}

int main(void)
{
    WCHAR *slash;

    wtest_start("dll_cnlog");
    if (!GetModuleFileNameW(NULL, cnlog, MAX_PATH) || !(slash = wcsrchr(cnlog, L'\\'))) {
        skip("cannot find this program's directory\n");
        return wtest_end();
    }
    wcscpy(slash + 1, L"cnlog.exe");
    if (!dlltest_temp_dir(L"cnlog", dir, MAX_PATH)) {
        skip("no temp directory\n");
        return wtest_end();
    }
    dlltest_save_logpath();
    test_none();
    test_refused();
    test_open();
    dlltest_restore_logpath();
    RemoveDirectoryW(dir);
    return wtest_end();
}
