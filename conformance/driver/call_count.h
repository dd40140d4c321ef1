/* The number of notifier calls the driver made (every thread), kept apart
 * from call.c so the import hooks can date what they see without
 * depending on the code that makes the calls. */
#ifndef CALL_COUNT_H
#define CALL_COUNT_H

/* Calls made so far. */
long calls_made(void);
/* Counts one call. */
void calls_count_one(void);

#endif
