/* Running a program against the notifier: each call in guarded buffers on
 * its operation's thread, with the per-call oracles (NOTIFYINFO fields,
 * FPU control word, MXCSR, current directory) and behaviour features. */
#ifndef VF_EXEC_H
#define VF_EXEC_H

/* windows.h first: winnetwk.h and npapi.h need its types. */
#include <windows.h>

#include <winnetwk.h>

#include <npapi.h>

#include "vf_program.h"

typedef DWORD(WINAPI *vf_add_fn)(LPNOTIFYINFO, LPNOTIFYADD);
typedef DWORD(WINAPI *vf_cancel_fn)(LPNOTIFYINFO, LPNOTIFYCANCEL);

struct vf_target {
    vf_add_fn add;
    vf_cancel_fn cancel;
    int noop; /* floor: build everything, call nothing */
    DWORD hang_ms;
    unsigned cold_every; /* 1: every call's buffers retired; N: one call in N */
    unsigned spins;      /* before a hand-off between host threads sleeps (vf_shm.h) */
};

/* Starts the worker threads and the watchdog; 0 on failure. */
int vf_exec_init(const struct vf_target *t);
/* Runs every step; behaviour counters go to `behav` (VF_BEHAV_SIZE bytes,
 * may be NULL). Returns the number of calls made. A finding never returns. */
unsigned vf_exec_run(const struct vf_program *p, unsigned char *behav);
/* Every heap of the process passes HeapValidate (a finding otherwise). */
void vf_exec_check_heaps(void);
/* A pointer into a name of the running call: the units from there to the
 * NUL, and where the input spells them (src NULL when it does not). */
struct vf_name_ref {
    size_t units_left;
    unsigned enc; /* bytes per unit in the input */
    const uint8_t *src;
    size_t src_len;
};
int vf_exec_name_at(const void *at, struct vf_name_ref *ref);
/* One behaviour counter more (comparison feedback, vf_cmplog.c). */
void vf_exec_count(uint32_t index);
/* Contexts the notifier returned in PRE, for the reproducer's comments. */
void *vf_exec_context(unsigned op);

#endif
