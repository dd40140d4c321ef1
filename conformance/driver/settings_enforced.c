/* A block list in the settings refuses what it names (see settings_enforced.h). */
#include "settings_enforced.h"

#include "answers.h"
#include "conform.h"
#include "fence.h"
#include "out.h"
#include "setting_names.h"

#include <stdio.h>
#include <wchar.h>

enum { MAX_BLOCKED = 12, ROUNDS = 2, LIST_CHARS = 400 };

/* The add PRE of remote on Y: in `rounds` rounds; its first answer other than WN_SUCCESS in
 * *refused (then 1), else 0. */
static int refused_in(const WCHAR *remote, int rounds, DWORD *refused)
{
    for (int r = 0; r < rounds; r++) {
        WCHAR *name = fence_wstr(remote, "lpRemoteName (from the settings' block list)");
        DWORD a[ANSWERS];
        answers_take_on_y(name, a);
        if (a[ANSWER_ADD_PRE] != WN_SUCCESS) {
            *refused = a[ANSWER_ADD_PRE];
            return 1;
        }
    }
    return 0;
}

void settings_enforced_judge(void)
{
    if (!cf.settings_file) {
        result("settings.enforced", "pass",
               "no settings file (--reg): no block list of the notifier's to judge");
        return;
    }
    const WCHAR *names[MAX_BLOCKED];
    unsigned n = setting_blocked_names(names, MAX_BLOCKED);
    if (!n) {
        result("settings.enforced", "pass",
               "no value of the settings file named as a block list (block, deny, disallow, "
               "forbid, prohibit, banned) names a server or share");
        return;
    }
    announce_step("the %u name(s) of the settings' block list (%ls), each added on Y:", n,
                  setting_block_values());
    char listed[LIST_CHARS] = "";
    size_t at = 0;
    for (unsigned i = 0; i < n; i++) {
        DWORD refused = 0;
        if (refused_in(names[i], ROUNDS, &refused)) {
            char text[80];
            result("settings.enforced", "pass",
                   "the settings' block list (%ls) is in force: for %.120ls %s",
                   setting_block_values(), names[i],
                   answer_text(ANSWER_ADD_PRE, refused, text, sizeof text));
            return;
        }
        if (at < sizeof listed) {
            int w = snprintf(listed + at, sizeof listed - at, "%s%.100ls", i ? ", " : "", names[i]);
            at += w > 0 ? (size_t)w : 0;
        }
    }
    result_bad("settings.enforced",
               "the settings' block list (%ls) names %u server(s) or share(s), and the add PRE "
               "returned WN_SUCCESS for each (%s; %d rounds): the list is not in force in this "
               "process (a read, a check or an API call of its own that fails here fails open)",
               setting_block_values(), n, listed, ROUNDS);
}
