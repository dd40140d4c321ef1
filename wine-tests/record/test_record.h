/* The shared record of the test provider, the probe notifiers and the test
 * programs: one named section per process ("Local\connotify-wtest-<pid>",
 * MPR loads providers and notifiers in the calling process), fixed layout,
 * zero-filled = default script. Every call a helper DLL receives becomes one
 * event with a global order number, so a test can prove
 * PRE < provider call < POST. */
#ifndef CONNOTIFY_TEST_RECORD_H
#define CONNOTIFY_TEST_RECORD_H

#include <windows.h>
#include <stdint.h>

#define TR_MAGIC 0x31525443u /* "CTR1" */
#define TR_EVENTS 256
#define TR_NAME_CAP 128      /* UTF-16 units kept per name, NUL included */
#define TR_CONNS 16
#define TR_QUEUE 8

/* Name of the test provider (Services\<key>\NetworkProvider\Name). */
#define TR_PROVIDER_NAME L"connotify test provider"
#define TR_PROVIDER_NAME_A "connotify test provider"

enum tr_source { TR_SRC_PROVIDER = 0, TR_SRC_PROBE1 = 1, TR_SRC_PROBE2 = 2, TR_SOURCES = 3 };

enum tr_func {
    TR_FN_NPADDCONNECTION = 1,
    TR_FN_NPADDCONNECTION3,
    TR_FN_NPCANCELCONNECTION,
    TR_FN_NPGETCONNECTION,
    TR_FN_ADDCONNECTNOTIFY,
    TR_FN_CANCELCONNECTNOTIFY
};

enum tr_name_state {
    TR_NAME_NULL = 0,      /* NULL pointer */
    TR_NAME_OK,            /* copied whole */
    TR_NAME_TRUNCATED,     /* longer than TR_NAME_CAP - 1: prefix kept */
    TR_NAME_BAD            /* pointer not readable */
};

typedef struct tr_name {
    uint32_t state;
    uint32_t len;              /* units copied */
    WCHAR s[TR_NAME_CAP];      /* always NUL-terminated */
} tr_name;

/* Bits of tr_event.nulls. */
#define TR_NULL_INFO   1u      /* NOTIFYINFO pointer was NULL */
#define TR_NULL_STRUCT 2u      /* NOTIFYADD / NOTIFYCANCEL / NETRESOURCE NULL */
#define TR_NULL_PASSWORD 4u
#define TR_NULL_USER   8u

typedef struct tr_event {
    volatile LONG ready;       /* set last */
    uint32_t order;            /* global order number, 1-based */
    uint32_t source, func, pid, tid;
    uint32_t nulls;
    uint32_t notify_status;    /* NOTIFYINFO.dwNotifyStatus */
    uint32_t op_status;        /* NOTIFYINFO.dwOperationStatus */
    uint64_t ctx_in;           /* lpContext as received */
    uint64_t ctx_out;          /* lpContext as left on return */
    uint32_t ret;              /* value returned to MPR */
    uint64_t hwnd;
    uint32_t scope, type, display_type, usage;
    tr_name local;             /* lpLocalName, or NOTIFYCANCEL/NP lpName */
    tr_name remote;
    tr_name comment;
    tr_name provider;          /* lpProvider; cancel: POST only */
    uint64_t provider_ptr;     /* NOTIFYCANCEL.lpProvider raw value (PRE: never read) */
    uint32_t flags;            /* dwAddFlags / dwFlags */
    int32_t force;
} tr_event;

/* Provider script: queue first, then the sticky result; zero = automatic
 * (table-driven: ALREADY_CONNECTED / NOT_CONNECTED / SUCCESS). */
typedef struct tr_provider_script {
    uint32_t result_set;
    uint32_t result;
    uint32_t queue[TR_QUEUE];
    volatile LONG queue_len;
    volatile LONG queue_pos;
} tr_provider_script;

/* Probe script. Zero = set a non-NULL context, return WN_SUCCESS. */
#define TR_CTX_SET 0u
#define TR_CTX_NULL 1u
typedef struct tr_probe_script {
    uint32_t ctx_mode;
    uint32_t ctx_fixed;        /* 1: context = ctx_base exactly */
    uint64_t ctx_base;         /* context = ctx_base + n (n counts PREs); 0: default base */
    volatile LONG ctx_seq;
    uint32_t pre_ret;          /* returned by PRE while pre_count != 0 */
    volatile LONG pre_count;   /* < 0: always */
    uint32_t post_ret;
    volatile LONG post_count;
} tr_probe_script;

typedef struct tr_conn {
    uint32_t used;
    WCHAR local[TR_NAME_CAP];
    WCHAR remote[TR_NAME_CAP];
} tr_conn;

typedef struct tr_shared {
    uint32_t magic;
    uint32_t size;
    volatile LONG n_events;    /* claimed slots; > TR_EVENTS means overflow */
    volatile LONG order;
    volatile LONG getcaps_calls;
    volatile LONG conn_lock;
    tr_provider_script provider;
    tr_probe_script probe[TR_SOURCES];
    tr_conn conn[TR_CONNS];
    tr_event events[TR_EVENTS];
} tr_shared;

/* Maps the section of this process (created on first use). NULL on failure. */
tr_shared *tr_open(void);
/* Clears events, scripts and the connection table (test programs only). */
void tr_reset(tr_shared *tr);
/* Claims the next event slot with its order number, or NULL when full. */
tr_event *tr_begin(tr_shared *tr, enum tr_source source, enum tr_func func);
void tr_commit(tr_event *ev);
/* Bounded copy that never faults on a bad pointer. */
void tr_copy_name(tr_name *dst, const WCHAR *src);
/* Number of committed events (capped at TR_EVENTS). */
unsigned tr_count(const tr_shared *tr);

const char *tr_func_name(uint32_t func);
const char *tr_source_name(uint32_t source);

#endif /* CONNOTIFY_TEST_RECORD_H */
