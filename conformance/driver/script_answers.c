/* Answers by a name's script (script_answers.h). */
#include "script_answers.h"

#include "answers.h"
#include "out.h"
#include "shown_name.h"
#include "wanted.h"

#include <stdio.h>

/* Each name alone in its script, server and share, the first one ASCII. */
static const WCHAR *const twins[] = {
    L"\\\\mediaserver\\photos",
    L"\\\\\x03B4\x03B9\x03B1\x03BA\x03BF\x03BC\x03B9\x03C3\x03C4\x03AE\x03C2\\"
    L"\x03AD\x03C1\x03B3\x03B1",
    L"\\\\\x0441\x0435\x0440\x0432\x0435\x0440\\\x043F\x0440\x043E\x0435\x043A\x0442\x044B",
    L"\\\\\x30D5\x30A1\x30A4\x30EB\x30B5\x30FC\x30D0\x30FC\\"
    L"\x30D7\x30ED\x30B8\x30A7\x30AF\x30C8",
    L"\\\\\x30B5\x30FC\x30D0\x30FC\\\x30C7\x30FC\x30BF",
    L"\\\\\xD30C\xC77C\xC11C\xBC84\\\xD504\xB85C\xC81D\xD2B8",
    L"\\\\\x0627\x0644\x062E\x0627\x062F\x0645\\\x0627\x0644\x0645\x0634\x0627\x0631\x064A\x0639",
};

enum { TWINS = sizeof twins / sizeof twins[0] };

void script_answers_judge(void)
{
    if (!wanted("drive.script"))
        return;
    DWORD ascii[ANSWERS];
    DWORD again[ANSWERS];
    answers_take_on_y(twins[0], ascii);
    answers_take_on_y(twins[0], again);
    /* A refusal of the ASCII name is a policy on it: the others are not compared. */
    if (answers_differ(ascii, again) >= 0 || ascii[ANSWER_ADD_PRE] != WN_SUCCESS) {
        result("drive.script", "pass",
               "not compared: the ASCII name %ls was refused, or answered otherwise on a "
               "second try",
               twins[0]);
        return;
    }
    for (unsigned i = 1; i < TWINS; i++) {
        DWORD got[ANSWERS];
        answers_take_on_y(twins[i], got);
        int which = answers_differ(ascii, got);
        if (which < 0)
            continue;
        /* Twice, so that a policy that changes on its own (a timer, a reload) is not blamed. */
        answers_take_on_y(twins[i], again);
        if (answers_differ(got, again) >= 0)
            continue;
        char name[200];
        char was[80];
        char now[80];
        result_bad("drive.script",
                   "%s for %s on Y: (twice) and %s for %ls, a name of the same shape in ASCII "
                   "letters: the answer depends on the script a name is written in (a buffer "
                   "sized from the name's UTF-16 length is too small for its UTF-8, 3 bytes a "
                   "unit?)",
                   answer_text(which, got[which], now, sizeof now),
                   shown_name(twins[i], name, sizeof name),
                   answer_text(which, ascii[which], was, sizeof was), twins[0]);
        return;
    }
    result("drive.script", "pass",
           "%u names, each in one script (Greek, Cyrillic, Japanese, Korean, Arabic), answered "
           "as %ls",
           TWINS - 1, twins[0]);
}
