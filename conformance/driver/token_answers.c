/* Answers kept from another caller's identity (see token_answers.h). */
#include "token_answers.h"

#include "answers.h"
#include "call.h"
#include "fence.h"
#include "shown_name.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

enum { NAME_UNITS = 260, NAME_TEXT = 700, ROUNDS = 2 };

/* The process's token with Administrators deny-only, for impersonation; NULL if unmade. */
static HANDLE user_token(void)
{
    static HANDLE token;
    static int tried;
    if (tried)
        return token;
    tried = 1;
    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD sid_size = sizeof sid;
    HANDLE process = NULL;
    HANDLE restricted = NULL;
    if (!CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, sid, &sid_size) ||
        !OpenProcessToken(GetCurrentProcess(), TOKEN_DUPLICATE | TOKEN_QUERY, &process))
        return NULL;
    SID_AND_ATTRIBUTES deny = {.Sid = sid, .Attributes = 0};
    if (CreateRestrictedToken(process, 0, 1, &deny, 0, NULL, 0, NULL, &restricted) &&
        !DuplicateToken(restricted, SecurityImpersonation, &token))
        token = NULL;
    if (restricted)
        CloseHandle(restricted);
    CloseHandle(process);
    return token;
}

/* The add PRE of remote on Y:, as the process (as_user 0) or as the restricted user. */
static DWORD answer_as(int as_user, const WCHAR *remote)
{
    DWORD a[ANSWERS];
    if (as_user && !SetThreadToken(NULL, user_token()))
        return (DWORD)-1;
    answers_take_on_y(fence_wstr(remote, "lpRemoteName (callers of two identities)"), a);
    if (as_user)
        SetThreadToken(NULL, NULL);
    return a[ANSWER_ADD_PRE];
}

/* The answer as one identity in a fresh load, the same twice; 0 when not. */
static int fresh_answer(int as_user, const WCHAR *remote, DWORD *answer)
{
    if (!reload_notifier())
        return 0;
    *answer = answer_as(as_user, remote);
    return *answer != (DWORD)-1 && answer_as(as_user, remote) == *answer;
}

/* Asked as `second` right after `first` in a fresh load, ROUNDS times: 1 when every round
 * differs from `alone`, the last answer in *got. */
static int kept_from_first(int first, const WCHAR *remote, DWORD alone, DWORD *got)
{
    for (int r = 0; r < ROUNDS; r++) {
        if (!reload_notifier())
            return 0;
        answer_as(first, remote);
        *got = answer_as(!first, remote);
        if (*got == alone)
            return 0;
    }
    return 1;
}

int token_answers_differ(const WCHAR *const *names, unsigned n, char *text, size_t cap)
{
    static const char *const who[2] = {
        "as the process (an administrator)",
        "as an impersonated caller whose Administrators group is deny-only"};
    if (!user_token())
        return 0;
    for (unsigned i = 0; i < n; i++) {
        if (wcslen(names[i]) >= NAME_UNITS)
            continue;
        DWORD alone[2];
        if (!fresh_answer(0, names[i], &alone[0]) || !fresh_answer(1, names[i], &alone[1]) ||
            alone[0] == alone[1])
            continue;
        for (int first = 0; first < 2; first++) {
            DWORD got;
            if (!kept_from_first(first, names[i], alone[!first], &got))
                continue;
            char name_text[NAME_TEXT];
            snprintf(text, cap,
                     "for %s the add PRE returned %s %s right after an add %s, and %s alone in "
                     "a fresh load (%d rounds each): an answer kept from a caller of another "
                     "identity (a service maps drives for the clients it impersonates)",
                     shown_name(names[i], name_text, sizeof name_text), wn_name(got), who[!first],
                     who[first], wn_name(alone[!first]), ROUNDS);
            return 1;
        }
    }
    return 0;
}
