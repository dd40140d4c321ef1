/* The keys a settings file (a .reg file: UTF-16LE with a BOM, or UTF-8)
 * names below HKEY_LOCAL_MACHINE\SOFTWARE. */
#ifndef REG_FILE_KEYS_H
#define REG_FILE_KEYS_H

#include <windows.h>

/* Calls each(path below SOFTWARE, arg) for every [HKEY_LOCAL_MACHINE\SOFTWARE\...]
 * line of path, "Wow6432Node\..." as written. */
typedef void (*reg_file_key_fn)(const WCHAR *below_software, void *arg);
void reg_file_keys(const WCHAR *path, reg_file_key_fn each, void *arg);

/* Opens HKLM\SOFTWARE\below_software with sam, in this process's own view (the gate
 * imports the file in the view of the notifier's architecture, /reg:64 or /reg:32, which is
 * the driver's); the path below HKLM in path (units). RegOpenKeyExW's return. */
LONG reg_file_key_open(const WCHAR *below_software, REGSAM sam, HKEY *key, WCHAR *path,
                       size_t units);

#endif
