/* The notifier's COM initialisations: counted, so that the driver asks ole32
 * for a thread's apartment only once the notifier may have changed one. */
#ifndef HOOKS_COM_H
#define HOOKS_COM_H

#include <windows.h>

/* CoInitialize, CoInitializeEx and OleInitialize calls of the notifier. */
LONG hooks_com_inits(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
HRESULT WINAPI w_CoInitialize(LPVOID reserved);
HRESULT WINAPI w_CoInitializeEx(LPVOID reserved, DWORD model);
HRESULT WINAPI w_OleInitialize(LPVOID reserved);

#endif
