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
/* Holds the first n drives of that search (E: on), up to HELD_CAP_MAX, until an add is
 * refused; how many are held. Release cancels the first n, the last first. why names the
 * calls. */
unsigned held_cap_hold(unsigned n, const char *why);
void held_cap_release(unsigned n, const char *why);
/* The i-th drive of that search (i <= HELD_CAP_MAX): its letter and its share. */
void held_cap_drive(unsigned i, const WCHAR **local, const WCHAR **remote);

#endif
