/* System DLLs the notifier brings into the process, kept loaded. A load/unload cycle of the
 * notifier unloads them with it, and loads them again at the next; what their own load and
 * unload leave behind is theirs, not the notifier's (measured: Wine's winmm.dll leaves 12
 * handles a cycle once its timer thread ran). A host has such DLLs loaded for its own use, so
 * an extra reference (LoadLibrary, never freed) stands for it. load.cycles [wine] */
#ifndef PIN_MODULES_H
#define PIN_MODULES_H

#include <windows.h>

enum { PIN_MODULES_MAX = 512 };

/* The modules of the process into out (at most PIN_MODULES_MAX); how many. */
unsigned pin_modules_now(HMODULE *out);
/* Loads once more every module of the process from the system directory that is not among
 * `before`: those the notifier's load brought. Returns how many. */
unsigned pin_modules_new_system(const HMODULE *before, unsigned n_before);

#endif
