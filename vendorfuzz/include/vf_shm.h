/* The memory the native libFuzzer driver and the Wine host share: one file
 * under /dev/shm, mapped by the driver with mmap and by the host through
 * its Z: path. Fixed-width fields only: the same bytes on both sides. */
#ifndef VF_SHM_H
#define VF_SHM_H

#include <stdint.h>

#define VF_MAGIC      0x4e46564eu /* "NVFN" */
#define VF_VERSION    4u
#define VF_MAX_INPUT  4096u  /* bytes of one input (max_len) */
#define VF_COV_SIZE   65536u /* edge counters of an instrumented DLL */
#define VF_BEHAV_SIZE 4096u  /* behaviour counters (every DLL) */
#define VF_TEXT       512u
/* Pause instructions a waiting side (driver, host, the host's threads) spins before it
 * sleeps on a futex: long when each job has two cores of its own, short when jobs share
 * them, where a spin takes the core the other side needs (docs/vendor-fuzzing.md, "Speed"). */
#define VF_SPINS_ALONE  2000u
#define VF_SPINS_SHARED 50u

/* Host states [design]. */
enum vf_host_state { VF_STARTING = 0, VF_READY = 1, VF_FATAL = 2 };

/* Verdict of one input. */
enum vf_verdict { VF_OK = 0, VF_FINDING = 1 };

/* What the coverage library (vf_cov.c) reads first: it lives at offset 0
 * of the section named VF_COV_SECTION_FMT, so a DLL needs no other part of
 * this file. */
struct vf_cov_hdr {
    uint32_t magic;
    uint32_t cov_off;           /* offset of the counters */
    uint32_t cov_size;          /* VF_COV_SIZE */
    volatile uint32_t attached; /* the DLL's library found the section */
    volatile uint32_t mode;     /* enum vf_cov_mode, set by the library */
    volatile uint32_t guards;   /* trace-pc-guard: guards handed out */
    /* Version 2: the comparison log (struct vf_cmp), 0 when there is none.
     * Appended, so a library of version 1 still finds its fields. */
    uint32_t cmp_off;
    uint32_t cmp_slots;
    volatile uint32_t cmp_gen; /* the request now running: fresh entries carry it */
};

/* One operand pair the notifier compared, for libFuzzer's tables of recent
 * comparisons (the driver hands them over after the input):
 * VF_CMP_INT: integers of `len` bytes (trace-cmp, vf_cov.c);
 * VF_CMP_WORD: byte strings of `len` bytes, `a` as the input holds it and
 * `b` what it was compared with (string calls hooked by the host);
 * VF_CMP_TOKEN: `b` alone, a string worth inserting somewhere;
 * VF_CMP_END: a unit compared with a 0 unit (maybe a name's NUL): `b` the
 * other unit, `len` its width (trace-cmp, vf_cov.c; one slot per site and
 * unit). With the ends of the spelled names (struct vf_name_end), the
 * driver's mutator appends such a unit to a name (vf_extend.c). */
#define VF_CMP_SLOTS 128u
#define VF_CMP_BYTES 64u /* libFuzzer's longest word */
enum vf_cmp_kind {
    VF_CMP_NONE = 0,
    VF_CMP_INT = 1,
    VF_CMP_WORD = 2,
    VF_CMP_TOKEN = 3,
    VF_CMP_END = 4
};
struct vf_cmp {
    volatile uint32_t gen;
    uint16_t kind;
    uint16_t len;
    uint32_t site; /* RVA of the comparison in the notifier, hashed */
    uint8_t a[VF_CMP_BYTES];
    uint8_t b[VF_CMP_BYTES];
};

/* Where a name the input spells unit by unit ends in the input: inserting
 * `enc` bytes at `off` adds a unit at the name's end (version 3). */
#define VF_NAME_ENDS 16u
struct vf_name_end {
    uint32_t off;
    uint32_t enc; /* bytes per unit: 1 or 2 */
};

enum vf_cov_mode { VF_COV_NONE = 0, VF_COV_TRACE_PC = 1, VF_COV_PC_GUARD = 2 };

/* Name of the section the host creates over this file: the pid is the
 * host's (the DLL's own process). Wide format for CreateFileMappingW. */
#define VF_COV_SECTION_FMT L"Local\\connotify-vfcov-%lu"

struct vf_shm {
    struct vf_cov_hdr cov_hdr;
    uint32_t version;
    volatile uint32_t host_state; /* enum vf_host_state */
    volatile uint32_t req;        /* driver: bumped once per input */
    volatile uint32_t done;       /* host: = req when the input ran */
    volatile uint32_t busy;       /* host: inside a notifier call */
    uint32_t input_len;
    uint32_t verdict; /* enum vf_verdict */
    uint32_t calls;   /* notifier calls made by the input */
    uint32_t hang_ms; /* per-call limit the host's watchdog keeps */
    uint32_t noop;    /* floor: run the loop, call nothing */
    /* Wake-ups: a side that waits longer than its spin sets its flag and
     * waits on a futex; the other side wakes it when it sees the flag. */
    volatile uint32_t host_sleeping;
    volatile uint32_t driver_sleeping;
    char state[VF_TEXT];      /* crash state: kind and dll+0xRVA */
    char detail[VF_TEXT * 2]; /* what happened, in which call */
    char step[VF_TEXT];       /* the call running now */
    uint8_t behav[VF_BEHAV_SIZE];
    uint8_t input[VF_MAX_INPUT];
    uint8_t cov[VF_COV_SIZE];
    struct vf_cmp cmp[VF_CMP_SLOTS];
    /* Version 3, appended: the spelled names' ends of the input that ran. */
    uint32_t nends;
    struct vf_name_end ends[VF_NAME_ENDS];
    /* Version 4, appended: the spin of every waiting side (VF_SPINS_*), the driver's choice. */
    uint32_t spins;
};

#endif
