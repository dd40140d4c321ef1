/* Lists in the settings in force (see settings_enforced.h). */
#include "settings_enforced.h"

#include "answers.h"
#include "conform.h"
#include "fence.h"
#include "out.h"
#include "setting_names.h"

#include <stdio.h>
#include <wchar.h>

enum { MAX_LISTED = 12, ROUNDS = 2, LIST_CHARS = 400, VERDICT_CHARS = 700 };

/* The add PRE of remote on Y: in `rounds` rounds; its first answer other than WN_SUCCESS in
 * *refused (then 1), else 0. */
static int refused_in(const WCHAR *remote, int rounds, DWORD *refused)
{
    for (int r = 0; r < rounds; r++) {
        WCHAR *name = fence_wstr(remote, "lpRemoteName (a name of the settings' lists)");
        DWORD a[ANSWERS];
        answers_take_on_y(name, a);
        fence_free(name);
        if (a[ANSWER_ADD_PRE] != WN_SUCCESS) {
            *refused = a[ANSWER_ADD_PRE];
            return 1;
        }
    }
    return 0;
}

/* The block list: in force (1, text) when one of its names is refused; -1 when there is
 * none; 0 (text) when each name maps. */
static int block_list(char *text, size_t cap)
{
    const WCHAR *names[MAX_LISTED];
    unsigned n = setting_list_names(SETTING_LIST_BLOCK, names, MAX_LISTED);
    if (!n)
        return -1;
    const WCHAR *values = setting_list_values(SETTING_LIST_BLOCK);
    announce_step("the %u name(s) of the settings' block list (%ls), each added on Y:", n, values);
    char listed[LIST_CHARS] = "";
    size_t at = 0;
    for (unsigned i = 0; i < n; i++) {
        DWORD refused = 0;
        if (refused_in(names[i], ROUNDS, &refused)) {
            char answer[80];
            snprintf(text, cap, "the block list (%ls) is in force: for %.120ls %s", values,
                     names[i], answer_text(ANSWER_ADD_PRE, refused, answer, sizeof answer));
            return 1;
        }
        if (at < sizeof listed) {
            int w = snprintf(listed + at, sizeof listed - at, "%s%.100ls", i ? ", " : "", names[i]);
            at += w > 0 ? (size_t)w : 0;
        }
    }
    snprintf(text, cap,
             "the settings' block list (%ls) names %u server(s) or share(s), and the add PRE "
             "returned WN_SUCCESS for each (%s; %d rounds): the list is not in force in this "
             "process (a read, a check or an API call of its own that fails here fails open)",
             values, n, listed, ROUNDS);
    return 0;
}

/* The allow list: in force (1, text) when a made-up server it does not name is refused; -1
 * when there is none; 0 (text) when the made-up servers map. */
static int allow_list(char *text, size_t cap)
{
    const WCHAR *names[MAX_LISTED];
    unsigned n = setting_list_names(SETTING_LIST_ALLOW, names, MAX_LISTED);
    if (!n)
        return -1;
    const WCHAR *values = setting_list_values(SETTING_LIST_ALLOW);
    const WCHAR *const *unlisted = setting_unlisted_names();
    announce_step("%u made-up servers the settings' allow list (%ls) does not name, on Y:",
                  (unsigned)SETTING_UNLISTED, values);
    for (unsigned u = 0; u < SETTING_UNLISTED; u++) {
        DWORD refused = 0;
        if (refused_in(unlisted[u], ROUNDS, &refused)) {
            char answer[80];
            snprintf(text, cap, "the allow list (%ls) is in force: for the unlisted %ls %s", values,
                     unlisted[u], answer_text(ANSWER_ADD_PRE, refused, answer, sizeof answer));
            return 1;
        }
    }
    snprintf(text, cap,
             "the settings' allow list (%ls) names %u server(s) or share(s), and the add PRE "
             "returned WN_SUCCESS for the unlisted %ls and %ls (%d rounds): the list is not in "
             "force in this process (a read, a check or an API call of its own that fails here "
             "fails open)",
             values, n, unlisted[0], unlisted[1], ROUNDS);
    return 0;
}

void settings_enforced_judge(void)
{
    if (!cf.settings_file) {
        result("settings.enforced", "pass",
               "no settings file (--reg): no block or allow list of the notifier's to judge");
        return;
    }
    char block[VERDICT_CHARS];
    char allow[VERDICT_CHARS];
    int blocks = block_list(block, sizeof block);
    if (blocks == 0) {
        result_bad("settings.enforced", "%s", block);
        return;
    }
    int allows = allow_list(allow, sizeof allow);
    if (allows == 0) {
        result_bad("settings.enforced", "%s", allow);
        return;
    }
    if (blocks < 0 && allows < 0) {
        result("settings.enforced", "pass",
               "no value of the settings file named as a block list (block, deny, disallow, "
               "forbid, prohibit, banned) or an allow list (allow, permit, whitelist) names a "
               "server or share");
        return;
    }
    result("settings.enforced", "pass", "%s%s%s", blocks > 0 ? block : "",
           blocks > 0 && allows > 0 ? "; " : "", allows > 0 ? allow : "");
}
