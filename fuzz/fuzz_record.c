/* Property: the JSON Lines reader, given any bytes (logs that hostile names
 * helped write), never reads past the line, reports errors at an offset
 * inside it, accepts exactly the lines an independent reader written from
 * the schema's rules accepts (record_model.c), and decodes them to the same
 * values and names, every name well-formed UTF-8; an accepted record formats
 * back (into buffers of exactly its length, one more, and fewer) to a record
 * that parses to the same values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "record_model.h"
#include "record_rules.h"

/* UTF-8 (as the reader returns names) to UTF-16 for the formatter, in a
 * scratch kept between inputs and poisoned past the units written (ASan
 * checks it like an exact-size block); 0 when the bytes are not well-formed
 * UTF-8. */
static int utf8_to_utf16(const char *s, size_t len, fuzz_scratch *buf, cn_wchar **out,
                         size_t *out_len)
{
    const unsigned char *u = (const unsigned char *)s;
    cn_wchar *w = (cn_wchar *)fuzz_scratch_get(buf, (len + 1) * sizeof(cn_wchar));
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp, min;
        size_t n;
        if (u[i] < 0x80) { cp = u[i]; n = 1; min = 0; }
        else if ((u[i] & 0xE0) == 0xC0) { cp = u[i] & 0x1Fu; n = 2; min = 0x80; }
        else if ((u[i] & 0xF0) == 0xE0) { cp = u[i] & 0x0Fu; n = 3; min = 0x800; }
        else if ((u[i] & 0xF8) == 0xF0) { cp = u[i] & 0x07u; n = 4; min = 0x10000; }
        else goto bad;
        if (len - i < n)
            goto bad;
        for (size_t k = 1; k < n; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = cp << 6 | (u[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        if (cp >= 0x10000) {
            w[o++] = (cn_wchar)(0xD800 + ((cp - 0x10000) >> 10));
            w[o++] = (cn_wchar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            w[o++] = (cn_wchar)cp;
        }
        i += n;
    }
    fuzz_scratch_get(buf, o * sizeof(cn_wchar));
    *out = w;
    *out_len = o;
    return 1;
bad:
    return 0;
}

static void check_fields(const cn_record *rec)
{
    FUZZ_ASSERT(rec->op == CN_OP_ADD || rec->op == CN_OP_CANCEL, "op %d", rec->op);
    FUZZ_ASSERT(rec->phase == CN_PHASE_PRE || rec->phase == CN_PHASE_POST, "phase %d", rec->phase);
    FUZZ_ASSERT(memchr(rec->time, '\0', sizeof(rec->time)) != NULL, "time not terminated");
    FUZZ_ASSERT(memchr(rec->ctx, '\0', sizeof(rec->ctx)) != NULL, "ctx not terminated");
    FUZZ_ASSERT(!rec->local || rec->local[rec->local_len] == '\0', "local not terminated");
    FUZZ_ASSERT(!rec->remote || rec->remote[rec->remote_len] == '\0', "remote not terminated");
    FUZZ_ASSERT(!rec->provider || rec->provider[rec->provider_len] == '\0', "provider not terminated");
    /* Schema: key null exactly when a ctx reason follows. */
    FUZZ_ASSERT((rec->key == 0) == (rec->ctx[0] != '\0'), "key %llu with ctx \"%s\"",
                (unsigned long long)rec->key, rec->ctx);
}

/* cn_record_format into a block of exactly cap bytes: returns len and,
 * when it fits, the same bytes as `full` (NUL only when len < cap). */
static void format_exact(const cn_event *ev, size_t cap, const char *full, size_t len)
{
    static fuzz_scratch exact;
    char *buf = fuzz_scratch_get(&exact, cap);
    size_t got = cn_record_format(ev, buf, cap);
    FUZZ_ASSERT(got == len, "cap %lu: length %lu, with room %lu", (unsigned long)cap,
                (unsigned long)got, (unsigned long)len);
    if (cap >= len)
        FUZZ_ASSERT(memcmp(buf, full, len) == 0 && (cap == len || buf[len] == '\0'),
                    "cap %lu: a different record of %lu bytes", (unsigned long)cap,
                    (unsigned long)len);
}

static void compare_model(const uint8_t *data, size_t size, cn_parse_result r,
                          const cn_record *rec);

/* Rule edits (record_rules.c) tried on each accepted record: the first
 * RULES_ALWAYS, and more picked by a hash of the input, so that every edit
 * is tried within a few dozen records. */
#define RULES_PER_INPUT 4u

/* The formatter's line, edited: a broken rule is rejected, and the reader
 * agrees with the model on every edit. */
static void check_rules(const char *line, size_t len, uint32_t seed)
{
    for (uint32_t j = 0; j < RULES_ALWAYS + RULES_PER_INPUT; j++) {
        size_t span = record_rules_count() - RULES_ALWAYS, n, err_off = 0;
        size_t i = j < RULES_ALWAYS ? j : RULES_ALWAYS + (size_t)(seed + j * 7919u) % span;
        const char *what;
        int breaks;
        char *m = record_rules_apply(i, line, len, &n, &breaks, &what);
        cn_record rec;
        cn_parse_result r;
        if (!m)
            continue;
        fuzz_record_garble(&rec);
        r = cn_record_parse(m, n, &rec, &err_off);
        FUZZ_ASSERT(!breaks || r != CN_PARSE_OK, "rule edit %lu (\"%s\") accepted: %.*s",
                    (unsigned long)i, what, (int)n, m);
        compare_model((const uint8_t *)m, n, r, &rec);
        if (r == CN_PARSE_OK)
            cn_record_free(&rec);
        free(m);
    }
}

/* Formats rec again and parses the result: same values. Every name the
 * reader returns is well-formed UTF-8 (the formatter takes UTF-16). */
static void round_trip(const cn_record *rec, uint32_t seed)
{
    cn_wchar *w[3] = {NULL, NULL, NULL};
    size_t wl[3] = {0, 0, 0};
    const char *names[3] = {rec->local, rec->remote, rec->provider};
    const size_t lens[3] = {rec->local_len, rec->remote_len, rec->provider_len};
    cn_name16 *dst[3];
    cn_event ev;
    cn_record back;
    static fuzz_scratch scratch, units[3];
    size_t cap, got, err_off = 0;
    char *buf, *line;
    cn_parse_result r;
    int ok = 1;

    for (int i = 0; i < 3; i++)
        if (names[i] && !utf8_to_utf16(names[i], lens[i], &units[i], &w[i], &wl[i]))
            ok = 0;
    FUZZ_ASSERT(ok, "accepted a name that is not well-formed UTF-8");
    memset(&ev, 0, sizeof(ev));
    ev.op = rec->op;
    ev.phase = rec->phase;
    ev.status = rec->status;
    ev.type = rec->type;
    ev.flags = rec->flags;
    ev.force = rec->force;
    dst[0] = &ev.local;
    dst[1] = &ev.remote;
    dst[2] = &ev.provider;
    for (int i = 0; i < 3; i++) {
        dst[i]->p = names[i] ? w[i] : NULL;
        dst[i]->len = wl[i];
        dst[i]->truncated = rec->truncated && i == 0;
    }
    ev.pid = rec->pid;
    ev.tid = rec->tid;
    ev.time_ms = rec->time_ms;
    ev.seq = rec->seq;
    ev.key = rec->key;
    ev.ctx = rec->ctx[0] ? rec->ctx : NULL;

    cap = cn_record_max(wl[0], wl[1], wl[2]);
    buf = fuzz_scratch_get(&scratch, cap);   /* no worst-size block per input */
    got = cn_record_format(&ev, buf, cap);
    FUZZ_ASSERT(got <= cap, "record of %lu bytes over its bound %lu", (unsigned long)got,
                (unsigned long)cap);
    /* Exact fit (no NUL), one more (NUL), one short, half, none. */
    format_exact(&ev, got, buf, got);
    format_exact(&ev, got + 1, buf, got);
    format_exact(&ev, got - 1, buf, got);
    format_exact(&ev, got / 2, buf, got);
    format_exact(&ev, 0, buf, got);
    line = fuzz_malloc(got); /* exact size: the reader must stop at got */
    memcpy(line, buf, got);
    fuzz_record_garble(&back);
    r = cn_record_parse(line, got, &back, &err_off);
    FUZZ_ASSERT(r == CN_PARSE_OK, "re-formatted record rejected: %s at %lu: %.*s",
                cn_parse_result_name(r), (unsigned long)err_off, (int)got, line);
    FUZZ_ASSERT(back.op == rec->op && back.phase == rec->phase && back.status == rec->status &&
                back.type == rec->type && back.flags == rec->flags && back.force == rec->force &&
                back.pid == rec->pid && back.tid == rec->tid && back.time_ms == rec->time_ms &&
                back.seq == rec->seq && back.key == rec->key && back.truncated == rec->truncated &&
                strcmp(back.ctx, rec->ctx) == 0 && strcmp(back.time, rec->time) == 0,
                "round trip changed a field: %.*s", (int)got, line);
    fuzz_check_name("local", back.local, back.local_len, ev.local.p, ev.local.len);
    fuzz_check_name("remote", back.remote, back.remote_len, ev.remote.p, ev.remote.len);
    fuzz_check_name("provider", back.provider, back.provider_len, ev.provider.p, ev.provider.len);
    cn_record_free(&back);
    check_rules(line, got, seed);
    free(line);
}

static void check_name(const char *what, const char *got, size_t got_len, const char *want,
                       size_t want_len)
{
    FUZZ_ASSERT((got == NULL) == (want == NULL), "%s: %s, the model reads %s", what,
                got ? "a string" : "null", want ? "a string" : "null");
    if (!got)
        return;
    FUZZ_ASSERT(got_len == want_len && memcmp(got, want, want_len) == 0,
                "%s decoded to %lu bytes \"%.*s\", the model's decoder to %lu \"%.*s\"", what,
                (unsigned long)got_len, (int)got_len, got, (unsigned long)want_len,
                (int)want_len, want);
    FUZZ_ASSERT(model_utf8_valid(got, got_len), "%s: accepted name not well-formed UTF-8", what);
}

/* Both readers accept or both reject; accepted, the same values. */
static void compare_model(const uint8_t *data, size_t size, cn_parse_result r,
                          const cn_record *rec)
{
    model_record m;
    const char *why = NULL;
    int ok = model_record_parse((const char *)data, size, &m, &why);

    FUZZ_ASSERT(ok == (r == CN_PARSE_OK), "cn_record_parse: %s; the schema's rules: %s: %.*s",
                cn_parse_result_name(r), ok ? "a record" : why, (int)size, (const char *)data);
    if (!ok)
        return;
    FUZZ_ASSERT((int)rec->op == m.op && (int)rec->phase == m.phase && rec->seq == m.seq &&
                rec->pid == m.pid && rec->tid == m.tid && rec->status == m.status &&
                rec->type == m.type && rec->flags == m.flags && rec->key == m.key &&
                rec->force == m.force && rec->truncated == m.truncated &&
                rec->time_ms == m.time_ms && strcmp(rec->time, m.time) == 0 &&
                strcmp(rec->ctx, m.ctx) == 0,
                "a field differs from the model's reading: %.*s", (int)size, (const char *)data);
    check_name("local", rec->local, rec->local_len, m.name[0], m.name_len[0]);
    check_name("remote", rec->remote, rec->remote_len, m.name[1], m.name_len[1]);
    check_name("provider", rec->provider, rec->provider_len, m.name[2], m.name_len[2]);
    model_record_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* [design] the names of the results, as notify_core.h lists them. */
    static const char *const results[] = {"ok", "syntax", "field", "value", "nomem"};
    cn_record rec;
    size_t err_off = SIZE_MAX;
    cn_parse_result r;

    fuzz_record_garble(&rec);
    /* libFuzzer's buffer is exact-size already; const: never written. */
    r = cn_record_parse((const char *)data, size, &rec, &err_off);
    FUZZ_ASSERT(r <= CN_PARSE_NOMEM && strcmp(cn_parse_result_name(r), results[r]) == 0,
                "parse result %d named \"%s\"", (int)r, cn_parse_result_name(r));
    if (fuzz_trace())
        fprintf(stderr, "parse: %s at %lu\n", cn_parse_result_name(r), (unsigned long)(r ? err_off : size));
    compare_model(data, size, r, &rec);
    if (r != CN_PARSE_OK) {
        FUZZ_ASSERT(err_off <= size, "error offset %lu in a %lu-byte line", (unsigned long)err_off,
                    (unsigned long)size);
        return 0;
    }
    check_fields(&rec);
    {
        uint32_t seed = 2166136261u;   /* FNV-1a of the input */
        for (size_t i = 0; i < size; i++)
            seed = (seed ^ data[i]) * 16777619u;
        round_trip(&rec, seed);
    }
    cn_record_free(&rec);
    return 0;
}
