/* Import hooks: the notifier's imports (and what it resolves with
 * GetProcAddress) of calls a callback must not make, or whose effect the
 * state checks want to name, are pointed at wrappers here. */
#ifndef HOOKS_H
#define HOOKS_H

#include <stddef.h>
#include <windows.h>

/* Hooks the import tables of module m. */
void hooks_install(HMODULE m);
/* Console control handlers added minus removed by the notifier. */
LONG hooks_console_handlers(void);
/* A standard stream's CRT mode (_setmode) the notifier left changed,
 * described; 0 if none. */
int hooks_stdio_mode_changed(char *buf, size_t cap);
/* Changes whenever the notifier sets a standard stream's mode. */
unsigned hooks_stdio_signature(void);

#endif
