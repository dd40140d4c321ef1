/* The bound on a leak's pile (see leak_bound.h). */
#include "leak_bound.h"

#include "measure.h"

#include <stdio.h>
#include <windows.h>

/* Handles are counted every 16th question (two server calls). Views take a
 * walk of the address space (a VirtualQuery per region, thousands of
 * system calls under Wine): every 16th question while they grow, the gap
 * doubling up to 512 while they do not. */
enum { HANDLE_EVERY = 16, VIEWS_EVERY_MAX = 512 };

static uintptr_t handle0;
static unsigned views0;
static long views_last;
static unsigned views_every;
static unsigned views_due;
static unsigned asked;
static char reached[80];

void leak_bound_start(void)
{
    handle0 = probe_handle();
    views0 = mapped_view_count();
    views_last = 0;
    views_every = HANDLE_EVERY;
    views_due = views_every;
    asked = 0;
    reached[0] = 0;
}

/* Mapped views more than at the start, or views_last when not due. */
static long views_more(void)
{
    if (asked < views_due)
        return views_last;
    long views = (long)mapped_view_count() - (long)views0;
    if (views > views_last)
        views_every = HANDLE_EVERY;
    else if (views_every < VIEWS_EVERY_MAX)
        views_every *= 2;
    views_due = asked + views_every;
    views_last = views;
    return views;
}

int leak_bound_reached(void)
{
    if (reached[0])
        return 1;
    if (asked++ % HANDLE_EVERY)
        return 0;
    long handles = (long)((intptr_t)(probe_handle() - handle0) / 4);
    long views = views_more();
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
