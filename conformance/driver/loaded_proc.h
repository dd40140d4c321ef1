/* A function of a DLL the driver does not import (user32, ole32), found once the notifier
 * brought the DLL into the process. */
#ifndef LOADED_PROC_H
#define LOADED_PROC_H

#include <windows.h>

/* NAME from MODULE if MODULE is loaded, else NULL. With CACHE, a function found once is kept
 * there and returned without asking again (asking whether a DLL is loaded costs
 * milliseconds under Wine [wine]); without, it is looked up each time (a DLL the notifier
 * may unload). */
FARPROC loaded_proc(const WCHAR *module, const char *name, FARPROC *cache);

#endif
