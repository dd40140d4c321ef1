/* Modules the notifier asks for and the references it takes and drops:
 * every name it passes to GetModuleHandle* or LoadLibrary* (state.modules
 * loads each first, as a host that uses that DLL itself), and per module
 * the references it takes (a LoadLibrary* result, GetModuleHandleEx without
 * GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT) and drops (FreeLibrary,
 * FreeLibraryAndExitThread). GetModuleHandle takes none [doc]. */
#ifndef HOOKS_MODULES_H
#define HOOKS_MODULES_H

#include <windows.h>

enum { MODULE_NAME_UNITS = MAX_PATH };

/* A name as the notifier passed it, once each (compared without case). */
struct module_request {
    WCHAR name[MODULE_NAME_UNITS];
    int as_data; /* only loaded as a data file or image resource */
};

/* References to one module since the hooks were installed. */
struct module_refs {
    HMODULE module;
    WCHAR name[MODULE_NAME_UNITS]; /* its file name when first seen */
    LONG takes;
    LONG drops;
};

/* The names asked for so far (at most 32); *n gets how many. */
const struct module_request *module_requests(unsigned *n);
/* The modules whose references it took or dropped (at most 64); *n gets how many. */
const struct module_refs *module_refs_seen(unsigned *n);

/* For the LoadLibrary* wrappers of hooks.c: the name asked for (ANSI or
 * wide, one of them NULL), the flags and the module returned. */
void modules_note_load(const WCHAR *wide, const char *ansi, DWORD flags, HMODULE got);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
HMODULE WINAPI w_GetModuleHandleW(LPCWSTR name);
HMODULE WINAPI w_GetModuleHandleA(LPCSTR name);
BOOL WINAPI w_GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *module);
BOOL WINAPI w_GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *module);
BOOL WINAPI w_FreeLibrary(HMODULE module);
void WINAPI w_FreeLibraryAndExitThread(HMODULE module, DWORD code);

#endif
