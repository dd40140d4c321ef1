#include "fuzz_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_data_producer.h"

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: FUZZ_ASSERT(%s) failed: ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

void *fuzz_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    FUZZ_ASSERT(p != NULL, "out of memory (%lu bytes)", (unsigned long)n);
    return p;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif
#if !defined(FUZZ_ASAN) && defined(__SANITIZE_ADDRESS__)
#define FUZZ_ASAN 1
#endif
#ifdef FUZZ_ASAN
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#endif

char *fuzz_scratch_get(fuzz_scratch *s, size_t n)
{
    if (n > s->cap || !s->p) {
        ASAN_UNPOISON_MEMORY_REGION(s->p, s->cap);
        free(s->p);
        s->cap = n;
        s->p = fuzz_malloc(n);
    }
    ASAN_UNPOISON_MEMORY_REGION(s->p, n);
    ASAN_POISON_MEMORY_REGION(s->p + n, s->cap - n);
    return s->p;
}

/* ---- capture ---- */

static uint32_t g_pid, g_tid;
static uint64_t g_now;
static int g_trace = -1;

int fuzz_trace(void)
{
    if (g_trace < 0) {
        const char *e = getenv("CONNOTIFY_FUZZ_TRACE");
        g_trace = e && *e && strcmp(e, "0") != 0;
    }
    return g_trace;
}

static uint32_t capture_pid(void) { return g_pid; }
static uint32_t capture_tid(void) { return g_tid; }
static uint64_t capture_now(void) { return g_now; }

/* The last record's copy, kept between records (one capture at a time). */
static fuzz_scratch line_scratch;

static int capture_sink(void *arg, const char *line, size_t len)
{
    fuzz_capture *c = arg;
    /* [design] one complete record per sink call: a JSON Lines line whose
     * only raw newline is the last byte. */
    FUZZ_ASSERT(len > 0 && line[len - 1] == '\n', "record of %lu bytes not newline-terminated", (unsigned long)len);
    FUZZ_ASSERT(memchr(line, '\n', len - 1) == NULL, "raw newline inside a record");
    c->count++;
    if (fuzz_trace())
        fprintf(stderr, "%s%.*s", c->fail ? "(sink fails) " : "", (int)len, line);
    if (c->fail) {
        c->failures++;
        return -1;
    }
    /* Poisoned past len: the reader is checked as with an exact-size block. */
    c->line = fuzz_scratch_get(&line_scratch, len);
    memcpy(c->line, line, len);
    c->len = len;
    return 0;
}

const cn_platform *fuzz_platform(fuzz_capture *c, uint32_t pid, uint32_t tid,
                                 uint64_t now_ms)
{
    static cn_platform platform;
    memset(c, 0, sizeof(*c));
    g_pid = pid;
    g_tid = tid;
    g_now = now_ms;
    platform.pid = capture_pid;
    platform.tid = capture_tid;
    platform.now_ms = capture_now;
    platform.sink = capture_sink;
    platform.sink_arg = c;
    return &platform;
}

void fuzz_record_garble(cn_record *rec)
{
    memset(rec, 0xA5, sizeof(*rec));
}

void fuzz_capture_parse(fuzz_capture *c, cn_record *rec)
{
    size_t err_off = 0;
    cn_parse_result r;
    FUZZ_ASSERT(c->count == 1, "%u records written for one call", c->count);
    c->count = 0;
    fuzz_record_garble(rec);
    r = cn_record_parse(c->line, c->len, rec, &err_off);
    FUZZ_ASSERT(r == CN_PARSE_OK, "own record rejected: %s at byte %lu of %.*s",
                cn_parse_result_name(r), (unsigned long)err_off, (int)c->len, c->line);
    FUZZ_ASSERT(rec->pid == g_pid && rec->tid == g_tid, "pid/tid %u/%u, expected %u/%u",
                (unsigned)rec->pid, (unsigned)rec->tid, (unsigned)g_pid, (unsigned)g_tid);
    FUZZ_ASSERT(rec->time_ms == g_now, "time %s read back as %llu, written %llu", rec->time,
                (unsigned long long)rec->time_ms, (unsigned long long)g_now);
}

void fuzz_capture_free(fuzz_capture *c)
{
    /* The scratch stays for the next input; nothing of it is readable. */
    fuzz_scratch_get(&line_scratch, 0);
    c->line = NULL;
}

/* ---- names ---- */

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* UTF-8 of s[0..len) into out (len * 3 + 1 bytes); returns its length. */
static size_t utf8_model_into(const cn_wchar *s, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t u = s[i];
        if (u - 0xD800u >= 0x800u) {
            /* not a surrogate */
        } else if (u <= 0xDBFF && i + 1 < len && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (s[i + 1] - 0xDC00u);
            i++;
        } else {
            u = 0xFFFD; /* [design] unpaired surrogate */
        }
        o += put_utf8(out + o, u);
    }
    out[o] = '\0';
    return o;
}

char *fuzz_utf8_model(const cn_wchar *s, size_t len, size_t *out_len)
{
    char *out = fuzz_malloc(len * 3 + 1);
    *out_len = utf8_model_into(s, len, out);
    return out;
}

void fuzz_check_name(const char *what, const char *got, size_t got_len,
                     const cn_wchar *p, size_t len)
{
    static fuzz_scratch model;   /* no allocation per name */
    char *want;
    size_t want_len;
    if (!p) {
        FUZZ_ASSERT(got == NULL, "%s: null name read back as \"%.*s\"", what, (int)got_len, got);
        return;
    }
    FUZZ_ASSERT(got != NULL, "%s: %lu-unit name read back as null", what, (unsigned long)len);
    want = fuzz_scratch_get(&model, len * 3 + 1);
    want_len = utf8_model_into(p, len, want);
    FUZZ_ASSERT(got_len == want_len && memcmp(got, want, want_len) == 0,
                "%s: read back %lu bytes \"%.*s\", expected %lu bytes \"%s\"", what,
                (unsigned long)got_len, (int)got_len, got, (unsigned long)want_len, want);
    FUZZ_ASSERT(got[got_len] == '\0', "%s: reader did not terminate the name", what);
}

/* Units the byte-mapped kind draws from: JSON escapes, surrogates of both
 * halves, non-characters, separators. */
static const cn_wchar interesting[32] = {
    0x0001, 0x0008, 0x0009, 0x000A, 0x000C, 0x000D, 0x001B, 0x001F,
    0x0022, 0x005C, 0x002F, 0x007F, 0x0080, 0x00E9, 0x07FF, 0x0800,
    0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00, 0xFFFD, 0xFFFF,
    0xFEFF, 0x2028, 0x0041, 0x005A, 0x003A, 0x0020, 0x0000, 0x0075,
};

/* Unterminated or over-long names at bound CN_NAME_MAX cost milliseconds
 * per run. Replays take them behind a gate byte (fuzz/regression/ inputs);
 * libFuzzer binaries never do: found once, such an input would be mutated
 * over and over and dominate the exec rate. */
#define HUGE_UNITS 4096u
#define HUGE_GATE  0xA5u
#ifdef CONNOTIFY_LIBFUZZER
#define HUGE_ALLOWED 0
#else
#define HUGE_ALLOWED 1
#endif

void fuzz_name_make(fuzz_name *n, fuzz_data_producer *p, size_t bound)
{
    uint32_t kind = fdp_u32_range(p, 0, 7);
    size_t want, got, src_units, units, nul;
    const uint8_t *src;
    memset(n, 0, sizeof(*n));
    if (kind == 0)
        return; /* NULL pointer */
    if ((kind == 5 || kind == 6) && bound > HUGE_UNITS &&
        (fdp_u32_range(p, 0, 255) != HUGE_GATE || !HUGE_ALLOWED))
        kind = 2;
    want = kind == 1 ? 0 : fdp_u32_range(p, 0, 128);
    src = fdp_bytes(p, kind == 7 ? want : want * 2, &got);
    src_units = kind == 7 ? got : got / 2;
    switch (kind) {
    case 5: /* unterminated, exactly the bound */
        units = bound;
        break;
    case 6: /* longer than the bound, terminated or not */
        units = bound + 1 + fdp_u32_range(p, 0, 3);
        break;
    default: /* terminated right after the data */
        units = src_units + 1;
        break;
    }
    n->p = fuzz_malloc(units * sizeof(cn_wchar));
    n->units = units;
    /* One loop per kind: the kind is not tested again for every unit. */
    if (kind == 7) {
        for (size_t i = 0; i < units; i++)
            n->p[i] = i < src_units ? interesting[src[i] % 32] : 0;
    } else if (src_units == 0) {
        for (size_t i = 0; i < units; i++)
            n->p[i] = (cn_wchar)('a' + i % 26);
    } else {
        for (size_t i = 0, j = 0; i < units; i++) {
            n->p[i] = (cn_wchar)(src[2 * j] | src[2 * j + 1] << 8);
            if (++j == src_units)
                j = 0;
        }
    }
    if (kind == 5 || kind == 6)
        for (size_t i = 0; i < units; i++)
            if (n->p[i] == 0)
                n->p[i] = 0x5C;
    if (kind != 5 && kind != 6)
        n->p[units - 1] = 0;
    else if (kind == 6 && fdp_bool(p))
        n->p[units - 1] = 0;
    /* What the core must report: the first NUL within the bound, else the
     * bound itself and truncated. */
    {
        size_t limit = units < bound ? units : bound;
        for (nul = 0; nul < limit && n->p[nul] != 0; nul++)
            ;
    }
    if (nul < units && nul < bound) {
        n->len = nul;
    } else {
        FUZZ_ASSERT(units >= bound, "name of %lu units without NUL under bound %lu",
                    (unsigned long)units, (unsigned long)bound);
        n->len = bound;
        n->truncated = 1;
    }
}

void fuzz_name_free(fuzz_name *n)
{
    free(n->p);
    n->p = NULL;
}
