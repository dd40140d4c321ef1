/* The notifier's critical sections (concurrency.locks): each enter and
 * leave noted in the lock table (hooks_locks.h), and what their documents
 * leave undefined judged, the moment the notifier does it, not when a
 * thread happens to be hurt [doc: InitializeCriticalSection,
 * DeleteCriticalSection, LeaveCriticalSection]:
 * - initialising or deleting a section a thread holds or waits for;
 * - initialising a section of the notifier's image (a global) that is
 *   initialised, with no DeleteCriticalSection between;
 * - entering, leaving or deleting such a global once deleted;
 * - leaving a section this thread does not own.
 * Sections on a heap are judged only by their users: a block freed and
 * given out again holds a new section at the same address. */
#ifndef HOOKS_CRITSEC_H
#define HOOKS_CRITSEC_H

#include <windows.h>

/* Hooks go into a module (a fresh instance, or the same again): globals are
 * judged in its image (hooked_image.h), and what an earlier instance did is
 * forgotten (its DllMain ran before the hooks). */
void critsec_forget(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
void WINAPI w_InitializeCriticalSection(LPCRITICAL_SECTION cs);
BOOL WINAPI w_InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION cs, DWORD spin);
BOOL WINAPI w_InitializeCriticalSectionEx(LPCRITICAL_SECTION cs, DWORD spin, DWORD flags);
void WINAPI w_DeleteCriticalSection(LPCRITICAL_SECTION cs);
void WINAPI w_EnterCriticalSection(LPCRITICAL_SECTION cs);
BOOL WINAPI w_TryEnterCriticalSection(LPCRITICAL_SECTION cs);
void WINAPI w_LeaveCriticalSection(LPCRITICAL_SECTION cs);

#endif
