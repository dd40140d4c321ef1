/* Folders by who may write them, for the loader and file checks: full
 * paths with a trailing '\', matched as a case-insensitive prefix. */
#ifndef FOLDERS_H
#define FOLDERS_H

#include <windows.h>

/* Drive-absolute (X:\ or X:/) or a UNC or device path (\\server, \\?\,
 * \\.\, either separator): not relative to the current directory. */
int path_is_full(const WCHAR *p);
/* Length of p's folder with its trailing '\' (up to the last '\'); 0 if none. */
size_t folder_len(const WCHAR *p);
/* The folder of full that only administrators write by default, or NULL. */
const WCHAR *folder_admin_only(const WCHAR *full);
/* The folder of full that every user of the machine can write, or NULL. */
const WCHAR *folder_everyone_writes(const WCHAR *full);
/* The folder of full where installers make a product's folders
 * (%ProgramData%, the Program Files folders), or NULL. */
const WCHAR *folder_installers_make(const WCHAR *full);

#endif
