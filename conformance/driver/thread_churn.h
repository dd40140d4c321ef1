/* Threads that end while others call (concurrency). A thread's end runs
 * every DLL's DllMain(DLL_THREAD_DETACH) under the loader lock; a notifier
 * that takes its own lock there, and in a call holds that lock while it
 * calls something that takes the loader lock (GetModuleFileName,
 * LoadLibrary, GetModuleHandleEx), deadlocks the two threads, and then
 * every thread start and end and every DLL load of the host. Two threads
 * call without a pause while short-lived threads, each making one add and
 * cancel, start and end one after another. [design] */
#ifndef THREAD_CHURN_H
#define THREAD_CHURN_H

/* For ms milliseconds; 0 after a verdict (the loader-lock watch ends a
 * deadlocked case first, naming the notifier's frame). Exits into *ended. */
int thread_churn(unsigned n_shapes, unsigned ms, unsigned *ended);

#endif
