/* load.unset [design]: MPR loads every registered notifier in every process that maps a
 * drive, also before its settings arrive (a policy not yet pushed) and after they are gone (an
 * uninstall that removed its key first, a key cleaned away). With the keys of its settings
 * file absent, the notifier must load and unload without an exception: work on defaults, or
 * refuse the load cleanly. A DllMain that returns FALSE is called again with
 * DLL_PROCESS_DETACH [doc: DllMain], which must handle the attach it left half done.
 *
 * The load case hides the keys (copied aside, deleted), loads and frees the notifier in a
 * child of its own, and puts the keys back; every other case runs with them. */
#ifndef UNSET_LOAD_H
#define UNSET_LOAD_H

/* --unset-child: this process is that child. */
void unset_load_child_role(void);
int unset_load_is_child(void);
/* In the child: loads and frees the notifier and prints what happened (an UNSET line). */
void unset_load_child(void);
/* In the load case: judges load.unset. */
void unset_load_judge(void);

#endif
