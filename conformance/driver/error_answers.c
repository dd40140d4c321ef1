/* Answers with the caller's last error left as common codes (see error_answers.h). */
#include "error_answers.h"

#include "answers.h"
#include "call.h"
#include "fence.h"
#include "out.h"

#include <stdio.h>
#include <wchar.h>

enum { NAME_UNITS = 260 };

/* What a failed lookup or a successful one leaves in the last error. */
static const struct {
    DWORD code;
    const char *name;
} entry_errors[] = {
    {ERROR_SUCCESS, "ERROR_SUCCESS"},
    {ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND"},
    {ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND"},
    {ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED"},
    {ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER"},
    {ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS"},
    {ERROR_MORE_DATA, "ERROR_MORE_DATA"},
    {ERROR_NO_MORE_ITEMS, "ERROR_NO_MORE_ITEMS"},
    {ERROR_NOT_FOUND, "ERROR_NOT_FOUND"},
};

/* remote's answers with the calls starting with `error` as the last error. */
static void take_with(const WCHAR *remote, DWORD error, DWORD a[ANSWERS])
{
    call_set_entry_error(error);
    answers_take_on_y(remote, a);
    call_reset_entry_error();
}

/* 1 when remote's answers with one of entry_errors differ from those with the mark, twice the
 * same way; the difference in text. */
static int answers_hang_on_error(const WCHAR *remote, char *text, size_t cap)
{
    DWORD usual[ANSWERS];
    answers_take_on_y(remote, usual);
    for (size_t e = 0; e < sizeof entry_errors / sizeof entry_errors[0]; e++) {
        DWORD got[ANSWERS];
        take_with(remote, entry_errors[e].code, got);
        int which = answers_differ(usual, got);
        if (which < 0)
            continue;
        DWORD usual_again[ANSWERS];
        DWORD got_again[ANSWERS];
        answers_take_on_y(remote, usual_again);
        take_with(remote, entry_errors[e].code, got_again);
        if (answers_differ(usual, usual_again) >= 0 || answers_differ(got, got_again) >= 0)
            continue;
        char with_code[80];
        char with_mark[80];
        answer_text(which, got[which], with_code, sizeof with_code);
        answer_text(which, usual[which], with_mark, sizeof with_mark);
        snprintf(text, cap,
                 "for %.120ls %s when the caller's last error was %lu (%s), and %s when it was "
                 "%lu (twice each): the last error the caller left decides (a registry call's "
                 "failure asked of GetLastError, which it does not set, instead of its return)",
                 remote, with_code, (unsigned long)entry_errors[e].code, entry_errors[e].name,
                 with_mark, (unsigned long)call_entry_error_mark());
        return 1;
    }
    return 0;
}

void error_answers_judge(const WCHAR *const *names, unsigned n)
{
    announce_step("each remote name with the caller's last error left as %u common codes",
                  (unsigned)(sizeof entry_errors / sizeof entry_errors[0]));
    char text[700];
    for (unsigned i = 0; i < n; i++) {
        if (wcslen(names[i]) >= NAME_UNITS)
            continue;
        WCHAR *remote = fence_wstr(names[i], "lpRemoteName");
        int differs = answers_hang_on_error(remote, text, sizeof text);
        fence_free(remote);
        if (differs) {
            result_bad("drive.uninit", "%s", text);
            return;
        }
    }
}
