/* Invalid parameters: what MPR returns, whether the provider was called and
 * whether notifiers were called. Report only: the contract says nothing of
 * notifiers for calls MPR rejects; the run never fails on these rows. */
#include <stdio.h>
#include <string.h>

#include "mprtest.h"

static const WCHAR remote[] = L"\\\\connotify.invalid\\invalid";

static void report_call(const char *call, const char *expected, DWORD ret)
{
    report("[doc]", call, expected,
           "returned %s; provider calls %u; probe1 PRE %u POST %u; probe2 PRE %u POST %u",
           mt_status_name(ret),
           mt_provider_adds() + mt_count(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0),
           mt_count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE) +
               mt_count(TR_SRC_PROBE1, TR_FN_CANCELCONNECTNOTIFY, NOTIFY_PRE),
           mt_count(TR_SRC_PROBE1, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) +
               mt_count(TR_SRC_PROBE1, TR_FN_CANCELCONNECTNOTIFY, NOTIFY_POST),
           mt_count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_PRE) +
               mt_count(TR_SRC_PROBE2, TR_FN_CANCELCONNECTNOTIFY, NOTIFY_PRE),
           mt_count(TR_SRC_PROBE2, TR_FN_ADDCONNECTNOTIFY, NOTIFY_POST) +
               mt_count(TR_SRC_PROBE2, TR_FN_CANCELCONNECTNOTIFY, NOTIFY_POST));
}

static void test_null_netresource(void)
{
    mt_reset();
    report_call("WNetAddConnection2W(NULL NETRESOURCE)", "an error, no provider call",
                WNetAddConnection2W(NULL, NULL, NULL, 0));
    mt_reset();
    report_call("WNetAddConnection3W(NULL NETRESOURCE)", "an error, no provider call",
                WNetAddConnection3W(NULL, NULL, NULL, NULL, 0));
}

/* The A forms run in a child process: Wine 8.0 converts the NETRESOURCEA
 * before checking it for NULL, which may fault. */
static int child(const char *what)
{
    /* A fault ends the child without a Windows Error Reporting dialog. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    if (!strcmp(what, "add2a"))
        return (int)WNetAddConnection2A(NULL, NULL, NULL, 0);
    if (!strcmp(what, "add3a"))
        return (int)WNetAddConnection3A(NULL, NULL, NULL, NULL, 0);
    printf("mpr_invalid: error: unknown child case '%s'\n", what);
    return 2;
}

static void run_child(const char *what, const char *call)
{
    char cmd[MAX_PATH + 64], exe[MAX_PATH];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 0;

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    GetModuleFileNameA(NULL, exe, MAX_PATH);
    snprintf(cmd, sizeof(cmd), "\"%s\" child %s", exe, what);
    if (!CreateProcessA(exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        report("[doc]", call, "an error, no provider call", "child process failed to start: %lu", GetLastError());
        return;
    }
    if (WaitForSingleObject(pi.hProcess, 60000) != WAIT_OBJECT_0) {
        TerminateProcess(pi.hProcess, 1);
        code = WAIT_TIMEOUT;
    } else {
        GetExitCodeProcess(pi.hProcess, &code);
    }
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    if (code >= 0xc0000000u)
        report("[doc]", call, "an error, no provider call", "the call faulted: exception %#lx", code);
    else
        report("[doc]", call, "an error, no provider call", "returned %s (child process)", mt_status_name(code));
}

static void test_null_netresource_a(void)
{
    run_child("add2a", "WNetAddConnection2A(NULL NETRESOURCE)");
    run_child("add3a", "WNetAddConnection3A(NULL NETRESOURCE)");
}

static void test_unknown_provider(void)
{
    NETRESOURCEW nr = {0};
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)L"X:";
    nr.lpRemoteName = (WCHAR *)remote;
    nr.lpProvider = (WCHAR *)L"no such provider";
    mt_reset();
    report_call("WNetAddConnection2W(lpProvider not registered)", "WN_BAD_PROVIDER, no provider call",
                WNetAddConnection2W(&nr, NULL, NULL, 0));
}

static void test_null_remote(void)
{
    NETRESOURCEW nr = {0};
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)L"X:";
    nr.lpProvider = (WCHAR *)TR_PROVIDER_NAME;
    mt_reset();
    report_call("WNetAddConnection2W(lpRemoteName NULL)", "an error", WNetAddConnection2W(&nr, NULL, NULL, 0));
}

static void test_interactive(void)
{
    NETRESOURCEW nr = {0};
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)L"X:";
    nr.lpRemoteName = (WCHAR *)remote;
    nr.lpProvider = (WCHAR *)TR_PROVIDER_NAME;
    mt_reset();
    report_call("WNetAddConnection2W(CONNECT_INTERACTIVE, no window)", "the provider decides",
                WNetAddConnection2W(&nr, NULL, NULL, CONNECT_INTERACTIVE));
    WNetCancelConnection2W(L"X:", 0, TRUE);
}

static void test_cancel_names(void)
{
    mt_reset();
    report_call("WNetCancelConnection2A(NULL)", "an error", WNetCancelConnection2A(NULL, 0, FALSE));
    mt_reset();
    report_call("WNetCancelConnection2W(NULL)", "an error", WNetCancelConnection2W(NULL, 0, FALSE));
    mt_reset();
    report_call("WNetCancelConnection2W(\"\")", "an error", WNetCancelConnection2W(L"", 0, FALSE));
    mt_reset();
    report_call("WNetCancelConnection2W(not connected)", "WN_NOT_CONNECTED from the provider",
                WNetCancelConnection2W(L"Q:", 0, FALSE));
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "child"))
        return child(argv[2]);
    mt_init("mpr_invalid");
    test_null_netresource();
    test_null_netresource_a();
    test_unknown_provider();
    test_null_remote();
    test_interactive();
    test_cancel_names();
    return mt_finish();
}
