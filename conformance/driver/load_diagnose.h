/* Why the notifier did not load: names the import LoadLibrary could not
 * resolve, read from the DLL's import table without running its code. */
#ifndef LOAD_DIAGNOSE_H
#define LOAD_DIAGNOSE_H

#include <stddef.h>
#include <windows.h>

/* For ERROR_MOD_NOT_FOUND: the imported DLLs that do not load, each with
 * where it is (or is not). Writes "" when nothing is found (or for another
 * error); returns how many were named. */
int load_diagnose(const WCHAR *dll, DWORD err, char *out, size_t cap);

#endif
