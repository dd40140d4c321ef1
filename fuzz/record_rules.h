/* The schema's rules as edits of an accepted record: each edit of a line
 * the formatter wrote either breaks a rule (the reader must reject the
 * result) or keeps the record valid in a form the formatter never writes
 * (escapes, whitespace, field order, other dates); either way the reader
 * and the independent model (record_model.c) must agree. */
#ifndef CONNOTIFY_FUZZ_RECORD_RULES_H
#define CONNOTIFY_FUZZ_RECORD_RULES_H

#include <stddef.h>
#include <stdint.h>

/* Number of edits in the table; the first RULES_ALWAYS are worth trying
 * on every record. */
size_t record_rules_count(void);
#define RULES_ALWAYS 2u

/* Applies edit i to the formatter's line[0..len) (no trailing newline
 * needed), into a fuzz_malloc'd block of exactly *out_len bytes. Returns
 * NULL when the edit does not apply to this line. *breaks: the edit breaks
 * a rule whatever the record; *what names it. */
char *record_rules_apply(size_t i, const char *line, size_t len, size_t *out_len, int *breaks,
                         const char **what);

#endif /* CONNOTIFY_FUZZ_RECORD_RULES_H */
