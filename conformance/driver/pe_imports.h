/* The import table of a loaded module, walked once for every user: the
 * driver's hooks and the vendor fuzzer's host. */
#ifndef PE_IMPORTS_H
#define PE_IMPORTS_H

#include <windows.h>

/* Called for each import by name; a non-NULL return replaces the slot
 * (the IAT entry) that now holds `current`. */
typedef void *(*import_repoint)(const char *name, void *current, void *arg);

void pe_repoint_imports(HMODULE m, import_repoint repoint, void *arg);

#endif
