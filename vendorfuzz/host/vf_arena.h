/* Guarded buffers for one notifier call at a time [design]. Every buffer
 * ends right before a PAGE_NOACCESS page, names are read-only, and after
 * the call returns all of them turn PAGE_NOACCESS until the slot is reused
 * 15 calls later. The host writes through a second, read-write view of the
 * same memory, so arming a buffer is one mprotect. NOTIFYADD/NOTIFYCANCEL
 * share NOTIFYINFO's read-write run (one mprotect less per call; a write
 * into them is found by comparison). */
#ifndef VF_ARENA_H
#define VF_ARENA_H

#include <stddef.h>
#include <windows.h>

enum vf_region { VF_R_CALL, VF_R_NAME0, VF_R_NAME1, VF_R_NAME2, VF_R_COUNT };

/* Creates the arena and the trap page; 0 on failure. */
int vf_arena_init(void);
/* Starts the next call: its slot becomes the current one. A cold slot's
 * buffers are armed for the call and retired after it; a warm slot's stay
 * armed (names read-only, guards in place) and cost no system call. Under
 * a VM with shadow paging the first touch of a re-armed page costs a
 * fault (120 us measured here), so only some calls are cold. */
void vf_arena_begin(int cold);
/* A buffer of `size` bytes ending at the guard page of `region` in the
 * current slot, labelled for fault reports; `*alias` is where the host
 * writes its contents. `writable`: the notifier may write it. */
void *vf_arena_buf(enum vf_region region, size_t size, const char *label, int writable,
                   void **alias);
/* The call returned: every buffer of a cold slot becomes NOACCESS. */
void vf_arena_retire(void);
/* A PAGE_NOACCESS page standing for a pointer that must not be read. */
void *vf_arena_trap(void);
/* Names an access to `addr` if it lies in the arena: 1 and text in buf. */
int vf_arena_explain(ULONG_PTR addr, int write, char *buf, size_t cap, char *kind, size_t kcap);

#endif
