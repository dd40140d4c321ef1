/* A cap on held connections is the logon session's or the user's, not the token's
 * (drive.cancel [doc]). Drives belong to the logon session [doc: WNetAddConnection2], and a
 * thread that impersonates its own process's token (ImpersonateSelf, as services and COM
 * servers do) is the same user in the same session. A notifier that keys its count by a
 * value each token has of its own (TOKEN_STATISTICS.TokenId rather than AuthenticationId, a
 * token handle) gives every new token a fresh count. Drives are held, in a fresh load, until
 * an add is refused; that add is asked again as the process and impersonating its token. */
#ifndef HELD_CAP_H
#define HELD_CAP_H

#include <stddef.h>
#include <windows.h>

enum { HELD_CAP_MAX = 20 };

/* 1 and the text when the impersonating caller is let through. */
int held_cap_differs(char *text, size_t cap);
/* The drives held (E: on) when the next add was refused, in fresh loads, the same in each;
 * 0 when none was refused up to HELD_CAP_MAX or the loads differed. Searched once. */
unsigned held_cap_count(void);
/* The i-th drive of that search (i <= HELD_CAP_MAX): its letter and its share. */
void held_cap_drive(unsigned i, const WCHAR **local, const WCHAR **remote);

#endif
