/* The gate runs of one Wine prefix (or one Windows session) share its drive letters and
 * HKCU: a phase that changes them, or whose verdict depends on what they hold, takes its
 * turn under a named mutex, so another run's changes are never seen. */
#ifndef PREFIX_TURN_H
#define PREFIX_TURN_H

#include <windows.h>

#include <stddef.h>

/* Waits up to wait_ms for the turn named `name`; a turn abandoned by a killed run is taken
 * all the same. The mutex held, or NULL and the reason (an environment fault). */
HANDLE prefix_turn_take(const WCHAR *name, DWORD wait_ms, char *why, size_t cap);
/* Gives the turn back; NULL is no turn. */
void prefix_turn_give(HANDLE turn);

#endif
