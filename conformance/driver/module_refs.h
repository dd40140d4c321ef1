/* References held on a loaded module: the loader's count of LoadLibrary and
 * GetModuleHandleEx calls not yet given back by FreeLibrary. */
#ifndef MODULE_REFS_H
#define MODULE_REFS_H

#include <windows.h>

/* A module pinned (GET_MODULE_HANDLE_EX_FLAG_PIN): it stays loaded by design. */
#define MODULE_REFS_PINNED 0xFFFFFFFFul

/* 1 and *refs set (MODULE_REFS_PINNED for a pinned module); 0 when m is not in the
 * loader's list. */
int module_refs(HMODULE m, unsigned long *refs);

#endif
