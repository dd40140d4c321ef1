/* The processes the notifier started (see started_processes.h). */
#include "started_processes.h"

enum { STARTED_MAX = 64 };

static volatile LONG pids[STARTED_MAX];
static volatile LONG next_slot;

void started_processes_note(DWORD pid)
{
    LONG slot = InterlockedIncrement(&next_slot) - 1;
    InterlockedExchange(&pids[(ULONG)slot % STARTED_MAX], (LONG)pid);
}

int started_processes_has(DWORD pid)
{
    for (unsigned i = 0; i < STARTED_MAX; i++) {
        if (pid && (DWORD)pids[i] == pid)
            return 1;
    }
    return 0;
}
