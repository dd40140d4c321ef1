/* An input decoded into a program: notifier operations (add or cancel,
 * with every NOTIFYADD / NOTIFYCANCEL field) and the order of their PRE and
 * POST calls. Portable: names are UTF-16 code units in one pool. */
#ifndef VF_PROGRAM_H
#define VF_PROGRAM_H

#include <stddef.h>
#include <stdint.h>

#define VF_MAX_OPS    48u
#define VF_MAX_STEPS  96u
#define VF_MAX_NAME   32767u /* [doc] the longest name MPR passes */
#define VF_POOL_UNITS (6u * 32768u)
#define VF_THREADS    3u /* the main thread and two workers */

enum vf_op_kind { VF_ADD = 0, VF_CANCEL = 1 };

/* A name: NULL, or `len` units at `off` in the pool (then a NUL). A name
 * the input spells unit by unit (`enc` bytes per unit, from input offset
 * `src`) can be changed where it lies in the input by libFuzzer's
 * comparison-driven mutations; `enc` 0: built from tables. */
struct vf_name {
    uint8_t null;
    uint8_t enc;
    uint8_t lead;       /* units before the spelled ones (two backslashes) */
    uint8_t extendable; /* the spelled units end the name, at input offset `end` */
    uint32_t src;
    uint32_t end; /* where the 0 unit that ended the spelling lies (or the input's end) */
    uint32_t off;
    uint32_t len;
};

struct vf_op {
    uint8_t kind;   /* enum vf_op_kind */
    uint8_t thread; /* PRE and POST run on one thread [doc] */
    uint8_t force;  /* NOTIFYCANCEL.fForce */
    uint32_t hwnd;  /* NOTIFYADD.hwndOwner */
    uint32_t scope, type, display, usage;
    uint32_t flags;          /* dwAddFlags or NOTIFYCANCEL.dwFlags */
    uint32_t status;         /* the provider's result in POST */
    struct vf_name local;    /* lpLocalName, or lpName of a cancel */
    struct vf_name remote;   /* add only */
    struct vf_name provider; /* add; cancel: the POST's lpProvider */
};

/* A step: the PRE of an operation, or the POST of one whose PRE ran. */
struct vf_step {
    uint8_t post;
    uint8_t op;
};

struct vf_program {
    struct vf_op ops[VF_MAX_OPS];
    struct vf_step steps[VF_MAX_STEPS];
    uint32_t nops;
    uint32_t nsteps;
    uint8_t seed;         /* the input's first byte: which calls are cold */
    const uint8_t *input; /* the bytes decoded, valid while the program runs */
    uint32_t input_len;
    uint32_t pool_len;
    uint16_t pool[VF_POOL_UNITS];
};

/* Decodes any bytes; never fails. Every PRE gets its POST: the input's own
 * order first, the rest at the end in PRE order. */
void vf_decode(struct vf_program *p, const uint8_t *data, size_t size);

/* Units of a name (NULL when the name is NULL). */
const uint16_t *vf_name_units(const struct vf_program *p, const struct vf_name *n);

#endif
