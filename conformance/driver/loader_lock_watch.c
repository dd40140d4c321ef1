/* The loader lock's owner, watched (see loader_lock_watch.h). */
#include "loader_lock_watch.h"

#include "conform.h"
#include "thread_stacks.h"
#include "watch_thread.h"

#include <windows.h>
#include <winternl.h>

typedef NTSTATUS(NTAPI *lock_fn)(ULONG, ULONG *, ULONG_PTR *);
typedef NTSTATUS(NTAPI *unlock_fn)(ULONG, ULONG_PTR);

static volatile RTL_CRITICAL_SECTION *loader_lock;
static unsigned hang_limit_ms;
/* The PEB's LoaderLock field (0x110 on x86_64, 0xa0 on i686), checked: the section there is
 * this thread's while it holds the loader lock. */
static int find_loader_lock(void)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    lock_fn lock = (lock_fn)(void *)GetProcAddress(ntdll, "LdrLockLoaderLock");
    unlock_fn unlock = (unlock_fn)(void *)GetProcAddress(ntdll, "LdrUnlockLoaderLock");
    if (!lock || !unlock)
        return 0;
    PROCESS_BASIC_INFORMATION pbi;
    if (NtQueryInformationProcess(GetCurrentProcess(), ProcessBasicInformation, &pbi, sizeof pbi,
                                  NULL) != 0 ||
        !pbi.PebBaseAddress)
        return 0;
    char *peb = (char *)pbi.PebBaseAddress;
#if defined(__x86_64__)
    volatile RTL_CRITICAL_SECTION *cs = *(RTL_CRITICAL_SECTION **)(peb + 0x110);
#else
    volatile RTL_CRITICAL_SECTION *cs = *(RTL_CRITICAL_SECTION **)(peb + 0xa0);
#endif
    if (!cs)
        return 0;
    ULONG_PTR cookie = 0;
    if (lock(0, NULL, &cookie) != 0)
        return 0;
    int mine = (DWORD)(ULONG_PTR)cs->OwningThread == GetCurrentThreadId();
    unlock(0, cookie);
    if (mine)
        loader_lock = cs;
    return mine;
}

static void end_case(DWORD tid, ULONGLONG held_ms, ULONG_PTR at)
{
    watch_line("HANG\tthread %lu held the loader lock for %llu ms with the notifier's code on "
               "its stack (%s+%#lx, the innermost): the notifier waits while the loader lock is "
               "held (in its DllMain, or in a call made under that lock), and no thread of the "
               "host can start or end and no DLL can load\t%llu\tloaderlock",
               (unsigned long)tid, held_ms, watch_dll_name(),
               (unsigned long)(at - (ULONG_PTR)cf.mod), held_ms);
    TerminateProcess(GetCurrentProcess(), EXIT_HANG);
}

/* Timed on the tick count, as the watchdog. */
static void watch(void)
{
    DWORD last = 0;
    ULONGLONG since = 0;
    for (;;) {
        Sleep(100);
        DWORD owner = (DWORD)(ULONG_PTR)loader_lock->OwningThread;
        ULONGLONG now = GetTickCount64();
        if (owner != last) {
            last = owner;
            since = now;
            continue;
        }
        if (!owner || now - since < hang_limit_ms)
            continue;
        ULONG_PTR at = thread_code_on_stack(owner, cf.mod);
        if (at)
            end_case(owner, now - since, at);
        /* Not the notifier's code: looked at again after another hang limit. */
        since = now;
    }
}

void loader_lock_watch_start(unsigned hang_ms)
{
    hang_limit_ms = hang_ms;
    if (!find_loader_lock())
        return;
    watch_start(watch);
}
