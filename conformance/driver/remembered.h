/* The user's remembered connections: HKCU\Network holds one key per drive
 * letter, which MPR restores at every logon [doc: WNetAddConnection2,
 * CONNECT_UPDATE_PROFILE]. The driver keeps two of its own there, for letters
 * no case maps (K: and N:); a notifier that deletes or rewrites them has
 * changed drives of the user that no call of the host named. [design] */
#ifndef REMEMBERED_H
#define REMEMBERED_H

#include <windows.h>

#include <stddef.h>

/* Makes the two keys (as they were, if a notifier changed them) and arms
 * the watch on HKCU\Network: once per process, before any case. */
void remembered_init(void);
/* 1 for K and N, the letters of the two keys. */
int remembered_letter(WCHAR letter);
/* A digest of the two keys: names, types and data of their values, 0 when
 * a key is gone. Read again only after the watch saw a change; a change
 * made while the notifier wrote nothing below HKCU\Network is another
 * process's, and the keys are put back (hooks_regwrites.h). */
unsigned long long remembered_digest(void);
/* Describes the change between two digests into buf; 0 if none. */
int remembered_diff(unsigned long long before, unsigned long long after, char *buf, size_t cap);

#endif
