/* The last state-changing call of the notifier (see state_calls.h). */
#include "state_calls.h"

#include <windows.h>

#include <stdarg.h>
#include <stdio.h>

static char last_state_call[200];
static volatile LONG error_mode_sets;

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

void hooks_note_error_mode_set(void)
{
    InterlockedIncrement(&error_mode_sets);
}

long hooks_error_mode_sets(void)
{
    return error_mode_sets;
}
