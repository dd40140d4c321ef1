/* The process's output handle as it started (see out_handle.h). */
#include "out_handle.h"

static HANDLE stdout_at_start;

void out_handle_capture(void)
{
    stdout_at_start = GetStdHandle(STD_OUTPUT_HANDLE);
}

HANDLE out_handle(void)
{
    return stdout_at_start;
}
