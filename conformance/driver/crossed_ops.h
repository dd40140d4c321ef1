/* Operations of two threads that overlap: with two threads mapping drives at once MPR makes
 * PRE A, PRE B, POST A, POST B, an order that nests on no thread. A notifier that ends the
 * newest pending operation in a POST (a stack, as calls on one thread nest) frees the wrong
 * record and keeps the other for good (leaks.memory). [design] */
#ifndef CROSSED_OPS_H
#define CROSSED_OPS_H

struct crossed_growth {
    long long crossed; /* heap growth over the rounds in the crossed order */
    long long nested;  /* the same operations, each PRE followed by its POST: the floor */
    unsigned rounds;
    int settled; /* 0: the heap kept moving, or a worker did not answer: nothing judged */
};

/* Each round: an add on Y: by one thread and on X: by another, then their cancels, run on
 * two driver threads first one after the other, then crossed. */
struct crossed_growth crossed_ops_growth(unsigned rounds);

#endif
