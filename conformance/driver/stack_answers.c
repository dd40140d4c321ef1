/* Answers with the caller's stack left two ways (see stack_answers.h). */
#include "stack_answers.h"

#include "answers.h"
#include "call.h"
#include "fence.h"
#include "out.h"
#include "stack_fill.h"
#include "stack_records.h"

#include <stdio.h>
#include <wchar.h>

enum { NAME_UNITS = 260 };

static const unsigned char fills[2] = {0x00, 0xFF};

/* The answers of remote with the stack filled with each byte of fills. */
static void take_both(const WCHAR *remote, DWORD a[2][ANSWERS])
{
    for (int f = 0; f < 2; f++) {
        stack_fill_set(STACK_FILL_EVERY_CALL, fills[f]);
        answers_take_on_y(fence_wstr(remote, "lpRemoteName"), a[f]);
    }
}

/* 1 when remote's answers differ between the fills, twice the same way;
 * the difference in text. */
static int answers_hang_on_stack(const WCHAR *remote, char *text, size_t cap)
{
    DWORD first[2][ANSWERS];
    DWORD again[2][ANSWERS];
    take_both(remote, first);
    int which = answers_differ(first[0], first[1]);
    if (which < 0)
        return 0;
    take_both(remote, again);
    if (answers_differ(first[0], again[0]) >= 0 || answers_differ(first[1], again[1]) >= 0)
        return 0;
    char zeros[80];
    char ones[80];
    answer_text(which, first[0][which], zeros, sizeof zeros);
    answer_text(which, first[1][which], ones, sizeof ones);
    snprintf(text, cap,
             "for %.120ls %s with the caller's stack below its frame left as zero bytes, and "
             "%s with it left as 0xFF bytes (twice each): a variable read before it is set "
             "decides (an optional setting read into a local whose read failed, a flag set on "
             "one path only)",
             remote, zeros, ones);
    return 1;
}

void stack_answers_judge(const WCHAR *const *names, unsigned n)
{
    if (violation_of("drive.uninit"))
        return;
    announce_step("each remote name with the caller's stack left as zeros and as 0xFF bytes");
    unsigned judged = 0;
    char text[700];
    for (unsigned i = 0; i < n; i++) {
        if (wcslen(names[i]) >= NAME_UNITS)
            continue;
        judged++;
        if (answers_hang_on_stack(names[i], text, sizeof text)) {
            result_bad("drive.uninit", "%s", text);
            break;
        }
    }
    stack_fill_set(STACK_FILL_NONE, 0);
    if (!violation_of("drive.uninit") && stack_in_records(text, sizeof text))
        result_bad("drive.uninit", "%s", text);
    if (!violation_of("drive.uninit"))
        result("drive.uninit", "pass",
               "%u remote names, each with the caller's stack left as zero bytes and as 0xFF "
               "bytes, and with its last error left as 9 common codes: the same answers; no run "
               "of the caller's stack bytes in the files written for POSTs of 6 statuses",
               judged);
}
