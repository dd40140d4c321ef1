/* An independent reader of one JSON Lines record: the rules of
 * docs/reference-core.md written down one by one, byte at a time, with no
 * shortcut of the core's reader (no padding, no word compares, its own JSON
 * string decoder and UTF-8 table). The oracle cn_record_parse is compared
 * with, both ways: what it accepts, what it rejects, what names decode to. */
#ifndef CONNOTIFY_FUZZ_RECORD_MODEL_H
#define CONNOTIFY_FUZZ_RECORD_MODEL_H

#include <stddef.h>
#include <stdint.h>

typedef struct model_record {
    int op;                 /* CN_OP_ADD, CN_OP_CANCEL */
    int phase;              /* CN_PHASE_PRE, CN_PHASE_POST */
    uint64_t seq, pid, tid, status, type, flags, key;   /* key 0: null */
    int force, truncated;
    char time[25];
    uint64_t time_ms;
    char ctx[16];           /* "" when absent */
    char *name[3];          /* local, remote, provider; NULL for null */
    size_t name_len[3];
} model_record;

/* 1: the line is a record (rec filled, free with model_record_free);
 * 0: a rule is broken, *why names it (rec holds no allocation). */
int model_record_parse(const char *line, size_t len, model_record *rec, const char **why);
void model_record_free(model_record *rec);

/* Well-formed UTF-8 (Unicode table 3-7: no overlong form, no surrogate,
 * nothing above U+10FFFF); NUL bytes allowed. */
int model_utf8_valid(const char *s, size_t len);

#endif /* CONNOTIFY_FUZZ_RECORD_MODEL_H */
