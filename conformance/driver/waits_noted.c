/* Waits passed on to the checks that judge them (see waits_noted.h). */
#include "waits_noted.h"

#include "hooks_heaplock.h"
#include "hooks_locks.h"
#include "object_types.h"

#include <wchar.h>

/* A mutex or semaphore: what a thread waits on to take a lock. */
static int lock_like(HANDLE h)
{
    WCHAR type[64];
    return object_type_of(h, type, 64) && (!wcscmp(type, L"Mutant") || !wcscmp(type, L"Semaphore"));
}

static int all_lock_like(const HANDLE *hs, DWORD n)
{
    if (!hs || !n)
        return 0;
    for (DWORD i = 0; i < n; i++) {
        if (!lock_like(hs[i]))
            return 0;
    }
    return 1;
}

void wait_noted(const char *what, DWORD ms, const HANDLE *hs, DWORD n, void *pc)
{
    heaplock_wait(what, ms, pc);
    if (!ms || !locks_held(NULL, 0) || all_lock_like(hs, n))
        return;
    locks_wait_made(what, ms, pc);
}

void pipe_io_noted(const char *what, HANDLE h, LPOVERLAPPED ov, void *pc)
{
    if (ov || (!heaplock_holding() && !locks_held(NULL, 0)))
        return;
    if (GetFileType(h) == FILE_TYPE_PIPE)
        wait_noted(what, INFINITE, NULL, 0, pc);
}
