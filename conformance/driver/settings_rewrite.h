/* The notifier's settings written again unchanged: each value of the keys
 * of the --reg file below HKLM\SOFTWARE set again with its own type and
 * data, as a policy push or a repair install does, and a value of the
 * gate's own (connotify-settings-touch) made and deleted in each key, which
 * Wine needs to tell watchers. A notifier that watches its key reloads
 * then; what it reads is what it read before. */
#ifndef SETTINGS_REWRITE_H
#define SETTINGS_REWRITE_H

/* Writes the values of cf.settings_file's keys again; how many were written. */
unsigned settings_rewrite(void);

#endif
