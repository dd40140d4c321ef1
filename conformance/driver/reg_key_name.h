/* The full name of an open registry key, as NtQueryKey gives it
 * (\REGISTRY\MACHINE\SOFTWARE\..., \REGISTRY\USER\<sid>\...) [doc]: one
 * lookup for the registry hooks that judge where a key is. */
#ifndef REG_KEY_NAME_H
#define REG_KEY_NAME_H

#include <stddef.h>
#include <windows.h>

/* Writes the name, terminated, into name (units WCHARs); 0 when the key has
 * none (a predefined handle) or it does not fit. */
int reg_key_full_name(HKEY key, WCHAR *name, size_t units);

#endif
