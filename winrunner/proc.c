/* Process, job object and time limit (proc.h). */
#include "proc.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct wbuf {
    WCHAR *s;
    size_t len;
    size_t cap;
};

static void put(struct wbuf *b, WCHAR ch, size_t count)
{
    while (count--) {
        if (b->len + 2 > b->cap) {
            b->cap = b->cap ? b->cap * 2 : 256;
            b->s = wr_realloc(b->s, b->cap * sizeof(WCHAR));
        }
        b->s[b->len++] = ch;
        b->s[b->len] = 0;
    }
}

/* [doc] CommandLineToArgvW: 2n backslashes + quote -> n backslashes and a
 * delimiter; 2n+1 backslashes + quote -> n backslashes and a quote. */
static void put_arg(struct wbuf *b, const WCHAR *arg)
{
    const WCHAR *p;

    if (b->len)
        put(b, L' ', 1);
    if (*arg && !wcspbrk(arg, L" \t\n\v\"")) {
        for (p = arg; *p; p++)
            put(b, *p, 1);
        return;
    }
    put(b, L'"', 1);
    for (p = arg;; p++) {
        size_t slashes = 0;

        while (*p == L'\\') {
            slashes++;
            p++;
        }
        if (!*p) {
            put(b, L'\\', slashes * 2);
            break;
        }
        if (*p == L'"') {
            put(b, L'\\', slashes * 2 + 1);
        } else {
            put(b, L'\\', slashes);
        }
        put(b, *p, 1);
    }
    put(b, L'"', 1);
}

WCHAR *proc_cmdline(const WCHAR *exe, WCHAR *const *args, size_t nargs)
{
    struct wbuf b = {NULL, 0, 0};
    size_t i;

    put_arg(&b, exe);
    for (i = 0; i < nargs; i++)
        put_arg(&b, args[i]);
    return b.s;
}

static double seconds_since(LARGE_INTEGER start)
{
    LARGE_INTEGER now;
    LARGE_INTEGER freq;

    QueryPerformanceCounter(&now);
    QueryPerformanceFrequency(&freq);
    return (double)(now.QuadPart - start.QuadPart) / (double)freq.QuadPart;
}

static JOBOBJECT_BASIC_ACCOUNTING_INFORMATION accounting(HANDLE job)
{
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION info;

    memset(&info, 0, sizeof(info));
    QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &info, sizeof(info), NULL);
    return info;
}

/* Ends every process of the job and waits (up to 10 s) until none runs. */
static DWORD end_job(HANDLE job, DWORD code)
{
    DWORD running = accounting(job).ActiveProcesses;
    unsigned i;

    if (running == 0)
        return 0;
    TerminateJobObject(job, code);
    for (i = 0; i < 1000 && accounting(job).ActiveProcesses > 0; i++)
        Sleep(10);
    return running;
}

static void no_start(struct proc_result *r, const char *stage)
{
    r->end = PROC_NOSTART;
    r->error = GetLastError();
    r->stage = stage;
}

void proc_run(const WCHAR *exe, const WCHAR *cmdline, const WCHAR *dir, const WCHAR *log,
              DWORD timeout_ms, struct proc_result *r)
{
    proc_run_split(exe, cmdline, dir, log, NULL, timeout_ms, r);
}

void proc_run_split(const WCHAR *exe, const WCHAR *cmdline, const WCHAR *dir, const WCHAR *log,
                    const WCHAR *err_log, DWORD timeout_ms, struct proc_result *r)
{
    SECURITY_ATTRIBUTES inherit = {sizeof(inherit), NULL, TRUE};
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    WCHAR *line = _wcsdup(cmdline);
    HANDLE out;
    HANDLE err;
    HANDLE in;
    HANDLE job;
    LARGE_INTEGER start;

    memset(r, 0, sizeof(*r));
    out = CreateFileW(log, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                      CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (out == INVALID_HANDLE_VALUE) {
        no_start(r, "create its log");
        return;
    }
    err = out;
    if (err_log) {
        err = CreateFileW(err_log, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                          CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
        if (err == INVALID_HANDLE_VALUE) {
            no_start(r, "create its error log");
            CloseHandle(out);
            return;
        }
    }
    in = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                     OPEN_EXISTING, 0, NULL);
    job = CreateJobObjectW(NULL, NULL);
    memset(&limits, 0, sizeof(limits));
    /* No error box or debugger for a crash: the exit code is the exception. */
    limits.BasicLimitInformation.LimitFlags =
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
    if (!job ||
        !SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof(limits))) {
        no_start(r, "create a job object");
        CloseHandle(out);
        if (err != out)
            CloseHandle(err);
        return;
    }
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in;
    si.hStdOutput = out;
    si.hStdError = err;
    if (!CreateProcessW(exe, line, NULL, NULL, TRUE, CREATE_SUSPENDED, NULL, dir, &si, &pi)) {
        no_start(r, "start");
        CloseHandle(job);
        CloseHandle(out);
        if (err != out)
            CloseHandle(err);
        CloseHandle(in);
        return;
    }
    CloseHandle(out);
    if (err != out)
        CloseHandle(err);
    CloseHandle(in);
    if (!AssignProcessToJobObject(job, pi.hProcess)) {
        no_start(r, "put it in a job object");
        TerminateProcess(pi.hProcess, 1);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
        CloseHandle(job);
        return;
    }
    QueryPerformanceCounter(&start);
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    if (WaitForSingleObject(pi.hProcess, timeout_ms) == WAIT_TIMEOUT) {
        r->end = PROC_TIMEOUT;
        r->killed = end_job(job, ERROR_TIMEOUT);
        WaitForSingleObject(pi.hProcess, INFINITE);
    } else {
        r->end = PROC_EXITED;
        GetExitCodeProcess(pi.hProcess, &r->code);
        /* Children left behind would hold files open for the next program. */
        r->killed = end_job(job, 1);
    }
    r->secs = seconds_since(start);
    r->processes = accounting(job).TotalProcesses;
    CloseHandle(pi.hProcess);
    CloseHandle(job);
    free(line);
}
