/* lpProvider NULL is the same network (see provider_answers.h). */
#include "provider_answers.h"

#include "answers.h"
#include "call.h"
#include "out.h"
#include "shown_name.h"

#include <stdio.h>

/* The add PRE's answer to remote on Y: (CONNECT_TEMPORARY) with lpProvider named or NULL. */
static DWORD add_pre_as(const WCHAR *remote, int named)
{
    return answers_add_pre_on_y(remote, "lpRemoteName", NULL, !named);
}

/* 1 when one of the two answers refuses and the other lets through, twice. */
static int split_twice(const WCHAR *remote, DWORD *named, DWORD *none)
{
    for (int round = 0; round < 2; round++) {
        *named = add_pre_as(remote, 1);
        *none = add_pre_as(remote, 0);
        if ((*named == WN_SUCCESS) == (*none == WN_SUCCESS))
            return 0;
    }
    return 1;
}

void provider_answers_judge(const WCHAR *const *names, unsigned n)
{
    unsigned refused = 0;
    announce_step("%u remote names with lpProvider \"%ls\" and NULL", n, PROVIDER);
    for (unsigned i = 0; i < n; i++) {
        DWORD named = 0;
        DWORD none = 0;
        if (split_twice(names[i], &named, &none)) {
            char shown[SHOWN_NAME_UNITS * 9];
            result_bad("drive.noprovider",
                       "the add PRE of %s on Y: returned %s with lpProvider \"%ls\" and %s with "
                       "lpProvider NULL (twice each): with NULL the system finds the provider "
                       "from the name [doc: WNetAddConnection2], the same SMB client, so %s",
                       shown_name(names[i], shown, sizeof shown), wn_name(named), PROVIDER,
                       wn_name(none),
                       named == WN_SUCCESS ? "naming the provider gets a refused share mapped"
                                           : "leaving lpProvider NULL, as net use does, gets "
                                             "a refused share mapped");
            return;
        }
        refused += named != WN_SUCCESS;
    }
    result("drive.noprovider", "pass",
           "%u remote names (%u refused) with lpProvider \"%ls\" and NULL: the same answers", n,
           refused, PROVIDER);
}
