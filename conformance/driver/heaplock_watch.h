/* The watch on the host heaps' locks the notifier holds (hooks_heaplock.h):
 * a thread that ends the case as soon as the notifier waits while holding
 * one, or holds one for a hang limit. It fails state.heaplock and prints a
 * HANG line: every other thread that allocates waits with it, the driver's
 * too, so the case cannot go on. Written straight to the output handle, as
 * the watchdog: the thread that holds the output lock may be one of those
 * that wait. state.heaplock [doc] */
#ifndef HEAPLOCK_WATCH_H
#define HEAPLOCK_WATCH_H

/* Remembers the host's heaps and starts the watch (before the notifier is
 * loaded, and before any count of threads is taken). */
void heaplock_watch_start(unsigned hang_ms);

#endif
