/* settings.enforced [design]: a list in the notifier's settings that says
 * what may map is in force in the gate's ordinary process. A block list (a
 * value of the --reg file named Blocked..., Deny..., ...) refuses the
 * servers or shares it names, every one once one is; an allow list (Allowed...,
 * Permitted..., ...) refuses a made-up server it does not name. A list that
 * does neither in two rounds is not in force here: a read, a check or an
 * API call of its own that fails for this caller and fails open. */
#ifndef SETTINGS_ENFORCED_H
#define SETTINGS_ENFORCED_H

/* Judges settings.enforced with the loaded notifier. */
void settings_enforced_judge(void);

#endif
