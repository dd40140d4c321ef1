/* The bound on a leak's pile (see leak_bound.h). */
#include "leak_bound.h"

#include "measure.h"

#include <stdio.h>
#include <windows.h>

static uintptr_t handle0;
static unsigned views0;
static unsigned asked;
static char reached[80];

void leak_bound_start(void)
{
    handle0 = probe_handle();
    views0 = mapped_view_count();
    asked = 0;
    reached[0] = 0;
}

int leak_bound_reached(void)
{
    if (reached[0])
        return 1;
    if (asked++ % 16)
        return 0;
    long handles = (long)((intptr_t)(probe_handle() - handle0) / 4);
    long views = (long)mapped_view_count() - (long)views0;
    if (handles >= LEAK_BOUND)
        snprintf(reached, sizeof reached, "%ld handles more", handles);
    else if (views >= LEAK_BOUND)
        snprintf(reached, sizeof reached, "%ld mapped views more", views);
    return reached[0] != 0;
}

const char *leak_bound_text(void)
{
    return reached;
}
