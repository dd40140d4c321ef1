/* A notifier's answers to one input shape (see answers.h). */
#include "answers.h"

#include "call.h"
#include "fence.h"

#include <stdio.h>
#include <string.h>

void answers_of(const DWORD returns[4], DWORD a[ANSWERS])
{
    a[ANSWER_ADD_PRE] = returns[0];
    a[ANSWER_ADD_POST_ASKED] = returns[1] != SHAPE_NO_POST;
    a[ANSWER_CANCEL_PRE] = returns[2];
    a[ANSWER_CANCEL_POST_ASKED] = returns[3] != SHAPE_NO_POST;
}

void answers_take(const struct shape *s, DWORD a[ANSWERS])
{
    DWORD r[4];
    shape_cycle_returns(s, NULL, r);
    answers_of(r, a);
}

static WCHAR *fenced_provider(void)
{
    static WCHAR *provider;
    if (!provider)
        provider = fence_wstr(PROVIDER, "lpProvider");
    return provider;
}

void shape_on_drive(struct shape *s, const WCHAR *local, const WCHAR *remote, HWND owner,
                    DWORD flags)
{
    WCHAR *provider = fenced_provider();
    memset(s, 0, sizeof *s);
    s->add = mk_add(RESOURCETYPE_DISK, local, remote, provider, flags);
    if (owner) {
        fence_unseal(s->add);
        s->add->hwndOwner = owner;
        fence_seal(s->add);
    }
    s->cancel_pre = mk_cancel(local, NULL, 0, FALSE);
    s->cancel_post = mk_cancel(local, provider, 0, FALSE);
    s->add_status = WN_SUCCESS;
    s->cancel_status = WN_SUCCESS;
    s->ordinary = 1;
    snprintf(s->label, sizeof s->label, "%.8ls, %.120ls", local, remote);
}

void shape_on_y(struct shape *s, const WCHAR *remote, HWND owner, DWORD flags)
{
    static WCHAR *local;
    if (!local)
        local = fence_wstr(L"Y:", "lpLocalName");
    shape_on_drive(s, local, remote, owner, flags);
}

void answers_take_on_y(const WCHAR *remote, DWORD a[ANSWERS])
{
    struct shape s;
    shape_on_y(&s, remote, NULL, CONNECT_TEMPORARY);
    answers_take(&s, a);
    shape_free_calls(&s);
}

DWORD answers_add_pre_on_y(const WCHAR *remote, const char *label, HWND owner, int no_provider)
{
    struct shape s;
    DWORD a[ANSWERS];
    WCHAR *fenced = fence_wstr(remote, label);
    shape_on_y(&s, fenced, owner, CONNECT_TEMPORARY);
    if (no_provider) {
        fence_unseal(s.add);
        s.add->NetResource.lpProvider = NULL;
        fence_seal(s.add);
        snprintf(s.label, sizeof s.label, "Y:, %.100ls, lpProvider NULL", remote);
    }
    answers_take(&s, a);
    shape_free_calls(&s);
    fence_free(fenced);
    return a[ANSWER_ADD_PRE];
}

DWORD answers_add_pre_fenced(const WCHAR *remote, const char *label)
{
    return answers_add_pre_on_y(remote, label, NULL, 0);
}

int answers_differ(const DWORD a[ANSWERS], const DWORD b[ANSWERS])
{
    /* Whether PRE asked for a POST is drive.contexts' to judge: a notifier
     * may sample (a context one call in N) by design. */
    if (a[ANSWER_ADD_PRE] != b[ANSWER_ADD_PRE])
        return ANSWER_ADD_PRE;
    if (a[ANSWER_CANCEL_PRE] != b[ANSWER_CANCEL_PRE])
        return ANSWER_CANCEL_PRE;
    return -1;
}

const char *answer_text(int which, DWORD value, char *buf, size_t cap)
{
    const char *op = which < ANSWER_CANCEL_PRE ? "add" : "cancel";
    if (which == ANSWER_ADD_PRE || which == ANSWER_CANCEL_PRE)
        snprintf(buf, cap, "the %s PRE returned %s", op, wn_name(value));
    else
        snprintf(buf, cap, "the %s PRE %s a POST", op, value ? "asked for" : "did not ask for");
    return buf;
}
