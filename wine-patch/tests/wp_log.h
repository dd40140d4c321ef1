/* Reads the JSON Lines log of the reference notifier back with the core's
 * strict reader (notify_core.h), for the tests of the patched MPR. */
#ifndef CONNOTIFY_WP_LOG_H
#define CONNOTIFY_WP_LOG_H

#include <windows.h>

#include "connotify/notify_core.h"

typedef struct wp_log {
    cn_record *rec;
    size_t count;
    size_t bad;          /* lines the reader refused (each one is a failed check) */
} wp_log;

/* Path of the log: env CONNOTIFY_LOG (a Windows path), or NULL. */
const WCHAR *wp_log_path(void);
/* Removes the log so that a run starts empty; TRUE when it is gone. */
BOOL wp_log_clear(const WCHAR *path);
/* Reads and parses every line. FALSE (with a failed check) when the file
 * cannot be read. */
BOOL wp_log_read(const WCHAR *path, wp_log *log);
void wp_log_free(wp_log *log);

/* A name of a record equals the UTF-8 text s (NULL equals JSON null). */
int wp_name_eq(const char *name, size_t len, const char *s);

#endif /* CONNOTIFY_WP_LOG_H */
