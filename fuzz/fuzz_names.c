/* Property: cn_wcsnlen and cn_utf16_to_utf8, called directly on exact-size
 * buffers, agree with independent models: the length stops at the first NUL
 * or the bound and nothing past either is read; the UTF-8 conversion
 * returns the whole length and writes only whole characters plus a NUL,
 * never a byte past cap, whatever cap (0, exact fit, one short, any); and
 * cn_record_max bounds the record of any fields with these units as every
 * name, which reads back with the model's UTF-8 of each name and the same
 * fields (times past 9999 clamped to its last millisecond); for any lengths,
 * up to SIZE_MAX, cn_record_max is at least six bytes a unit or SIZE_MAX. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_data_producer.h"

/* Byte length of each code point's UTF-8 form, unpaired surrogates as
 * U+FFFD (3 bytes): written apart from the core's converter. */
static size_t model_char_bytes(const cn_wchar *s, size_t len, size_t *i)
{
    uint32_t u = s[(*i)++];
    if (u < 0x80)
        return 1;
    if (u < 0x800)
        return 2;
    if (u >= 0xD800 && u <= 0xDBFF && *i < len && s[*i] >= 0xDC00 && s[*i] <= 0xDFFF) {
        (*i)++;
        return 4;
    }
    return 3;
}

/* Bytes of the whole characters that fit in `room` bytes. */
static size_t model_fit(const cn_wchar *s, size_t len, size_t room)
{
    size_t i = 0, n = 0;
    while (i < len) {
        size_t k = model_char_bytes(s, len, &i);
        if (n + k > room)
            break;
        n += k;
    }
    return n;
}

static void check_wcsnlen(const cn_wchar *s, size_t units, size_t bound, int want_flag)
{
    size_t limit = bound < units ? bound : units, nul = 0, got;
    int trunc = -1;
    while (nul < limit && s[nul])
        nul++;
    /* Only bounds the buffer allows: a NUL before its end, or bound <= units. */
    if (nul == limit && bound > units)
        return;
    got = cn_wcsnlen(s, bound, want_flag ? &trunc : NULL);
    FUZZ_ASSERT(got == nul, "cn_wcsnlen bound %lu over %lu units: %lu, expected %lu",
                (unsigned long)bound, (unsigned long)units, (unsigned long)got, (unsigned long)nul);
    if (want_flag)
        FUZZ_ASSERT(trunc == (nul == bound), "cn_wcsnlen bound %lu length %lu: truncated %d",
                    (unsigned long)bound, (unsigned long)got, trunc);
}

static void check_utf8(const cn_wchar *s, size_t len, size_t cap, const char *want,
                       size_t want_len)
{
    static fuzz_scratch out_buf;
    char *out = cap ? fuzz_scratch_get(&out_buf, cap) : NULL;
    size_t got, fit;
    got = cn_utf16_to_utf8(s, len, out, cap);
    FUZZ_ASSERT(got == want_len, "cn_utf16_to_utf8 of %lu units returned %lu, expected %lu",
                (unsigned long)len, (unsigned long)got, (unsigned long)want_len);
    if (!cap)
        return;
    fit = model_fit(s, len, cap - 1);
    FUZZ_ASSERT(memcmp(out, want, fit) == 0 && out[fit] == '\0',
                "cn_utf16_to_utf8 cap %lu: not the %lu bytes of whole characters plus NUL",
                (unsigned long)cap, (unsigned long)fit);
}

/* The units as all three names of a record with any other fields: within
 * cn_record_max, and read back as the model's UTF-8. */
static void event_fields(fuzz_data_producer *p, cn_event *ev_out)
{
    static const char *const reasons[] = {NULL, "dropped", "forged", "stale", "duplicate", "null"};
    cn_event ev;
    uint32_t why;

    memset(&ev, 0, sizeof(ev));
    ev.op = fdp_bool(p) ? CN_OP_CANCEL : CN_OP_ADD;
    ev.phase = fdp_bool(p) ? CN_PHASE_POST : CN_PHASE_PRE;
    ev.status = fdp_u32(p);
    ev.type = ev.op == CN_OP_ADD ? fdp_u32(p) : 0;
    ev.flags = fdp_u32(p);
    ev.force = ev.op == CN_OP_CANCEL && fdp_bool(p);
    ev.pid = fdp_u32(p);
    ev.tid = fdp_u32(p);
    ev.time_ms = fdp_u64(p);
    ev.seq = fdp_u64(p);
    /* The schema: a key, or the reason its phase allows. */
    why = fdp_u32_range(p, 0, 5);
    if (why == 0 || (why == 1) != (ev.phase == CN_PHASE_PRE)) {
        ev.key = fdp_u64(p) | 1u;
    } else {
        ev.ctx = reasons[why];
    }
    ev.local.truncated = fdp_bool(p);
    *ev_out = ev;
}

/* The last millisecond of 9999 (days from 1970: 2932897). */
#define TIME_MAX (UINT64_C(2932897) * 86400000u - 1u)

/* a + b and a * b, or SIZE_MAX when they do not fit. */
static size_t sat_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t sat_mul(size_t a, size_t b)
{
    return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}

/* cn_record_max of lengths anywhere up to SIZE_MAX (from fields drawn
 * already, shifted, so the input layout stays): each unit may take six
 * bytes (\u00XX), so the bound is at least that many, or SIZE_MAX when it
 * cannot be counted; it never wraps around to a small number. */
static void check_record_max_any(const cn_event *ev, uint32_t caps)
{
    size_t len[3], units, need, got;

    len[0] = (size_t)(ev->seq >> (ev->pid & 63u));
    len[1] = (size_t)(ev->time_ms >> (ev->tid & 63u));
    len[2] = (size_t)(((uint64_t)ev->status << 32 | caps) >> (ev->flags & 63u));
    if (ev->flags & 64u)
        len[2] = SIZE_MAX - len[2];
    units = sat_add(sat_add(len[0], len[1]), len[2]);
    need = sat_mul(units, 6);
    got = cn_record_max(len[0], len[1], len[2]);
    FUZZ_ASSERT(got >= need && (need < SIZE_MAX || got == SIZE_MAX),
                "cn_record_max(%llu, %llu, %llu) = %llu, below six bytes a unit",
                (unsigned long long)len[0], (unsigned long long)len[1], (unsigned long long)len[2],
                (unsigned long long)got);
}

static void check_record_max(cn_event ev, const cn_wchar *s, size_t len)
{
    static fuzz_scratch line_buf;
    cn_record rec;
    size_t max, got, err_off = 0;
    cn_parse_result r;
    char *line;

    ev.local.p = s;
    ev.local.len = len;
    if (ev.op == CN_OP_ADD) {
        ev.remote = ev.local;
        ev.provider = ev.local;
    } else if (ev.phase == CN_PHASE_POST) {
        ev.provider = ev.local;
    }
    max = cn_record_max(ev.local.len, ev.remote.len, ev.provider.len);
    line = fuzz_scratch_get(&line_buf, max);
    got = cn_record_format(&ev, line, max);
    FUZZ_ASSERT(got < max, "record of %lu bytes, cn_record_max %lu", (unsigned long)got,
                (unsigned long)max);
    /* Exact size: the reader must stop at got. */
    line = fuzz_scratch_get(&line_buf, got);
    fuzz_record_garble(&rec);
    r = cn_record_parse(line, got, &rec, &err_off);
    FUZZ_ASSERT(r == CN_PARSE_OK, "record rejected: %s at %lu: %.*s", cn_parse_result_name(r),
                (unsigned long)err_off, (int)got, line);
    fuzz_check_name("local", rec.local, rec.local_len, ev.local.p, ev.local.len);
    fuzz_check_name("remote", rec.remote, rec.remote_len, ev.remote.p, ev.remote.len);
    fuzz_check_name("provider", rec.provider, rec.provider_len, ev.provider.p, ev.provider.len);
    FUZZ_ASSERT(rec.seq == ev.seq && rec.key == ev.key && rec.pid == ev.pid &&
                    rec.status == ev.status && rec.flags == ev.flags && rec.type == ev.type &&
                    rec.force == ev.force && rec.truncated == ev.local.truncated &&
                    rec.tid == ev.tid && rec.op == ev.op && rec.phase == ev.phase &&
                    strcmp(rec.ctx, ev.ctx ? ev.ctx : "") == 0,
                "record read back with other values: %.*s", (int)got, line);
    /* [design] later times are clamped to 9999-12-31T23:59:59.999Z. */
    FUZZ_ASSERT(rec.time_ms == (ev.time_ms < TIME_MAX ? ev.time_ms : TIME_MAX),
                "time %llu written as %s", (unsigned long long)ev.time_ms, rec.time);
    cn_record_free(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fuzz_scratch units_buf;
    fuzz_data_producer p;
    const uint8_t *src;
    cn_wchar *s;
    size_t got, units, len, bound, want_len;
    char *want;
    uint32_t caps;
    cn_event ev;

    fdp_init(&p, data, size);
    bound = fdp_u32_range(&p, 0, 300);
    caps = fdp_u32(&p);
    len = fdp_u32_range(&p, 0, 0xffff);
    event_fields(&p, &ev);
    src = fdp_bytes(&p, fdp_remaining(&p) & ~(size_t)1, &got);
    units = got / 2;
    /* Exact size: ASan reports a unit read past `units`. */
    s = (cn_wchar *)fuzz_scratch_get(&units_buf, units * sizeof(cn_wchar));
    for (size_t i = 0; i < units; i++)
        s[i] = (cn_wchar)(src[2 * i] | src[2 * i + 1] << 8);

    FUZZ_ASSERT(cn_wcsnlen(NULL, bound, NULL) == 0, "cn_wcsnlen(NULL) not 0");
    {
        int trunc = -1;
        FUZZ_ASSERT(cn_wcsnlen(NULL, bound, &trunc) == 0 && trunc == 0,
                    "cn_wcsnlen(NULL): truncated %d", trunc);
    }
    check_wcsnlen(s, units, bound, 1);
    check_wcsnlen(s, units, bound, 0);
    check_wcsnlen(s, units, units, 1);

    /* Any length within the buffer: NULs are units like the others here. */
    len = units ? len % (units + 1) : 0;
    want = fuzz_utf8_model(s, len, &want_len);
    check_utf8(s, len, 0, want, want_len);
    check_utf8(s, len, want_len + 1, want, want_len);   /* room for all and NUL */
    check_utf8(s, len, want_len, want, want_len);       /* exact fit without NUL */
    if (want_len > 1)
        check_utf8(s, len, want_len - 1, want, want_len);
    check_utf8(s, len, 1 + caps % (want_len + 2), want, want_len);
    FUZZ_ASSERT(cn_utf16_to_utf8(NULL, len, want, 1) == 0 && want[0] == '\0',
                "cn_utf16_to_utf8(NULL) not empty");
    free(want);
    check_record_max(ev, s, len);
    check_record_max_any(&ev, caps);
    return 0;
}
