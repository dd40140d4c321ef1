/* Portable core of the reference notifier: validation, context pool,
 * event records (JSON Lines) and their reader. C11, no windows.h.
 * Used by the DLL (reference/), the tests and the fuzz targets. */
#ifndef CONNOTIFY_NOTIFY_CORE_H
#define CONNOTIFY_NOTIFY_CORE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "notify_abi.h"

/* ---------------- names ---------------- */

/* Length in code units of a NUL-terminated UTF-16 name, reading at most
 * `bound` units (never more). Sets *truncated when no NUL was found within
 * the bound; the length is then `bound`. NULL name: length 0. */
size_t cn_wcsnlen(const cn_wchar *s, size_t bound, int *truncated);

/* ---------------- context pool ---------------- */

/* Slots in the fixed pool. lpContext values encode slot and generation;
 * they fit in 32 bits so they are the same on i686 and x86_64. The fuzz
 * build alone defines a smaller power of two (fuzz/CMakeLists.txt), so a
 * full pool costs a few calls; the DLL, the tests and the replays use 1024. */
#ifndef CN_POOL_SLOTS
#define CN_POOL_SLOTS 1024u
#endif

typedef enum cn_ctx_result {
    CN_CTX_OK = 0,
    CN_CTX_FORGED,     /* not a value this pool could have issued */
    CN_CTX_STALE,      /* a slot's older generation */
    CN_CTX_DUPLICATE,  /* issued, already consumed by a POST */
    CN_CTX_NULL        /* POST with lpContext NULL */
} cn_ctx_result;

typedef struct cn_pool {
    _Atomic uint32_t state[CN_POOL_SLOTS]; /* (generation << 1) | in_use */
    _Atomic uint64_t key[CN_POOL_SLOTS];   /* pairing key of the live PRE */
    _Atomic uint32_t hint;
    _Atomic uint64_t next_key;
    _Atomic uint64_t dropped;   /* PRE with a full pool: lpContext left NULL */
    _Atomic uint64_t rejected;  /* POST with a forged/stale/duplicate context */
    _Atomic uint32_t outstanding;
} cn_pool;

void cn_pool_init(cn_pool *pool);
/* Claims a slot: returns the context value and its pairing key (> 0), or
 * 0 when the pool is full (dropped counter incremented). Thread-safe. */
uintptr_t cn_pool_acquire(cn_pool *pool, uint64_t *key);
/* Consumes a context from a POST. Never dereferences ctx. On CN_CTX_OK sets
 * *key to the key its PRE got; otherwise counts a rejection. Thread-safe. */
cn_ctx_result cn_pool_release(cn_pool *pool, uintptr_t ctx, uint64_t *key);
uint32_t cn_pool_outstanding(const cn_pool *pool);
const char *cn_ctx_result_name(cn_ctx_result r);

/* ---------------- events ---------------- */

typedef enum cn_op { CN_OP_ADD = 1, CN_OP_CANCEL = 2 } cn_op;
typedef enum cn_phase { CN_PHASE_PRE = 1, CN_PHASE_POST = 2 } cn_phase;

typedef struct cn_name16 {
    const cn_wchar *p;   /* NULL: JSON null */
    size_t len;          /* code units, bounded */
    int truncated;       /* no NUL within the bound */
} cn_name16;

/* One notification, before formatting. Names point into the caller's
 * structures; nothing is copied. */
typedef struct cn_event {
    cn_op op;
    cn_phase phase;
    uint32_t status;      /* dwOperationStatus */
    uint32_t type;        /* NOTIFYADD.NetResource.dwType; 0 for cancel */
    uint32_t flags;       /* dwAddFlags or NOTIFYCANCEL.dwFlags */
    int32_t force;        /* NOTIFYCANCEL.fForce; 0 for add */
    cn_name16 local;      /* add: lpLocalName; cancel: lpName */
    cn_name16 remote;     /* add: lpRemoteName; cancel: NULL */
    cn_name16 provider;   /* add: lpProvider; cancel: POST only */
    uint32_t pid, tid;
    uint64_t time_ms;     /* Unix epoch, milliseconds, UTC */
    uint64_t seq;         /* per-notifier sequence number */
    uint64_t key;         /* pairing key; 0: none (dropped or rejected) */
    const char *ctx;      /* NULL, or cn_ctx_result_name() for a rejected POST */
} cn_event;

/* Platform services the core needs; the DLL fills them from Win32, tests
 * fix them. */
typedef struct cn_platform {
    uint32_t (*pid)(void);
    uint32_t (*tid)(void);
    uint64_t (*now_ms)(void);
    /* Writes one complete record (line incl. '\n') with one write; returns 0
     * on success. A failure is counted, never reported to MPR. */
    int (*sink)(void *arg, const char *line, size_t len);
    void *sink_arg;
} cn_platform;

typedef struct cn_notifier {
    cn_pool pool;
    _Atomic uint64_t seq;
    _Atomic uint64_t sink_failures;   /* records not written */
    _Atomic uint64_t invalid;         /* calls rejected by validation */
    const cn_platform *platform;
} cn_notifier;

void cn_notifier_init(cn_notifier *n, const cn_platform *platform);

/* Entry points with MPR's semantics. Return a WN_* code: CN_WN_SUCCESS, or
 * CN_WN_BAD_VALUE for a NULL structure or a dwNotifyStatus that is neither
 * PRE nor POST [doc]. PRE sets info->lpContext (NULL when the pool is full:
 * MPR then sends no POST [doc]). NOTIFYCANCEL.lpProvider is not read in PRE.
 * `name_bound` caps every name read (CN_NAME_MAX in the DLL). */
uint32_t cn_on_add(cn_notifier *n, cn_notifyinfo *info, const cn_notifyadd *add,
                   size_t name_bound);
uint32_t cn_on_cancel(cn_notifier *n, cn_notifyinfo *info,
                      const cn_notifycancel *cancel, size_t name_bound);

/* ---------------- records (JSON Lines) ---------------- */

/* Upper bound of a formatted record for the given name lengths. */
size_t cn_record_max(size_t local_len, size_t remote_len, size_t provider_len);
/* Formats one record, '\n'-terminated, into buf. Returns its length, or the
 * length needed when cap is too small (nothing useful written then).
 * NUL-terminated when the length is below cap. Times after year 9999 are
 * clamped to 9999-12-31T23:59:59.999Z. Records of events that cn_on_add /
 * cn_on_cancel produce always read back with cn_record_parse. */
size_t cn_record_format(const cn_event *ev, char *buf, size_t cap);

/* UTF-16 to UTF-8, unpaired surrogates replaced by U+FFFD. Returns bytes
 * needed (excluding NUL); writes at most cap-1 bytes plus NUL when cap > 0. */
size_t cn_utf16_to_utf8(const cn_wchar *s, size_t len, char *out, size_t cap);

/* A record read back. Names are NUL-terminated UTF-8, owned by the record
 * (free with cn_record_free); NULL when the record holds null. */
typedef struct cn_record {
    cn_op op;
    cn_phase phase;
    uint32_t status, type, flags;
    int32_t force;
    char *local, *remote, *provider;
    size_t local_len, remote_len, provider_len; /* bytes; names may embed NUL */
    int truncated;        /* any name truncated at the bound */
    uint32_t pid, tid;
    char time[32];        /* "YYYY-MM-DDTHH:MM:SS.mmmZ" */
    uint64_t time_ms;
    uint64_t seq, key;
    char ctx[16];         /* "" or the rejection reason */
} cn_record;

typedef enum cn_parse_result {
    CN_PARSE_OK = 0,
    CN_PARSE_SYNTAX,      /* not a JSON object on one line */
    CN_PARSE_FIELD,       /* missing, duplicate or mistyped field */
    CN_PARSE_VALUE,       /* value out of range (op, phase, time, ...) */
    CN_PARSE_NOMEM
} cn_parse_result;

/* Parses one line (without or with its trailing '\n'); never reads past
 * len. On error *err_off is the byte offset of the problem and rec holds
 * no allocation. Also checks the schema's cross-field rules
 * (docs/reference-core.md). */
cn_parse_result cn_record_parse(const char *line, size_t len, cn_record *rec,
                                size_t *err_off);
void cn_record_free(cn_record *rec);
const char *cn_parse_result_name(cn_parse_result r);

#endif /* CONNOTIFY_NOTIFY_CORE_H */
