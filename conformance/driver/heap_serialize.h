/* HEAP_NO_SERIALIZE on the process heap: the host's threads (and threads the
 * system adds, a Ctrl+C handler among them) use that heap at the same time,
 * and unserialised access corrupts it [doc: HeapCreate, HeapAlloc]. A private
 * heap of the notifier's own may use it. */
#ifndef HEAP_SERIALIZE_H
#define HEAP_SERIALIZE_H

#include <windows.h>

/* Reports (heap.valid) a call FN of the notifier at CALLER with FLAGS on HEAP. */
void heap_serialize_judge(const char *fn, HANDLE heap, DWORD flags, void *caller);

#endif
