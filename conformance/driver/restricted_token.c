/* This process's own token with Administrators deny-only (see restricted_token.h). */
#include "restricted_token.h"

static HANDLE restricted(void)
{
    static HANDLE token;
    static int tried;
    if (tried)
        return token;
    tried = 1;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD sid_size = sizeof sid;
    HANDLE process = NULL;
    if (!CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, sid, &sid_size) ||
        !OpenProcessToken(GetCurrentProcess(), TOKEN_ALL_ACCESS, &process))
        return NULL;
    SID_AND_ATTRIBUTES deny = {.Sid = sid, .Attributes = 0};
    if (!CreateRestrictedToken(process, 0, 1, &deny, 0, NULL, 0, NULL, &token))
        token = NULL;
    CloseHandle(process);
    return token;
}

HANDLE restricted_token_primary(void)
{
    return restricted();
}

HANDLE restricted_token_impersonation(void)
{
    static HANDLE token;
    static int tried;
    if (tried)
        return token;
    tried = 1;
    if (!restricted() || !DuplicateToken(restricted(), SecurityImpersonation, &token))
        token = NULL;
    return token;
}
