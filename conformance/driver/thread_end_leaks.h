/* Memory kept per caller thread that ended: a notifier that keeps per-thread data (a TLS
 * block, a record keyed by thread) and frees it only in DLL_THREAD_DETACH loses it for every
 * thread that ends once it turned those calls off (DisableThreadLibraryCalls) or never gets
 * them; a host that runs its drive mappings on short-lived threads (a thread pool, a worker
 * per request) then grows without bound (leaks.memory). [design] */
#ifndef THREAD_END_LEAKS_H
#define THREAD_END_LEAKS_H

struct thread_end_growth {
    long long calling; /* heap growth after threads that each made an add and cancel ended */
    long long idle;    /* the same for threads that made no call: the floor */
    unsigned threads;  /* threads of each kind */
    int settled;       /* 0: the heap kept moving, nothing judged */
};

/* Runs `threads` short threads that make no call, then as many that each make one add and
 * cancel of shape i (each started after the last ended), and measures the process heaps'
 * growth across each batch. */
struct thread_end_growth thread_end_growth(unsigned threads, unsigned shape);

#endif
