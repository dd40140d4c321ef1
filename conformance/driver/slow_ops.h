/* Operations that take long: the provider's work between PRE and POST is a round trip to a
 * server, and one that is down or slow takes seconds (an SMB connect times out after tens of
 * seconds; a credential prompt waits for the user). A notifier that times its operations has
 * code (a "slow mapping" record, a retry, a warning) that only such an operation runs. The
 * state case's checks judge these calls as any other. [design] */
#ifndef SLOW_OPS_H
#define SLOW_OPS_H

/* Adds and cancels (on drives and deviceless, success and failure) whose POST comes 3 s or
 * 11 s after their PRE, all open at once; takes about 11 s. */
void slow_operations(void);

#endif
