/* Acts on the caller after its operations are over (see late_acts.h). */
#include "late_acts.h"

#include "call.h"
#include "out.h"

#include <npapi.h>

enum { QUIET_MS = 2500 };

void late_acts_give_time(void)
{
    static const DWORD types[] = {RESOURCETYPE_DISK, RESOURCETYPE_PRINT, RESOURCETYPE_ANY};
    static const WCHAR *const locals[] = {L"Y:", L"LPT1", NULL};
    static const WCHAR *const remotes[] = {L"\\\\server\\share", L"\\\\server\\printer",
                                           L"\\\\server\\share"};
    announce_step("adds of every resource type, a POST only where its PRE asked for one, then "
                  "%u ms with no call on this thread",
                  (unsigned)QUIET_MS);
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        for (int with_device = 0; with_device < 2; with_device++) {
            const WCHAR *local = with_device ? locals[t] : NULL;
            NOTIFYADD *a = mk_add(types[t], local, remotes[t], L"provider", 0);
            pair_add(a, WN_SUCCESS, "an add of each resource type before a quiet spell");
        }
    }
    Sleep(QUIET_MS);
}
