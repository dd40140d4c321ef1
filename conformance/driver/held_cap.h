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

/* 1 and the text when the impersonating caller is let through. */
int held_cap_differs(char *text, size_t cap);

#endif
