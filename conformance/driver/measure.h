/* Measures of the process: time, handles, memory, threads, heaps. */
#ifndef MEASURE_H
#define MEASURE_H

#include <stddef.h>
#include <stdint.h>
#include <windows.h>

double now_ms(void);
/* Value of a fresh handle: Wine hands out the lowest free one [wine]. */
uintptr_t probe_handle(void);
/* Handles by slot: Wine and Windows hand out multiples of 4, and a table of
 * HANDLE_SLOTS slots covers a driver run. */
#define HANDLE_SLOTS 16384
HANDLE handle_at_slot(unsigned slot);
/* The slot of handle h, HANDLE_SLOTS when it is past the table. */
unsigned handle_slot(HANDLE h);
/* The slot holds an open handle now. */
int handle_slot_open(unsigned slot);
size_t committed_private(void);
/* Address space of mapped views (MapViewOfFile), reserved or committed. */
size_t mapped_views(void);
/* Mapped views (MapViewOfFile), each counted once by its first region. */
unsigned mapped_view_count(void);
size_t heap_busy(void);
/* heap_busy once it stayed the same over `polls` polls 20 ms apart; *settled set to 0 when it
 * still moved after limit_ms of wall time. */
size_t heap_busy_settled(int polls, double limit_ms, int *settled);
/* String atoms in use (0xC000 to 0xFFFF): the session's global table
 * (GlobalAddAtom) and the process's local one (AddAtom); which global ones. Global atoms
 * whose names hold TAG followed by a number other than OWN are another run's, which it may
 * add and delete at any time: counted apart in FOREIGN, from the same read of the name
 * (a second pass sees that run's deletes as this run's atoms). */
enum { STRING_ATOMS = 0x10000 - 0xC000 };
struct atom_count {
    unsigned global;
    unsigned foreign;
    unsigned local;
    unsigned char global_used[STRING_ATOMS / 8];
};
void atoms_in_use(struct atom_count *c, const WCHAR *tag, unsigned long own);
/* Deletes the global atoms new in AFTER named with TAG and OWN (this run's names, which the
 * notifier atomized and left): the session's table is as before for the runs after this
 * one. Returns how many. */
unsigned atoms_delete_own(const struct atom_count *before, const struct atom_count *after,
                          const WCHAR *tag, unsigned long own);
int thread_count(void);
/* Threads that attached since start (the exe's TLS callback counts them). */
LONG thread_attaches(void);
/* Marks the threads before the notifier loads (load_notifier). */
void threads_mark_before_load(void);
/* 1 while no thread was created since that mark and no thread-pool worker
 * existed at it: nothing but the caller's thread can have run the
 * notifier's code, so nothing runs it after a call returned. */
int caller_thread_only(void);
void count_thread_attach(void);
/* Every process heap passes HeapValidate. */
int heaps_valid(void);
/* Free TLS slots (allocates them all, then frees them). */
unsigned tls_free_slots(void);

/* Threads of the process by where they started (their Win32 start address). */
struct thread_census {
    int total;
    int notifier; /* started at an address in [lo, hi): the notifier's own */
    int system;   /* started in ntdll: thread-pool and timer-queue workers */
};
void thread_census(uintptr_t lo, uintptr_t hi, struct thread_census *c);
/* Where thread tid started (0 if unknown). */
uintptr_t thread_start_address(DWORD tid);
/* Thread tid has ended, or is no more (its id unknown). */
int thread_ended(DWORD tid);
/* The notifier's image range, or 0..0 if none is loaded. */
void notifier_range(HMODULE m, uintptr_t *lo, uintptr_t *hi);
/* Waits (at most limit_ms) until work the notifier queued has drained: no
 * more ntdll workers than `system0` + 1 and the thread count and committed
 * memory unchanged over one poll. Returns the ms waited; *settled 0 if the
 * limit was reached first. */
double wait_quiet(uintptr_t lo, uintptr_t hi, int system0, unsigned limit_ms, int *settled);

#endif
