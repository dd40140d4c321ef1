/* Answers in fresh loads (see fresh_load.h). */
#include "fresh_load.h"

#include "call.h"

int fresh_load_answer(fresh_ask_fn ask, const void *arg, DWORD *answer)
{
    for (int r = 0; r < FRESH_ROUNDS; r++) {
        if (!reload_notifier_bare())
            return 0;
        DWORD got = ask(arg);
        if (got == FRESH_NO_ANSWER || (r > 0 && got != *answer))
            return 0;
        *answer = got;
    }
    return 1;
}

int fresh_load_differs(fresh_ask_fn ask, const void *arg, DWORD alone, DWORD *got)
{
    for (int r = 0; r < FRESH_ROUNDS; r++) {
        if (!reload_notifier_bare())
            return 0;
        *got = ask(arg);
        if (*got == alone || *got == FRESH_NO_ANSWER)
            return 0;
    }
    return 1;
}
