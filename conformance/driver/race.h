/* First calls right after a fresh load, from many threads at once: a
 * notifier that initialises itself lazily on its first call (a policy, a
 * table, a log) without a lock or InitOnce lets the other threads use it
 * half made. Each try is a child process of the driver (a fresh load
 * without the single-threaded probe call). concurrency [design] */
#ifndef RACE_H
#define RACE_H

#include <windows.h>

/* This process is such a child (main: --race-child). */
void race_child_role(void);
int race_is_child(void);
/* The child: load, then n threads make their first calls at once. */
void race_child(unsigned n);
/* The parent: `tries` children; 1 if each ended well. A child's crash or
 * hang line is this case's output; then this process ends as it did. */
int race_fresh_loads(unsigned tries);

#endif
