/* The notifier calls made (see call_count.h). */
#include "call_count.h"

#include <windows.h>

static volatile LONG n_calls;

long calls_made(void)
{
    return n_calls;
}

void calls_count_one(void)
{
    InterlockedIncrement(&n_calls);
}
