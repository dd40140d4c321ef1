/* Shared by every fuzz target: always-on assertions, the record capture
 * (a cn_platform whose sink keeps the last line), exact-size buffers and an
 * independent UTF-16 -> UTF-8 model to check the core's output against. */
#ifndef CONNOTIFY_FUZZ_COMMON_H
#define CONNOTIFY_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "connotify/notify_core.h"
#include "fuzz_data_producer.h"

/* libFuzzer entry point, also called by the replay main. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__GNUC__) || defined(__clang__)
#define FUZZ_NORETURN __attribute__((noreturn))
#define FUZZ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FUZZ_NORETURN
#define FUZZ_PRINTF(f, a)
#endif

FUZZ_NORETURN FUZZ_PRINTF(4, 5)
void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...);

/* Always on, whatever NDEBUG says: prints the message and aborts. */
#define FUZZ_ASSERT(cond, ...) \
    ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__))

/* Environment CONNOTIFY_FUZZ_TRACE=1: print every record and parse
 * result to stderr (for reading a replayed input). */
int fuzz_trace(void);

/* malloc that aborts instead of returning NULL (n == 0 allocates 1 byte). */
void *fuzz_malloc(size_t n);

/* A buffer kept between calls (no allocation per input). Under ASan the
 * bytes past the n asked for are poisoned, so it checks like malloc(n). */
typedef struct fuzz_scratch {
    char *p;
    size_t cap;
} fuzz_scratch;
char *fuzz_scratch_get(fuzz_scratch *s, size_t n);

/* ---- record capture through cn_platform ---- */

typedef struct fuzz_capture {
    char *line;          /* last record, len bytes readable, no NUL */
    size_t len;
    unsigned count;      /* sink calls since fuzz_capture_take */
    int fail;            /* sink returns failure while set */
    unsigned failures;   /* sink calls that failed */
} fuzz_capture;

/* The platform's pid/tid/clock are process-wide (its callbacks take no
 * argument): one capture at a time. */
const cn_platform *fuzz_platform(fuzz_capture *c, uint32_t pid, uint32_t tid,
                                 uint64_t now_ms);
/* Checks that exactly one record was written since the last call, parses it
 * from an exact-size buffer and checks the fields every record shares. */
void fuzz_capture_parse(fuzz_capture *c, cn_record *rec);
void fuzz_capture_free(fuzz_capture *c);

/* Fills a record with garbage before cn_record_parse: the reader must set
 * every field itself (and free nothing it did not allocate). */
void fuzz_record_garble(cn_record *rec);

/* ---- names ---- */

/* UTF-8 of s[0..len), unpaired surrogates as U+FFFD: a model written apart
 * from the core's converter. Returns a fuzz_malloc'd buffer. */
char *fuzz_utf8_model(const cn_wchar *s, size_t len, size_t *out_len);

/* Asserts a name read back equals the UTF-16 units the core should have
 * read (p NULL: the record holds null). */
void fuzz_check_name(const char *what, const char *got, size_t got_len,
                     const cn_wchar *p, size_t len);

/* A name as the targets build it: units in an exact-size heap buffer. */
typedef struct fuzz_name {
    cn_wchar *p;         /* NULL for a NULL pointer */
    size_t units;        /* buffer size in code units */
    size_t len;          /* expected length read by the core */
    int truncated;       /* expected: no NUL within the bound */
} fuzz_name;

/* Decodes one name for bound `bound`: NULL, NUL-terminated (embedded NULs
 * and control characters allowed), unterminated exactly `bound` units long,
 * or longer than the bound. */
void fuzz_name_make(fuzz_name *n, fuzz_data_producer *p, size_t bound);
void fuzz_name_free(fuzz_name *n);

#endif /* CONNOTIFY_FUZZ_COMMON_H */
