/* The caller's queued APCs and posted messages across one call [design]:
 * a callback runs on the caller's thread, so an alertable wait there runs
 * the APCs the caller queued, and a message loop there dispatches or drops
 * the messages it posted. One APC and one thread message are queued before
 * the call; both must still be queued after it (check state.queues). */
#ifndef THREAD_QUEUES_H
#define THREAD_QUEUES_H

#include <windows.h>

struct queues_probe {
    int armed;
    int message_posted;
    LPARAM message_token;
};

/* Gives this thread a message queue (user32 loaded by its system path), as
 * a UI caller's thread has: the calls that follow also probe messages.
 * Without it, messages are probed only once user32 is in the process. */
void queues_with_message_queue(void);
/* Queues the APC and posts the message on this thread, just before a call. */
void queues_arm(struct queues_probe *p);
/* Judges `p` just after the call named `call` (nothing when not armed),
 * then takes back what is still queued. */
void queues_judge(struct queues_probe *p, const char *call);
/* The calls judged, and how many of them with a posted message. */
long queues_calls(void);
long queues_message_calls(void);

#endif
