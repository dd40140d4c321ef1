/* A named mutex abandoned by a dead peer (faults.resources). Every process
 * that maps a drive runs the notifier; one that dies holding the notifier's
 * named mutex abandons it, and the next waiter gets WAIT_ABANDONED and owns
 * the mutex [doc: WaitForSingleObject]: it must release it like any other
 * wait it won. A notifier that takes WAIT_ABANDONED for a failure and
 * returns without ReleaseMutex keeps the mutex on the caller's thread for
 * good, and every other thread and process then waits on it. [design] */
#ifndef ABANDON_H
#define ABANDON_H

#include <stddef.h>

/* Notes the handles open now (before LoadLibrary). */
void abandon_before(void);

/* For the named mutexes the notifier opened or created since
 * abandon_before: a peer thread opens each by name, takes it and ends
 * without releasing it; then every input shape on this thread and on
 * another, under the condition "after a peer died holding its named mutex
 * NAME (WAIT_ABANDONED)" (a hang or crash is the case's verdict). A thread
 * that returned from its calls still owning the mutex is a faults.resources
 * violation, reported here. What ran into summary, for the pass text. */
void abandon_named_mutexes(unsigned n_shapes, char *summary, size_t cap);

#endif
