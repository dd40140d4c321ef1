/* The notifier's GetTempFileName calls: each makes the file it names
 * [doc]. The folders and prefixes it used are kept, so that the files it
 * left in a leak loop can be removed from the shared prefix afterwards. */
#ifndef HOOKS_TEMPFILES_H
#define HOOKS_TEMPFILES_H

#include <windows.h>

UINT WINAPI w_GetTempFileNameW(LPCWSTR path, LPCWSTR prefix, UINT unique, LPWSTR out);
UINT WINAPI w_GetTempFileNameA(LPCSTR path, LPCSTR prefix, UINT unique, LPSTR out);

/* Removes the files <folder><prefix>*.tmp of the notifier's calls made at
 * or after `since`; returns how many. */
unsigned tempfiles_remove_since(const FILETIME *since);

#endif
