/* Measures of the process: time, handles, memory, threads, heaps. */
#ifndef MEASURE_H
#define MEASURE_H

#include <stddef.h>
#include <stdint.h>
#include <windows.h>

double now_ms(void);
/* Value of a fresh handle: Wine hands out the lowest free one [wine]. */
uintptr_t probe_handle(void);
size_t committed_private(void);
size_t heap_busy(void);
int thread_count(void);
/* Threads that attached since start (the exe's TLS callback counts them). */
LONG thread_attaches(void);
void count_thread_attach(void);
/* Every process heap passes HeapValidate. */
int heaps_valid(void);
/* Free TLS slots (allocates them all, then frees them). */
unsigned tls_free_slots(void);

#endif
