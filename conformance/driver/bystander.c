/* A process of the session that the notifier did not start (see bystander.h). */
#include "bystander.h"

#include "child.h"

#include <stdlib.h>
#include <wchar.h>

enum { END_WAIT_MS = 10000 };

static PROCESS_INFORMATION running;

int bystander_start(void)
{
    WCHAR args[48];
    if (running.hProcess)
        return 1;
    swprintf(args, sizeof args / sizeof args[0], L"--bystander %lu",
             (unsigned long)GetCurrentProcessId());
    return child_start(NULL, NULL, args, NULL, NULL, NULL, &running);
}

DWORD bystander_pid(void)
{
    return running.hProcess ? running.dwProcessId : 0;
}

int bystander_running(DWORD *code)
{
    *code = STILL_ACTIVE;
    if (!running.hProcess)
        return 0;
    if (WaitForSingleObject(running.hProcess, 0) == WAIT_TIMEOUT)
        return 1;
    GetExitCodeProcess(running.hProcess, code);
    return 0;
}

void bystander_end(void)
{
    DWORD code = 0;
    if (!running.hProcess)
        return;
    TerminateProcess(running.hProcess, 0);
    child_wait(&running, END_WAIT_MS, &code);
    running.hProcess = NULL;
    running.hThread = NULL;
    running.dwProcessId = 0;
}

int bystander_child(const WCHAR *parent_pid)
{
    DWORD pid = (DWORD)wcstoul(parent_pid, NULL, 10);
    HANDLE parent = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (!parent)
        return 2;
    WaitForSingleObject(parent, INFINITE);
    CloseHandle(parent);
    return 0;
}
