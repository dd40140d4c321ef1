/* The process heap's lock, read in place (see heap_lock_owner.h). */
#include "heap_lock_owner.h"

enum { HEADER_BYTES = 4096 };

static volatile RTL_CRITICAL_SECTION *lock;

static int owned_by(volatile RTL_CRITICAL_SECTION *cs, DWORD tid)
{
    return (DWORD)(ULONG_PTR)cs->OwningThread == tid && cs->RecursionCount >= 1;
}

int heap_lock_find(void)
{
    HANDLE heap = GetProcessHeap();
    MEMORY_BASIC_INFORMATION m;
    if (!VirtualQuery(heap, &m, sizeof m) || m.State != MEM_COMMIT)
        return 0;
    size_t readable = (size_t)((char *)m.BaseAddress + m.RegionSize - (char *)heap);
    size_t span = readable < HEADER_BYTES ? readable : HEADER_BYTES;
    DWORD me = GetCurrentThreadId();
    if (!HeapLock(heap))
        return 0;
    volatile RTL_CRITICAL_SECTION *found = NULL;
    for (size_t at = 0; at + sizeof(RTL_CRITICAL_SECTION) <= span && !found; at += sizeof(void *)) {
        volatile RTL_CRITICAL_SECTION *cs = (volatile RTL_CRITICAL_SECTION *)((char *)heap + at);
        if (owned_by(cs, me))
            found = cs;
    }
    HeapUnlock(heap);
    /* Freed by HeapUnlock: the lock itself, not a copy of its owner's id. */
    if (found && !found->OwningThread)
        lock = found;
    return lock != NULL;
}

DWORD heap_lock_owner(void)
{
    return lock ? (DWORD)(ULONG_PTR)lock->OwningThread : 0;
}
