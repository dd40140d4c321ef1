/* Processes that end between an add's PRE and its POST (faults.resources).
 * Any process that maps a drive can be ended at any moment (taskkill, a
 * crash, logoff): MPR then never calls the POST. What the notifier took in
 * PRE for another process to see (a count of a named semaphore, a slot in
 * a shared section, a lock file) and gives back only in POST is never given
 * back, and the adds of every other process wait for it or are refused.
 * Only a mutex is released by the system when its owner dies [doc:
 * ReleaseMutex]. [design] */
#ifndef DEAD_PEERS_H
#define DEAD_PEERS_H

#include <stddef.h>

/* This process is such a child (main: --dying-child EVENT): it loads the
 * notifier, makes one add PRE, sets the named event and waits to be ended. */
void dead_peer_child_role(const wchar_t *event);
int dead_peer_is_child(void);
void dead_peer_child(void);

/* The parent: `peers` children, each ended after its add PRE returned; then
 * adds on this process's loaded notifier, each within the latency budget
 * and accepted as before. A violation is reported here; what ran goes into
 * summary for the pass text. 0 if the case must end. */
int dead_peers(unsigned peers, char *summary, size_t cap);

#endif
