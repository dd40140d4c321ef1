/* COM for caller threads, through ole32.dll loaded at run time (the driver
 * imports no COM: a notifier's own imports decide when ole32 is loaded). */
#ifndef COM_RUNTIME_H
#define COM_RUNTIME_H

#include <windows.h>

/* CoInitializeEx(NULL, model) on this thread; E_NOTIMPL without ole32. */
HRESULT com_enter(DWORD model);
/* CoUninitialize, after a com_enter that succeeded. */
void com_leave(void);

#endif
