/* The real functions behind the hooked imports (see hook_reals.h). */
#include "hook_reals.h"

#include <string.h>

static const char *const names[HK_COUNT] = {
#define H(name) #name,
#include "hooks_list.h"
#undef H
};
static void *volatile reals[HK_COUNT];

const char *hook_name(enum hook_id id)
{
    return names[id];
}

void *hook_real_at(enum hook_id id)
{
    return reals[id];
}

void hook_real_keep(enum hook_id id, void *real)
{
    if (!reals[id])
        reals[id] = real;
}

void *hooks_real(const char *name)
{
    for (int i = 0; i < HK_COUNT; i++) {
        if (!strcmp(names[i], name))
            return reals[i];
    }
    return NULL;
}
