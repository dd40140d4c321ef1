/* Programs started for an impersonating caller (see program_identity.h). */
#include "program_identity.h"

#include "crash.h"
#include "out.h"

static volatile LONG starts;
static volatile LONG impersonated;

void program_identity_note(const char *fn, const WCHAR *shown)
{
    InterlockedIncrement(&starts);
    if (!impersonated)
        return;
    DWORD err = GetLastError();
    char frame[300];
    notifier_frame(NULL, frame, sizeof frame);
    result_bad("loader.identity",
               "%s(\"%.160ls\") during %s%s%s, while every caller impersonated a token with "
               "Administrators deny-only: the new program gets the host process's token, not "
               "the caller's [doc: CreateProcess], so a service mapping a drive for a client "
               "runs it with the service's rights; take the caller's token on its thread and "
               "start the program with CreateProcessAsUser",
               fn, shown ? shown : L"", hook_context(), frame[0] ? "; notifier frame " : "", frame);
    SetLastError(err);
}

long program_identity_starts(void)
{
    return starts;
}

void program_identity_callers(int impersonating)
{
    InterlockedExchange(&impersonated, impersonating);
}
