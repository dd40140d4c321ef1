/* The caller's environment is no identity: a notifier that takes the user,
 * domain or machine from USERNAME, USERDOMAIN, COMPUTERNAME or the
 * USERPROFILE path instead of the thread's token lets any user claim
 * another's rights, since a user sets the environment of the programs they
 * start (settings.machine). The variables are set to each bare word of the
 * settings file (a user the policy lists) and to built-in accounts' names
 * (USERPROFILE to C:\Users\ and the word), the notifier loaded again, and
 * the refused input shapes asked again. [design] */
#ifndef ENV_IDENTITY_H
#define ENV_IDENTITY_H

#include "answers.h"

#include <stddef.h>

/* The n input shapes' answers with the process's own environment in base, and which are the
 * same twice in stable (NULL: not known, asked here for the refused ones): 1 and the text
 * when a refused shape's answers change, twice, with a variable set. */
int env_identity_differs(unsigned n, DWORD (*base)[ANSWERS], const unsigned char *stable,
                         char *text, size_t cap);

#endif
