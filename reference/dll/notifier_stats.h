/* Counters of the reference notifier, published in a named shared-memory
 * section so that tests and tools can read them without extra exports.
 *
 * Section name: "Local\\connotify-stats-<pid>" (decimal pid of the process
 * that loaded connotify_notifier.dll), size sizeof(cn_stats), created on the
 * first AddConnectNotify/CancelConnectNotify call. Readers OpenFileMappingW it
 * with FILE_MAP_READ; the section outlives a FreeLibrary while a reader holds
 * it, and counters then continue across reloads: compare differences.
 * Every counter only grows; each is updated with one interlocked operation. */
#ifndef CONNOTIFY_NOTIFIER_STATS_H
#define CONNOTIFY_NOTIFIER_STATS_H

#include <stdint.h>

#define CN_STATS_NAME_FMT L"Local\\connotify-stats-%lu"
#define CN_STATS_VERSION 1u

/* log_state values */
#define CN_LOG_UNCONFIGURED 0u /* no HKLM\SOFTWARE\connotify LogPath */
#define CN_LOG_OPEN         1u /* log file open */
#define CN_LOG_FAILING      2u /* open failed; retried at most once a second */

typedef struct cn_stats {
    uint32_t version;        /* CN_STATS_VERSION */
    uint32_t size;           /* sizeof(cn_stats) */
    volatile int64_t calls;         /* AddConnectNotify + CancelConnectNotify calls */
    volatile int64_t written;       /* records appended to the log */
    volatile int64_t sink_failures; /* records not written: no LogPath, log not
                                       open, or WriteFile failed/short */
    volatile int64_t open_failures; /* CreateFileW attempts on LogPath that failed */
    volatile int64_t write_failures;/* WriteFile calls that failed or were short */
    volatile int64_t dropped;       /* PRE with a full context pool (no POST) */
    volatile int64_t rejected;      /* POST with a forged/stale/duplicate/NULL context */
    volatile int64_t invalid;       /* calls answered WN_BAD_VALUE */
    volatile uint32_t log_state;    /* CN_LOG_* */
    volatile uint32_t last_error;   /* GetLastError() of the last open/write failure */
} cn_stats;

/* One layout for i686 and x86_64 readers and writers. */
_Static_assert(sizeof(cn_stats) == 80, "cn_stats layout");

#endif /* CONNOTIFY_NOTIFIER_STATS_H */
