/* Process-wide state beyond state.h's: the privileges enabled in the process
 * token and its defaults for new objects (default DACL, owner), the code page of the file APIs, the console's code pages, the
 * standard handles, the console itself, the host's Winsock, the Ctrl+C flag, the shutdown
 * parameters, the job, the default file mode, the umask and the time zone of a shared C runtime, the
 * command line and the user's remembered connections (remembered.h). A notifier
 * that changes one changes it for the host: an enabled backup or restore
 * privilege opens every file to the host's later calls, another default DACL
 * or owner is given to every object the host makes later, an OEM file-API
 * code page or a console UTF-8 code page garbles the host's names and
 * output, a freed console leaves a console program (net use) without its
 * window and output, an allocated one opens a window over a GUI host,
 * a replaced standard handle sends the host's output into the
 * notifier's file, an unmatched WSACleanup closes the host's sockets, a
 * cleared Ctrl+C flag lets Ctrl+C end a host that ignored it, other
 * shutdown parameters change when the host is ended, a binary _fmode drops
 * the CRs of the host's text files, a umask with _S_IWRITE makes every file the
 * host creates read-only, a zone _tzset read from a TZ the notifier
 * set for a moment puts the host's local times in that zone, a command line
 * parsed in place loses the host's arguments, a job the notifier put the
 * process in holds it for good. [design] */
#ifndef PROCWIDE_H
#define PROCWIDE_H

#include <stddef.h>
#include <windows.h>

struct procwide {
    unsigned long long privileges; /* bit n: privilege LUID n enabled (n < 64) */
#define PRIVILEGES_UNREAD (~0ull)  /* the token could not be read: not compared */
    BOOL file_apis_ansi;
    HWND console; /* GetConsoleWindow: NULL without a console */
    UINT console_cp;
    UINT console_out_cp;
    HANDLE std_handles[3]; /* input, output, error */
    int winsock_alive;     /* host_winsock_alive() */
    int ctrl_c_ignored;
    DWORD shutdown_level;
    DWORD shutdown_flags;
    int crt_fmode[2]; /* per shared_crt_name(i); -1: not loaded */
    int crt_umask[2]; /* the same, _umask */
    int crt_zone_read[2]; /* per shared_crt_name(i): crt_zone and crt_daylight were read */
    long crt_zone[2];     /* _timezone: seconds west of UTC */
    int crt_daylight[2];
    unsigned command_line;         /* command_line_digest() */
    unsigned long long remembered; /* remembered_digest() */
    unsigned predef_overrides;     /* procwide_predef_overrides() */
    unsigned token_defaults;       /* of the token's default DACL and owner; 0 unread */
    BOOL in_job;                   /* IsProcessInJob(the process, any job) */
};

/* Opens what the snapshots read (the process token, the remembered
 * connections' watch) and gives the host a zone other than UTC (PROCWIDE_HOST_ZONE): before
 * any measurement. */
void procwide_init(void);
/* The host's C runtime zone: 5 hours west with daylight saving, so that a notifier that leaves
 * the runtime in UTC changes it (Wine's zone is the machine's, often UTC). */
#define PROCWIDE_HOST_ZONE "EST5EDT"
void procwide_take(struct procwide *s);
/* Describes the first difference into buf; 0 if none. */
int procwide_diff(const struct procwide *a, const struct procwide *b, char *buf, size_t cap);

#endif
