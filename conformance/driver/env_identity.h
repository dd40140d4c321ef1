/* The caller's environment is no identity: a notifier that takes the user,
 * domain or machine from USERNAME, USERDOMAIN or COMPUTERNAME instead of the
 * thread's token lets any user claim another's rights, since a user sets
 * the environment of the programs they start (settings.machine). The
 * variables are set to each bare word of the settings file (a user the
 * policy lists) and to built-in accounts' names, the notifier loaded again,
 * and the refused input shapes asked again. [design] */
#ifndef ENV_IDENTITY_H
#define ENV_IDENTITY_H

#include <stddef.h>

/* 1 and the text when a refused shape's answers change, twice, with a variable set. */
int env_identity_differs(char *text, size_t cap);

#endif
