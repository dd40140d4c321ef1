/* Turns among the gate runs of one prefix (see prefix_turn.h). */
#include "prefix_turn.h"

#include <stdio.h>

HANDLE prefix_turn_take(const WCHAR *name, DWORD wait_ms, char *why, size_t cap)
{
    HANDLE turn = CreateMutexW(NULL, FALSE, name);
    if (!turn) {
        snprintf(why, cap, "the mutex %ls, which runs of one prefix take turns with: error %lu",
                 name, GetLastError());
        return NULL;
    }
    DWORD waited = WaitForSingleObject(turn, wait_ms);
    if (waited != WAIT_OBJECT_0 && waited != WAIT_ABANDONED) {
        snprintf(why, cap, "another run of this prefix held the turn %ls for %lu s", name,
                 (unsigned long)(wait_ms / 1000));
        CloseHandle(turn);
        return NULL;
    }
    return turn;
}

void prefix_turn_give(HANDLE turn)
{
    if (!turn)
        return;
    ReleaseMutex(turn);
    CloseHandle(turn);
}
