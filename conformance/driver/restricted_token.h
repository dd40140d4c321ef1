/* This process's own token with Administrators deny-only: a caller of another identity, made
 * without any privilege (CreateRestrictedToken of one's own token). */
#ifndef RESTRICTED_TOKEN_H
#define RESTRICTED_TOKEN_H

#include <windows.h>

/* For a thread to impersonate (SetThreadToken); NULL if it cannot be made. Kept open. */
HANDLE restricted_token_impersonation(void);
/* A primary token, for a child process (CreateProcessAsUserW); NULL if it cannot be made. Kept
 * open. */
HANDLE restricted_token_primary(void);

#endif
