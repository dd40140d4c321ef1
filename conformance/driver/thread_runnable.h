/* Time the process's threads were runnable: on a CPU or queued for one,
 * from Linux's per-thread schedstat read through Wine's Z: drive [wine].
 * CPU time falls with the machine's load (a polling thread gets less of a
 * busy core); runnable time does not: a thread that polls is runnable the
 * whole watch on an idle machine and on a loaded one alike. Where /proc
 * cannot be read (Windows), nothing is known and the callers judge CPU
 * alone. */
#ifndef THREAD_RUNNABLE_H
#define THREAD_RUNNABLE_H

#include <stdint.h>

enum { RUNNABLE_TASKS = 256 };

struct runnable_watch {
    int known;     /* /proc was read at the start */
    unsigned pid;  /* this process's Linux id */
    unsigned self; /* the caller's task: not counted */
    unsigned ntasks;
    unsigned tid[RUNNABLE_TASKS];
    uint64_t ns[RUNNABLE_TASKS]; /* runnable so far, at the last sample */
    uint64_t total_ns;           /* grown since the start, over every task seen */
};

/* Starts a watch: every task's runnable time now. 0 when unknown. */
int runnable_begin(struct runnable_watch *w);
/* Adds what each task was runnable since the last sample. A task that ends
 * between two samples loses what it ran since the last one: sample often. */
void runnable_sample(struct runnable_watch *w);
unsigned runnable_ms(const struct runnable_watch *w);

#endif
