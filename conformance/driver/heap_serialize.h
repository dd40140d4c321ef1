/* HEAP_NO_SERIALIZE on the process heap: the host's threads (and threads the
 * system adds, a Ctrl+C handler among them) use that heap at the same time,
 * and unserialised access corrupts it [doc: HeapCreate, HeapAlloc]. A private
 * heap of the notifier's own may use it, but then only one thread at a time
 * may be inside its heap functions: MPR calls from every thread that maps a
 * drive, so the notifier must lock around them itself. */
#ifndef HEAP_SERIALIZE_H
#define HEAP_SERIALIZE_H

#include <stddef.h>
#include <windows.h>

/* Reports (heap.valid) a call FN of the notifier at CALLER with FLAGS on HEAP. */
void heap_serialize_judge(const char *fn, HANDLE heap, DWORD flags, void *caller);
/* Around the real heap function FN the notifier called at CALLER on HEAP:
 * a second thread inside an unserialised heap is recorded. Leave takes what
 * enter returned (NULL for any other heap). */
void *heap_serialize_enter(const char *fn, HANDLE heap, void *caller);
void heap_serialize_leave(void *entered);
/* The same hold for the driver's own use of HEAP (checks, passing on a held
 * free), never recorded as a second thread. A thread may take a heap again
 * while it holds it. Try holds only where no other thread does (1; else 0),
 * for a second heap while one is held. Leave ends either. */
void *heap_serialize_hold(HANDLE heap);
int heap_serialize_try(HANDLE heap, void **held);
/* While on, a thread inside an unserialised heap gives the processor away there, as on a
 * machine with more of them, until two threads have met or a few thousand calls of each heap
 * have: the volume rounds turn it on. Off, the heap functions run at their own pace (timed
 * phases, other cases). */
void heap_serialize_yields(int on);
/* The first time two threads were inside an unserialised heap of the
 * notifier's at once, as text into buf; 0 when never. */
int heap_serialize_overlap(char *buf, size_t cap);

#endif
