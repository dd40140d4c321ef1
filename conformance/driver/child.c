/* Children of the driver (see child.h). */
#include "child.h"

#include "conform.h"
#include "out.h"
#include "out_handle.h"

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

enum { CHILD_RETRY_MS = 500 };

static const WCHAR args_variable[] = L"CONNOTIFY_DRIVER_ARGS";

/* env (NULL: this process's) with args_variable=args added. */
static WCHAR *environment_with_args(const WCHAR *env, const WCHAR *args)
{
    WCHAR *own = env ? NULL : GetEnvironmentStringsW();
    const WCHAR *from = env ? env : own;
    size_t units = 0;
    while (from && from[units])
        units += wcslen(from + units) + 1;
    size_t extra = wcslen(args_variable) + 1 + wcslen(args) + 2;
    WCHAR *block = malloc((units + extra) * sizeof *block);
    if (block) {
        if (units)
            memcpy(block, from, units * sizeof *block);
        swprintf(block + units, extra, L"%ls=%ls", args_variable, args);
        block[units + wcslen(block + units) + 1] = 0;
    }
    if (own)
        FreeEnvironmentStringsW(own);
    return block;
}

/* The options every child shares with its parent, then args. */
static WCHAR *with_common(const WCHAR *args)
{
    const WCHAR *file = cf.configured_file;
    const WCHAR *settings = cf.settings_file;
    size_t cap = wcslen(args) + (file ? wcslen(file) : 0) + (settings ? wcslen(settings) : 0) + 128;
    WCHAR *all = malloc(cap * sizeof *all);
    if (!all)
        return NULL;
    size_t at = (size_t)swprintf(all, cap, L"--hang-ms %u ", cf.hang_ms);
    if (file)
        at += (size_t)swprintf(all + at, cap - at, L"--configured-file \"%ls\" ", file);
    if (settings)
        at += (size_t)swprintf(all + at, cap - at, L"--settings-file \"%ls\" ", settings);
    swprintf(all + at, cap - at, L"%ls", args);
    return all;
}

static HANDLE next_job;
static int next_console;
static HANDLE next_token;

void child_next_in_job(HANDLE job)
{
    next_job = job;
}

void child_next_with_console(void)
{
    next_console = 1;
}

void child_next_as(HANDLE token)
{
    next_token = token;
}

int child_start(const WCHAR *image, const WCHAR *command, const WCHAR *own_args, HANDLE out,
                const WCHAR *env, const WCHAR *cwd, PROCESS_INFORMATION *pi)
{
    WCHAR *args = with_common(own_args);
    if (!args) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    WCHAR self[MAX_PATH];
    if (!image) {
        if (!GetModuleFileNameW(NULL, self, MAX_PATH)) {
            free(args);
            return 0;
        }
        image = self;
    }
    WCHAR *cmd = NULL;
    WCHAR *block = NULL;
    if (command) {
        cmd = _wcsdup(command);
        block = environment_with_args(env, args);
    } else {
        size_t cap = wcslen(image) + wcslen(args) + 4;
        cmd = malloc(cap * sizeof *cmd);
        if (cmd)
            swprintf(cmd, cap, L"\"%ls\" %ls", image, args);
    }
    if (!cmd || (command && !block)) {
        free(cmd);
        free(block);
        free(args);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    const WCHAR *use_env = block ? block : env;
    STARTUPINFOW si = {.cb = sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = out ? out : out_handle();
    si.hStdError = out ? out : GetStdHandle(STD_ERROR_HANDLE);
    fflush(stdout);
    HANDLE job = next_job;
    DWORD flags = (use_env ? CREATE_UNICODE_ENVIRONMENT : 0) | (job ? CREATE_SUSPENDED : 0) |
                  (next_console ? CREATE_NEW_CONSOLE : 0);
    HANDLE token = next_token;
    next_job = NULL;
    next_console = 0;
    next_token = NULL;
    BOOL ok;
    DWORD err;
    /* Wine's CreateProcess fails now and then with ERROR_INTERNAL_ERROR on a loaded machine
     * (seen: a fresh load's child in 1 of 12 full gates, the check then not judged): twice
     * more, CHILD_RETRY_MS apart, before it counts. */
    for (int attempt = 1;; attempt++) {
        ok = token ? CreateProcessAsUserW(token, image, cmd, NULL, NULL, TRUE, flags,
                                          (void *)use_env, cwd, &si, pi)
                   : CreateProcessW(image, cmd, NULL, NULL, TRUE, flags, (void *)use_env, cwd, &si,
                                    pi);
        err = GetLastError();
        if (ok || err != ERROR_INTERNAL_ERROR || attempt == 3)
            break;
        Sleep(CHILD_RETRY_MS);
    }
    if (ok && job) {
        if (!AssignProcessToJobObject(job, pi->hProcess)) {
            err = GetLastError();
            TerminateProcess(pi->hProcess, 1);
            CloseHandle(pi->hThread);
            CloseHandle(pi->hProcess);
            ok = FALSE;
        } else {
            ResumeThread(pi->hThread);
        }
    }
    free(cmd);
    free(block);
    free(args);
    SetLastError(err);
    return ok;
}

int child_wait(PROCESS_INFORMATION *pi, DWORD limit_ms, DWORD *code)
{
    DWORD w = WaitForSingleObject(pi->hProcess, limit_ms);
    *code = 0;
    if (w != WAIT_OBJECT_0)
        TerminateProcess(pi->hProcess, 1);
    GetExitCodeProcess(pi->hProcess, code);
    CloseHandle(pi->hProcess);
    CloseHandle(pi->hThread);
    return w == WAIT_OBJECT_0;
}

int child_wait_pumping(PROCESS_INFORMATION *pi, DWORD limit_ms, DWORD *code)
{
    DWORD start = GetTickCount();
    DWORD w = WAIT_TIMEOUT;
    for (;;) {
        DWORD spent = GetTickCount() - start;
        if (spent >= limit_ms)
            break;
        w = MsgWaitForMultipleObjects(1, &pi->hProcess, FALSE, limit_ms - spent, QS_ALLINPUT);
        if (w != WAIT_OBJECT_0 + 1)
            break;
        MSG msg;
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE))
            DispatchMessageW(&msg);
    }
    *code = 0;
    if (w != WAIT_OBJECT_0)
        TerminateProcess(pi->hProcess, 1);
    GetExitCodeProcess(pi->hProcess, code);
    CloseHandle(pi->hProcess);
    CloseHandle(pi->hThread);
    return w == WAIT_OBJECT_0;
}

void child_end_as(DWORD code)
{
    if (code == 0)
        return;
    fflush(stdout);
    ExitProcess(code);
}

int child_done(PROCESS_INFORMATION *pi, DWORD limit_ms)
{
    DWORD code = 1;
    if (!child_wait(pi, limit_ms, &code))
        return 0;
    child_end_as(code);
    return 1;
}

/* Splits at spaces; "..." keeps spaces (the driver's own arguments hold no
 * quote inside a word). */
static int split(WCHAR *line, WCHAR **argv, int cap)
{
    int n = 0;
    WCHAR *p = line;
    while (*p && n < cap) {
        while (*p == L' ')
            p++;
        if (!*p)
            break;
        if (*p == L'"') {
            argv[n++] = ++p;
            while (*p && *p != L'"')
                p++;
        } else {
            argv[n++] = p;
            while (*p && *p != L' ')
                p++;
        }
        if (*p)
            *p++ = 0;
    }
    return n;
}

int child_driver_args(int *argc, WCHAR ***argv)
{
    static WCHAR line[4096];
    static WCHAR *words[32];
    static WCHAR program[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(args_variable, line, sizeof line / sizeof line[0]);
    if (!n || n >= sizeof line / sizeof line[0])
        return 0;
    /* Gone before the notifier loads: its environment is the caller's. */
    SetEnvironmentVariableW(args_variable, NULL);
    if (!GetModuleFileNameW(NULL, program, MAX_PATH))
        program[0] = 0;
    words[0] = program;
    *argc = 1 + split(line, words + 1, 31);
    *argv = words;
    return 1;
}
