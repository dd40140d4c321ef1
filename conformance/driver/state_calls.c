/* The last state-changing call of the notifier (see state_calls.h). */
#include "state_calls.h"

#include <stdarg.h>
#include <stdio.h>

static char last_state_call[200];

const char *hooks_last_state_call(void)
{
    return last_state_call;
}

void hooks_forget_state_call(void)
{
    last_state_call[0] = 0;
}

void hooks_note_state_call(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_state_call, sizeof last_state_call, fmt, ap);
    va_end(ap);
}
