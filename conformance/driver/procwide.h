/* Process-wide state beyond state.h's: the privileges enabled in the process
 * token, the code page of the file APIs, the console's code pages and the
 * standard handles. A notifier that changes one changes it for the host:
 * an enabled backup or restore privilege opens every file to the host's
 * later calls, an OEM file-API code page or a console UTF-8 code page
 * garbles the host's names and output, a replaced standard handle sends the
 * host's output into the notifier's file. [design] */
#ifndef PROCWIDE_H
#define PROCWIDE_H

#include <stddef.h>
#include <windows.h>

struct procwide {
    unsigned long long privileges; /* bit n: privilege LUID n enabled (n < 64) */
    BOOL file_apis_ansi;
    UINT console_cp;
    UINT console_out_cp;
    HANDLE std_handles[3]; /* input, output, error */
};

void procwide_take(struct procwide *s);
/* Describes the first difference into buf; 0 if none. */
int procwide_diff(const struct procwide *a, const struct procwide *b, char *buf, size_t cap);

#endif
