/* A page heap for the notifier's own allocations [design]: its imports of
 * malloc, calloc, realloc, free, _msize and HeapAlloc, HeapReAlloc,
 * HeapFree, HeapSize are served from blocks that end right before a
 * PAGE_NOACCESS page, so an access past a block faults at the instruction
 * (heap-overflow-read/-write with the notifier frame, where HeapValidate
 * after the input sees only some corruption and no frame). A freed block
 * turns PAGE_NOACCESS for the next 512 frees (use-after-free). The bytes
 * between the size asked for and the 16-byte alignment are filled and
 * checked when the block is freed (heap-overflow-slack). */
#ifndef VF_PAGEHEAP_H
#define VF_PAGEHEAP_H

#include <windows.h>

void vf_pageheap_hook(HMODULE dll);
/* Names an access to `addr` in a block of the page heap: 1 and the text. */
int vf_pageheap_explain(ULONG_PTR addr, int write, char *buf, size_t cap, char *kind, size_t kcap);

#endif
