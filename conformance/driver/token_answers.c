/* Answers kept from another caller's identity (see token_answers.h). */
#include "token_answers.h"

#include "answers.h"
#include "call.h"
#include "fence.h"
#include "fresh_load.h"
#include "restricted_token.h"
#include "shown_name.h"

#include <npapi.h>
#include <stdio.h>
#include <wchar.h>

enum { NAME_UNITS = 260, NAME_TEXT = 700 };

/* The add PRE of remote on Y:, as the process (as_user 0) or as the restricted user. */
static DWORD answer_as(int as_user, const WCHAR *remote)
{
    DWORD a[ANSWERS];
    if (as_user && !SetThreadToken(NULL, restricted_token_impersonation()))
        return FRESH_NO_ANSWER;
    answers_take_on_y(remote, a);
    if (as_user)
        SetThreadToken(NULL, NULL);
    return a[ANSWER_ADD_PRE];
}

/* The add PRE of a name as one identity, after the same add as `first` when that is 0 or 1. */
struct identity_ask {
    int first;
    int as_user;
    const WCHAR *remote;
};

static DWORD ask_as(const void *arg)
{
    const struct identity_ask *q = arg;
    if (q->first >= 0 && answer_as(q->first, q->remote) == FRESH_NO_ANSWER)
        return FRESH_NO_ANSWER;
    return answer_as(q->as_user, q->remote);
}

/* The answers asked so far in this process: each name's fresh loads run once. */
enum { KEPT = 16 };
static struct {
    WCHAR name[NAME_UNITS];
    int answered;
    DWORD alone[2];
} kept[KEPT];
static unsigned n_kept;

int token_answers_alone(const WCHAR *remote, DWORD alone[2])
{
    for (unsigned i = 0; i < n_kept; i++) {
        if (!wcscmp(kept[i].name, remote)) {
            alone[0] = kept[i].alone[0];
            alone[1] = kept[i].alone[1];
            return kept[i].answered;
        }
    }
    const struct identity_ask as_process = {.first = -1, .as_user = 0, .remote = remote};
    const struct identity_ask as_user = {.first = -1, .as_user = 1, .remote = remote};
    int answered = restricted_token_impersonation() &&
                   fresh_load_answer(ask_as, &as_process, &alone[0]) &&
                   fresh_load_answer(ask_as, &as_user, &alone[1]);
    if (n_kept < KEPT && wcslen(remote) < NAME_UNITS) {
        wcscpy(kept[n_kept].name, remote);
        kept[n_kept].answered = answered;
        kept[n_kept].alone[0] = alone[0];
        kept[n_kept].alone[1] = alone[1];
        n_kept++;
    }
    return answered;
}

int token_answers_differ(const WCHAR *const *names, unsigned n, char *text, size_t cap)
{
    static const char *const who[2] = {
        "as the process (an administrator)",
        "as an impersonated caller whose Administrators group is deny-only"};
    if (!restricted_token_impersonation())
        return 0;
    for (unsigned i = 0; i < n; i++) {
        if (wcslen(names[i]) >= NAME_UNITS)
            continue;
        const WCHAR *remote = fence_wstr(names[i], "lpRemoteName (callers of two identities)");
        DWORD alone[2];
        if (!token_answers_alone(remote, alone) || alone[0] == alone[1])
            continue;
        for (int first = 0; first < 2; first++) {
            const struct identity_ask after = {.first = first, .as_user = !first, .remote = remote};
            DWORD got;
            if (!fresh_load_differs(ask_as, &after, alone[!first], &got))
                continue;
            char name_text[NAME_TEXT];
            snprintf(text, cap,
                     "for %s the add PRE returned %s %s right after an add %s, and %s alone in "
                     "a fresh load (%d rounds each): an answer kept from a caller of another "
                     "identity (a service maps drives for the clients it impersonates)",
                     shown_name(names[i], name_text, sizeof name_text), wn_name(got), who[!first],
                     who[first], wn_name(alone[!first]), FRESH_ROUNDS);
            return 1;
        }
    }
    return 0;
}
