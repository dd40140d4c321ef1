/* A host thread's own exceptions while the notifier runs on another
 * thread. Hosts handle access violations of their own (a __try around a
 * probe of foreign memory, a JIT's null checks) with frame-based handlers,
 * which the system calls only after every vectored handler of the process
 * [doc: AddVectoredExceptionHandler]. A notifier's vectored handler that
 * takes an access violation it did not cause (one flag for "a probe is
 * running", no look at the thread or the address) sends the host's thread
 * into the notifier's recovery code. A driver thread faults on a page of
 * its own, again and again, and handles each fault with a frame handler;
 * a fault its handler never saw, or a read that came back with another
 * value, was taken by someone else [design]. On a loaded machine the two
 * threads seldom run at the same time, so the calls' input names are also
 * watched (calls_watch_names): when the notifier first touches a name, the
 * caller waits in a guard-page handler until the faulting thread has
 * faulted once. That fault meets the notifier mid-call, reading its input,
 * whatever the load. x86_64 only. */
#ifndef HOST_FAULTS_H
#define HOST_FAULTS_H

struct host_faults {
    long raised;               /* faults the thread made */
    long during;               /* of them, ones made while a notifier call ran */
    long met;                  /* of them, ones made while the notifier stood at a name's read */
    long taken;                /* of them, ones its own handler never saw */
    unsigned long first_value; /* what the first taken read returned */
    int stuck;                 /* the thread did not come back within 5 s */
    int handle_lost;           /* its handle no longer named it (closed by someone else) */
};

/* Starts the faulting thread; 0 if it could not (or on i686). */
int host_faults_start(void);
/* The faults it made so far while a notifier call ran on another thread. */
long host_faults_during(void);
/* The faults it made so far while the notifier stood at a read of a name. */
long host_faults_met(void);
/* Stops it and fills r. */
void host_faults_stop(struct host_faults *r);

#endif
