/* settings.enforced [design]: a block list in the notifier's settings (a
 * value of the --reg file named Blocked..., Deny..., ...) refuses at least
 * one of the servers or shares it names, in the gate's ordinary process. A
 * list that refuses none of them in two rounds is not in force here: a
 * read of its own, a check or an API call that fails for this caller and
 * fails open. */
#ifndef SETTINGS_ENFORCED_H
#define SETTINGS_ENFORCED_H

/* Judges settings.enforced with the loaded notifier. */
void settings_enforced_judge(void);

#endif
