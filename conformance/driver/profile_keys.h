/* MPR's record of a remembered connection: HKCU\Network\<letter>, with the values Windows
 * stores for a drive mapped with CONNECT_UPDATE_PROFILE, which MPR restores at every logon
 * [doc: WNetAddConnection2]. A notifier may count or read them (a cap on remembered drives). */
#ifndef PROFILE_KEYS_H
#define PROFILE_KEYS_H

#include <windows.h>

enum { PROFILE_KEY_UNITS = 16 };

/* "Network\\<letter>", below HKEY_CURRENT_USER, into out. */
void profile_key_name(WCHAR letter, WCHAR out[PROFILE_KEY_UNITS]);
/* Writes the key of drive `letter` for `remote`; 0 when it cannot. */
int profile_key_write(WCHAR letter, const WCHAR *remote);
/* Deletes it. */
void profile_key_delete(WCHAR letter);

#endif
