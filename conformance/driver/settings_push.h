/* A change to the notifier's settings while it runs, as a policy push makes
 * one: each value of the --reg file's keys that is a list of one kind
 * (setting_names.h) gets an entry more, in the list's own form (the UNC
 * name when the list holds UNC names, else its server; a string more in a
 * REG_MULTI_SZ, after the list's separator in a REG_SZ), and is written
 * back as it was by settings_push_undo. Each changed key is touched
 * (settings_rewrite.h), so that a watcher of the key hears of it. */
#ifndef SETTINGS_PUSH_H
#define SETTINGS_PUSH_H

#include "setting_names.h"

#include <windows.h>

/* Adds remote (\\server\share) to the lists of `kind`; how many values changed. */
unsigned settings_push_add(enum setting_list kind, const WCHAR *remote);
/* Adds made-up servers (cn-list-pad-NNNN.invalid) to the lists of `kind`, in the same form,
 * until each holds `units` UTF-16 units, as a long policy list does; how many values changed. */
unsigned settings_push_grow(enum setting_list kind, unsigned units);
/* Writes every value settings_push_add or settings_push_grow changed back as it was. */
void settings_push_undo(void);

#endif
