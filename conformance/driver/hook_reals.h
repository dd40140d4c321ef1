/* The real functions behind the hooked imports (hooks_list.h), kept apart
 * from the wrappers so that a wrapper asks for its real function without
 * depending on the file that installs it. */
#ifndef HOOK_REALS_H
#define HOOK_REALS_H

enum hook_id {
#define H(name) HK_##name,
#include "hooks_list.h"
#undef H
    HK_COUNT
};

/* The name of a hooked import. */
const char *hook_name(enum hook_id id);
/* Its real function, NULL until the notifier's import or GetProcAddress showed it. */
void *hook_real_at(enum hook_id id);
/* Keeps the first real function seen for id. */
void hook_real_keep(enum hook_id id, void *real);
/* The real function behind the wrapper of a hooked import, or NULL. */
void *hooks_real(const char *name);

#endif
