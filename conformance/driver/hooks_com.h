/* The notifier's COM initialisations: counted, so that the driver asks ole32
 * for a thread's apartment only once the notifier may have changed one; and balanced per
 * thread against its CoUninitialize calls. Each successful initialisation, S_FALSE (the
 * thread was initialised already) too, needs its CoUninitialize [doc: CoInitializeEx]: one
 * left on a caller's thread that was already in an apartment changes no apartment, yet the
 * caller's own CoUninitialize no longer ends its COM. */
#ifndef HOOKS_COM_H
#define HOOKS_COM_H

#include <windows.h>

#include <stddef.h>

/* CoInitialize, CoInitializeEx and OleInitialize calls of the notifier. */
LONG hooks_com_inits(void);

/* 1 and the text when the notifier's initialisations on this thread outnumber its
 * CoUninitialize calls. */
int hooks_com_left(char *buf, size_t cap);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
HRESULT WINAPI w_CoInitialize(LPVOID reserved);
HRESULT WINAPI w_CoInitializeEx(LPVOID reserved, DWORD model);
HRESULT WINAPI w_OleInitialize(LPVOID reserved);
void WINAPI w_CoUninitialize(void);
void WINAPI w_OleUninitialize(void);

#endif
