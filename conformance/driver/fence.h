/* Fenced memory: buffers whose last byte sits right before a PAGE_NOACCESS
 * page, so that reading past their end faults, and trap pages standing for
 * pointers that must not be read. A fault there is named by its label. */
#ifndef FENCE_H
#define FENCE_H

#include <stddef.h>
#include <stdint.h>
#include <windows.h>

void *fence_alloc(size_t size, const char *label);
/* Read-only: [in] data a notifier must not write. */
void fence_seal(void *p);
void fence_unseal(void *p);
void fence_free(void *p);
/* The call that got the buffer has returned: make it PAGE_NOACCESS and
 * name a later touch by `label`. */
void fence_retire(void *p, const char *label);
void *trap_page(const char *label);
/* Fenced, sealed, NUL-terminated UTF-16 copy of s: zero units after the
 * NUL up to the heap's allocation unit, as in a real caller's heap block. */
WCHAR *fence_wstr(const WCHAR *s, const char *label);
/* n units of c and the NUL as the last unit before the NOACCESS page: for
 * the checks about reads past a name's end (drive.long). */
WCHAR *fence_fill(size_t n, WCHAR c, const char *label);
/* Fenced buffers are placed above 4 GiB when the process has room there. */
void fence_prefer_high(int on);

/* Counts a touch of a trap, a retired buffer or a guard page (called from
 * the first-chance handler); returns 1 if `a` was one. */
int fence_note_fault(uintptr_t a);
LONG trap_hits(void);
const char *trap_label(void);
/* Touches of the page after a fenced buffer, and the last one's label:
 * reads past an input's end, also those the notifier survived. */
LONG fence_guard_hits(void);
const char *fence_guard_label(void);
/* 1 and the label when [lo, hi) overlaps a fenced buffer, its guard page or a trap. */
int fence_overlaps(uintptr_t lo, uintptr_t hi, char *label, size_t cap);
/* Watched buffers: the page of p (a fenced buffer) gets PAGE_GUARD, so that the first touch of
 * it raises STATUS_GUARD_PAGE_VIOLATION (and clears the guard) [doc: Creating Guard Pages];
 * fence_unwatch clears a guard nobody touched. fence_watched: a is in such a page. */
void fence_watch(const void *p);
void fence_unwatch(const void *p);
int fence_watched(uintptr_t a);
/* Names an address the notifier faulted on. */
void fence_describe(uintptr_t a, int write, char *buf, size_t cap);

#endif
