/* Fixtures of the core's unit tests (core_util.c). */
#ifndef CONNOTIFY_CORE_UTIL_H
#define CONNOTIFY_CORE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "connotify/notify_core.h"

/* A platform: pid 1234, tid 5678, time 2026-11-26T07:38:01.123Z, and a
 * sink that appends to sink_buf (fails while sink_fail is set). */
extern const cn_platform test_platform;
extern char sink_buf[1 << 20];
extern size_t sink_len;
extern unsigned sink_lines;
extern int sink_fail;
void sink_reset(void);
/* The last line in the sink, parsed. */
cn_parse_result last_record(cn_record *rec);

/* A NUL-terminated UTF-16 copy of ascii (up to 63 units); eight rotating
 * buffers. */
cn_wchar *w16(const char *ascii);

/* An add PRE: seq 12, pid 1234, tid 5678, key 17, the platform's time. */
cn_event base_event(void);
/* cn_record_format with two checks: the record fits cap and stays within
 * cn_record_max. */
size_t format(const cn_event *ev, char *buf, size_t cap);

/* CN_RECORD_FIELDS as a table: the name, the key as written, the kind. */
struct schema_field {
    const char *name, *key, *kind;
};
extern const struct schema_field schema[];
extern const unsigned schema_count;
/* A record with every field, ctx included: an add POST whose context was
 * stale. */
size_t schema_line(char *buf, size_t cap);
/* The "key":value member of field i in line: *start, and *end past the
 * value (before ',' or '}'). The values of schema_line hold neither. */
int member(const char *line, unsigned i, size_t *start, size_t *end);

#endif /* CONNOTIFY_CORE_UTIL_H */
