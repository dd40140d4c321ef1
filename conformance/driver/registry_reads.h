/* The machine settings the notifier reads: while on, the registry wrappers
 * (hooks_faults.c) note each value it reads with success below
 * HKEY_LOCAL_MACHINE\SOFTWARE (either view), by key path and value name,
 * so that the user-policy case can plant the same names under
 * HKEY_CURRENT_USER\Software (settings.machine). */
#ifndef REGISTRY_READS_H
#define REGISTRY_READS_H

#include <windows.h>

enum { REGISTRY_READS_MAX = 32, REGISTRY_READS_UNITS = 260 };

struct registry_read {
    WCHAR below_software[REGISTRY_READS_UNITS]; /* "Contoso\ShareGuard" */
    WCHAR value[REGISTRY_READS_UNITS];          /* "" for the default value */
    DWORD type;                                 /* the HKLM value's type */
};

void registry_reads_record(int on);
/* A read the notifier made: key (any handle, or HKEY_LOCAL_MACHINE), sub
 * (NULL or a subkey, opened with `view`: KEY_WOW64_32KEY, _64KEY or 0) and
 * value, which the real call answered with `status`. */
void registry_reads_noteW(HKEY key, const WCHAR *sub, REGSAM view, const WCHAR *value,
                          LSTATUS status);
void registry_reads_noteA(HKEY key, const char *sub, REGSAM view, const char *value,
                          LSTATUS status);
/* The view RegGetValue's flags ask for. */
REGSAM registry_reads_view_of(DWORD rrf_flags);
/* Adds the values of a key named by the settings file (HKLM\SOFTWARE\...). */
void registry_reads_add_key(const WCHAR *below_software);
unsigned registry_reads_count(void);
const struct registry_read *registry_read_at(unsigned i);

#endif
