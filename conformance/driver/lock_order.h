/* The order in which the notifier takes its global locks (critical sections and SRW locks
 * taken exclusive, in its image): a thread that waits for lock B while it holds A notes
 * A before B; another that waits for A while it holds B takes them in the inverted order,
 * and two such threads at once deadlock. Judged when the second order is first seen, on
 * any thread at any time, not when two threads happen to meet (concurrency). [design] */
#ifndef LOCK_ORDER_H
#define LOCK_ORDER_H

#include <windows.h>

/* Hooks go into a module: its image (hooked_image.h) holds the locks judged; earlier orders
 * are forgotten. */
void lock_order_forget(void);
/* This thread, holding `outer` (taken at outer_pc), is about to wait for `inner` (at
 * inner_pc); both exclusive. */
void lock_order_note(void *outer, void *outer_pc, void *inner, void *inner_pc);

#endif
