/* Counters of the reference notifier, published in a named shared-memory
 * section so that tests and tools can read them without extra exports.
 *
 * Section name: "Local\\connotify-stats-<pid>" (decimal pid of the process
 * that loaded connotify_notifier.dll), size sizeof(cn_stats), created on the
 * first AddConnectNotify/CancelConnectNotify call. Readers OpenFileMappingW it
 * with FILE_MAP_READ; the section outlives a FreeLibrary while a reader holds
 * it, and counters then continue across reloads: compare differences.
 * Every counter only grows; each is updated with one interlocked operation.
 * Version 2 appended the refusal fields; earlier fields keep their offsets. */
#ifndef CONNOTIFY_NOTIFIER_STATS_H
#define CONNOTIFY_NOTIFIER_STATS_H

#include <stdint.h>

#define CN_STATS_NAME_FMT L"Local\\connotify-stats-%lu"
#define CN_STATS_VERSION 2u

/* log_state values */
#define CN_LOG_UNCONFIGURED 0u /* no HKLM\SOFTWARE\connotify LogPath */
#define CN_LOG_OPEN         1u /* log file open */
#define CN_LOG_FAILING      2u /* open failed; retried at most once a second */
#define CN_LOG_REFUSED      3u /* the sink refused LogPath (`refusal`); retried likewise */

/* [design] Why the sink refused LogPath (`refusal`); `refusal_detail` in
 * brackets. The first six are decided from the path string, before any
 * open; the others from the file system. */
#define CN_REFUSE_NONE       0u
#define CN_REFUSE_RELATIVE   1u  /* not X:\...: relative, \x or X:x */
#define CN_REFUSE_DEVICE     2u  /* \\?\, \\.\ or \??\ path */
#define CN_REFUSE_UNC        3u  /* \\server\share path */
#define CN_REFUSE_RESERVED   4u  /* a component is a DOS device name: CON, NUL, COM1... */
#define CN_REFUSE_STREAM     5u  /* ':' after the drive: an alternate data stream */
#define CN_REFUSE_DRIVE      6u  /* X:\ is not DRIVE_FIXED [GetDriveTypeW] */
#define CN_REFUSE_REPARSE    7u  /* the file or a folder above it is a reparse point [tag] */
#define CN_REFUSE_DIRECTORY  8u  /* LogPath names a folder */
#define CN_REFUSE_NOT_DISK   9u  /* not a disk file: pipe, console, device [GetFileType] */
#define CN_REFUSE_HARD_LINK 10u  /* nNumberOfLinks != 1 [links] */
#define CN_REFUSE_ACL_DIR   11u  /* folder writable by non-administrators [access mask] */
#define CN_REFUSE_ACL_FILE  12u  /* file writable by non-administrators [access mask] */
#define CN_REFUSE_COUNT     13u

/* Names of CN_REFUSE_*, as cnlog and the docs print them. */
static inline const char *cn_refusal_name(uint32_t r)
{
    static const char *const names[CN_REFUSE_COUNT] = {
        "none", "relative", "device", "unc", "reserved", "stream", "drive",
        "reparse", "directory", "not_disk", "hard_link", "acl_dir", "acl_file",
    };
    return r < CN_REFUSE_COUNT ? names[r] : "unknown";
}

/* Names of CN_LOG_*. */
static inline const char *cn_log_state_name(uint32_t s)
{
    static const char *const names[] = { "unconfigured", "open", "failing", "refused" };
    return s < 4u ? names[s] : "unknown";
}

typedef struct cn_stats {
    uint32_t version;        /* CN_STATS_VERSION */
    uint32_t size;           /* sizeof(cn_stats) */
    volatile int64_t calls;         /* AddConnectNotify + CancelConnectNotify calls */
    volatile int64_t written;       /* records appended to the log */
    volatile int64_t sink_failures; /* records not written: no LogPath, log not
                                       open or refused, or WriteFile failed/short */
    volatile int64_t open_failures; /* CreateFileW attempts on LogPath that failed */
    volatile int64_t write_failures;/* WriteFile calls that failed or were short */
    volatile int64_t dropped;       /* PRE with a full context pool (no POST) */
    volatile int64_t rejected;      /* POST with a forged/stale/duplicate/NULL context */
    volatile int64_t invalid;       /* calls answered WN_BAD_VALUE */
    volatile uint32_t log_state;    /* CN_LOG_* */
    volatile uint32_t last_error;   /* GetLastError() of the last open/write failure */
    /* Version 2: */
    volatile int64_t refusals;      /* opens refused by the sink checks */
    volatile uint32_t refusal;      /* CN_REFUSE_* of the last refusal */
    volatile uint32_t refusal_detail; /* its detail (see CN_REFUSE_*) */
} cn_stats;

/* One layout for i686 and x86_64 readers and writers. */
_Static_assert(sizeof(cn_stats) == 96, "cn_stats layout");

#endif /* CONNOTIFY_NOTIFIER_STATS_H */
