/* The log schema, once: every field of a record in the order the formatter
 * writes it, and the words its enumerated fields take. The formatter
 * (record_format.c), the reader (record_parse.c) and the tests expand these
 * lists; a field is added here and nowhere else. docs/reference-core.md
 * describes the schema for people. */
#ifndef CONNOTIFY_RECORD_SCHEMA_H
#define CONNOTIFY_RECORD_SCHEMA_H

/* X(name, kind): name is the JSON key as written (and the member of
 * cn_event / cn_record where one exists); kind says how the value is
 * written and read:
 *   VERSION    the number 1
 *   U64, U32   an unsigned decimal up to 2^64-1, 2^32-1
 *   TIME       "YYYY-MM-DDTHH:MM:SS.mmmZ", UTC, 1970 to 9999
 *   OP, PHASE  a word of CN_RECORD_OPS, CN_RECORD_PHASES
 *   BOOL       true or false
 *   NAME       a string (UTF-8, escaped) or null
 *   TRUNCATED  true or false: a NAME field was cut at the bound
 *   KEY        a number above 0, or null
 *   CTX        a word of CN_RECORD_CTXS; written, and required, only
 *              when key is null */
#define CN_RECORD_FIELDS(X) \
    X(v, VERSION)           \
    X(seq, U64)             \
    X(time, TIME)           \
    X(pid, U32)             \
    X(tid, U32)             \
    X(op, OP)               \
    X(phase, PHASE)         \
    X(status, U32)          \
    X(type, U32)            \
    X(flags, U32)           \
    X(force, BOOL)          \
    X(local, NAME)          \
    X(remote, NAME)         \
    X(provider, NAME)       \
    X(truncated, TRUNCATED) \
    X(key, KEY)             \
    X(ctx, CTX)

/* A field's key as written, with its quotes and colon: "seq": */
#define CN_RECORD_KEY(name) "\"" #name "\":"

/* Words of op and phase, in the order of cn_op and cn_phase. */
#define CN_RECORD_OPS(X)    X(add) X(cancel)
#define CN_RECORD_PHASES(X) X(pre) X(post)

/* Words of ctx: "dropped" is a PRE's (pool full, lpContext left NULL), the
 * others a POST's, as cn_ctx_result_name() spells them. */
#define CN_RECORD_CTXS(X) X(dropped) X(forged) X(stale) X(duplicate) X(null)

#endif /* CONNOTIFY_RECORD_SCHEMA_H */
