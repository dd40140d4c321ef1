/* Input shapes for the volume loops: every dimension the drive cases
 * vary (drive letter or deviceless, UNC names as callers pass them,
 * provider or none, success and every failure, forced and unforced
 * cancels), so that a leak or a crash on one path shows. */
#ifndef SHAPES_H
#define SHAPES_H

#include "conform.h"

struct shape {
    NOTIFYADD *add;
    NOTIFYCANCEL *cancel_pre;
    NOTIFYCANCEL *cancel_post;
    DWORD add_status;       /* the provider's result in the add POST */
    DWORD cancel_status;
    int ordinary; /* ASCII names of everyday length (not the 300-unit or surrogate ones) */
    char label[160];
};

/* Builds the shapes once (fenced, sealed memory), then those of the names
 * in the notifier's settings (setting_names.h); returns their number. */
unsigned shapes_init(void);
const struct shape *shape_at(unsigned i);
/* Frees the add and cancel structures of a shape made with mk_add and mk_cancel (not the
 * names they point to). */
void shape_free_calls(struct shape *s);
/* One add and one cancel, PRE and POST each; fills each[4] with the call
 * times in ms if not NULL; returns the slowest. */
double shape_cycle(const struct shape *s, double *each);
/* The same, with the four calls' returns in rets[4] (if not NULL): add PRE,
 * add POST, cancel PRE, cancel POST; SHAPE_NO_POST when PRE set no context. */
#define SHAPE_NO_POST 0xFFFFFFFFu
double shape_cycle_returns(const struct shape *s, double *each, DWORD *rets);
/* n cycles of s: how many of their add PREs failed where an earlier PRE of s had
 * returned `before` WN_SUCCESS; the last PRE's return into *last, the fastest PRE's ms
 * into *fastest_ms (each if not NULL). */
unsigned shape_adds_refused(const struct shape *s, unsigned n, DWORD before, DWORD *last,
                            double *fastest_ms);
/* Every Win32 code from 1 to SHAPES_LAST_STATUS, then codes beyond them
 * (NTSTATUS, HRESULT, a provider's own: no system message text), as the
 * provider's result of an add and a cancel POST: an error path only one code
 * takes (1219, 1326, "no text") runs. Returns the number of POSTs made. */
#define SHAPES_LAST_STATUS 1999
int shapes_status_sweep(NOTIFYADD *add, NOTIFYCANCEL *pre, NOTIFYCANCEL *post);

#endif
