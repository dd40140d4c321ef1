/* One event as one JSON Lines record, in a single allocation-free pass. */
#include "connotify/notify_core.h"

#include <string.h>

#include "connotify/record_schema.h"
#include "core_internal.h"

/* Every field but the names and ctx at their longest ("cancel", 20-digit
 * numbers, "false"), rounded up: measured 302 bytes. */
#define FIXED_MAX 320
/* Worst case per UTF-16 unit: a control char as \u00XX. */
#define UNIT_MAX 6
#define CTX_MAX 15

typedef struct writer {
    char *buf;
    size_t cap, n;
} writer;

static void put(writer *w, const char *s, size_t len)
{
    if (w->n < w->cap && len <= w->cap - w->n)
        memcpy(w->buf + w->n, s, len);
    w->n += len;
}

/* Unchecked appends, into a buffer known to be large enough; each returns
 * the new end. */
static inline char *lit(char *o, const char *s, size_t len)
{
    memcpy(o, s, len);
    return o + len;
}
#define LIT(o, s) lit((o), (s), sizeof(s) - 1)

static char *u64_out(char *o, uint64_t v)
{
    char tmp[20];
    size_t i = sizeof(tmp);

    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    memcpy(o, tmp + i, sizeof(tmp) - i);
    return o + sizeof(tmp) - i;
}

/* Fixed-width decimal, for the time stamp. */
static char *dec_out(char *o, uint64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10)
        o[i] = (char)('0' + v % 10);
    return o + width;
}

/* How an ASCII character is written [design]: 0 as is, 'u' as \\u00XX
 * (control characters without a short escape, 0x7f), else '\\' and this. */
static const char ascii_esc[128] = {
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    ['"'] = '"', ['\\'] = '\\', [0x7f] = 'u',
};

/* One character, escaped: '"' '\\' and every control char < 0x20 and 0x7f;
 * at most UNIT_MAX bytes. */
static char *char_out(char *o, uint32_t c)
{
    static const char hex[] = "0123456789abcdef";
    char e;

    if (c >= 0x80)
        return o + cn_utf8_put(c, o);
    if (!(e = ascii_esc[c])) {
        *o = (char)c;
        return o + 1;
    }
    o[0] = '\\';
    if (e != 'u') {
        o[1] = e;
        return o + 2;
    }
    memcpy(o + 1, "u00", 3);
    o[4] = hex[c >> 4];
    o[5] = hex[c & 15];
    return o + 6;
}

/* Per 16-bit lane of four UTF-16 units: bit 7 set when the unit is not
 * printable ASCII written as is (>= 0x80, control, 0x7f, '"', '\\'). Exact
 * per lane: the sums stay inside their lane. */
static uint64_t special4(uint64_t x)
{
    const uint64_t lanes = UINT64_C(0x0001000100010001);
    uint64_t hi = x & lanes * 0xff80;
    uint64_t y = x & lanes * 0x7f;
    uint64_t ctl = ~(y + lanes * 0x60);
    uint64_t del = y + lanes * 0x01;
    uint64_t quote = ~((y ^ lanes * 0x22) + lanes * 0x7f);
    uint64_t bslash = ~((y ^ lanes * 0x5c) + lanes * 0x7f);

    return hi | ((ctl | del | quote | bslash) & lanes * 0x80);
}

/* The unit or pair at p[*k]: printable ASCII and BMP characters written
 * here, the rest (escapes, surrogates) through char_out. */
static inline char *unit_out(char *o, const cn_wchar *p, size_t len, size_t *k)
{
    uint32_t c = p[*k];

    if (c < 0x80 && !ascii_esc[c]) {
        (*k)++;
        *o = (char)c;
        return o + 1;
    }
    if (c >= 0x80 && (c < 0xd800 || c > 0xdfff)) {
        (*k)++;
        return o + cn_utf8_put(c, o);
    }
    return char_out(o, cn_utf16_next(p, len, k));
}

/* Units s[*i..stop) of a name of len units (a pair may end at stop + 1),
 * four at a time while they are plain ASCII; at most UNIT_MAX bytes per
 * unit before stop. */
static char *name_out(char *o, const cn_wchar *p, size_t len, size_t *i, size_t stop)
{
    size_t k = *i;

    while (k < stop) {
        if (stop - k >= 4) {
            uint64_t x = (uint64_t)p[k] | (uint64_t)p[k + 1] << 16 |
                         (uint64_t)p[k + 2] << 32 | (uint64_t)p[k + 3] << 48;
            size_t group = k + 4;
            if (!special4(x)) {
                o[0] = (char)p[k];
                o[1] = (char)p[k + 1];
                o[2] = (char)p[k + 2];
                o[3] = (char)p[k + 3];
                o += 4;
                k += 4;
                continue;
            }
            /* The four one by one (a pair may end one past them). */
            while (k < group)
                o = unit_out(o, p, len, &k);
            continue;
        }
        o = unit_out(o, p, len, &k);
    }
    *i = k;
    return o;
}

/* Bytes that units p[i..len) take once written, as char_out writes them:
 * the rest of a record that no longer fits is counted, not formatted. */
static size_t char_size(uint32_t c)
{
    if (c >= 0x80)
        return c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (!ascii_esc[c])
        return 1;
    return ascii_esc[c] == 'u' ? 6 : 2;
}

/* Bytes that units p[i..len) take once written, as char_out writes them:
 * the rest of a record that no longer fits is counted, not formatted. */
static size_t name_size(const cn_wchar *p, size_t len, size_t i)
{
    size_t n = 0;

    while (len - i >= 4) {
        uint64_t x = (uint64_t)p[i] | (uint64_t)p[i + 1] << 16 | (uint64_t)p[i + 2] << 32 |
                     (uint64_t)p[i + 3] << 48;
        size_t group = i + 4;
        if (!special4(x)) {
            n += 4;
            i = group;
            continue;
        }
        /* A pair may end one past the group. */
        while (i < group)
            n += char_size(cn_utf16_next(p, len, &i));
    }
    while (i < len)
        n += char_size(cn_utf16_next(p, len, &i));
    return n;
}

static void put_name(writer *w, const char *field, size_t field_len, const cn_name16 *s)
{
    char tmp[UNIT_MAX];

    put(w, field, field_len);
    if (!s->p) {
        put(w, "null", 4);
        return;
    }
    put(w, "\"", 1);
    for (size_t i = 0; i < s->len;) {
        if (w->n >= w->cap) {
            w->n += name_size(s->p, s->len, i);
            break;
        }
        /* Units that fit at their worst: written without a check each. */
        size_t room = w->n < w->cap ? (w->cap - w->n) / UNIT_MAX : 0;
        if (room) {
            size_t stop = s->len - i <= room ? s->len : i + room;
            w->n = (size_t)(name_out(w->buf + w->n, s->p, s->len, &i, stop) - w->buf);
        } else {
            put(w, tmp, (size_t)(char_out(tmp, cn_utf16_next(s->p, s->len, &i)) - tmp));
        }
    }
    put(w, "\"", 1);
}

void cn_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    /* Days to a March-based year of 400-year eras; z >= 0 (1970 on). */
    z += 719468;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;

    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int64_t cn_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    /* y >= 1 */
    y -= m <= 2;
    int64_t era = y / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

/* UTC "YYYY-MM-DDTHH:MM:SS.mmmZ" without gmtime (thread-safe, portable). */
static char *time_out(char *o, uint64_t ms)
{
    int64_t y;
    unsigned mo, d;
    uint64_t s;

    if (ms > CN_TIME_MS_MAX)
        ms = CN_TIME_MS_MAX;
    s = ms / 1000;
    cn_civil_from_days((int64_t)(s / 86400), &y, &mo, &d);
    o = dec_out(o, (uint64_t)y, 4);
    *o++ = '-';
    o = dec_out(o, mo, 2);
    *o++ = '-';
    o = dec_out(o, d, 2);
    *o++ = 'T';
    o = dec_out(o, s % 86400 / 3600, 2);
    *o++ = ':';
    o = dec_out(o, s % 3600 / 60, 2);
    *o++ = ':';
    o = dec_out(o, s % 60, 2);
    *o++ = '.';
    o = dec_out(o, ms % 1000, 3);
    *o++ = 'Z';
    return o;
}

size_t cn_record_max(size_t local_len, size_t remote_len, size_t provider_len)
{
    size_t units = local_len, max = SIZE_MAX / UNIT_MAX - FIXED_MAX - UNIT_MAX * CTX_MAX;

    if (units > max || remote_len > max - units || provider_len > max - units - remote_len)
        return SIZE_MAX;
    units += remote_len + provider_len;
    return FIXED_MAX + UNIT_MAX * (units + CTX_MAX);
}

/* Helpers of the field kinds below; each returns the new end. */
static char *bool_out(char *o, int v)
{
    return v ? LIT(o, "true") : LIT(o, "false");
}

typedef struct word {
    char s[15];
    unsigned char len;
} word;

#define WORD(w) {#w, sizeof(#w) - 1},
static const word op_words[] = {CN_RECORD_OPS(WORD)};
static const word phase_words[] = {CN_RECORD_PHASES(WORD)};

static char *word_out(char *o, const word *v)
{
    *o++ = '"';
    memcpy(o, v->s, v->len);
    o += v->len;
    *o++ = '"';
    return o;
}

/* The reason of a rejected or dropped context: ASCII, at most CTX_MAX. */
static char *ctx_out(char *o, const char *ctx)
{
    const char *c = ctx ? ctx : "null";

    *o++ = '"';
    for (size_t i = 0; c[i] && i < CTX_MAX; i++)
        o = char_out(o, (unsigned char)c[i] < 0x80 ? (unsigned char)c[i] : 0xfffd);
    *o++ = '"';
    return o;
}

/* A name field: appends the fixed fields built in tmp[0..o), then key and
 * name through the writer; returns tmp, empty again. */
static char *name_field(writer *w, char *tmp, char *o, const char *key, size_t key_len,
                        const cn_name16 *name)
{
    put(w, tmp, (size_t)(o - tmp));
    put_name(w, key, key_len, name);
    return tmp;
}

/* Each field in the schema's order (connotify/record_schema.h) as its key,
 * its value by kind, and ','. */
#define FIELD(name, kind)                          \
    o = KIND_##kind(o, name, CN_RECORD_KEY(name)); \
    *o++ = ',';
#define KIND_VERSION(o, name, k)   LIT(o, k "1")
#define KIND_U64(o, name, k)       u64_out(LIT(o, k), ev->name)
#define KIND_U32(o, name, k)       u64_out(LIT(o, k), ev->name)
#define KIND_TIME(o, name, k)      LIT(time_out(LIT(o, k "\""), ev->time_ms), "\"")
#define KIND_OP(o, name, k)        word_out(LIT(o, k), &op_words[ev->op != CN_OP_ADD])
#define KIND_PHASE(o, name, k)     word_out(LIT(o, k), &phase_words[ev->phase != CN_PHASE_PRE])
#define KIND_BOOL(o, name, k)      bool_out(LIT(o, k), ev->name)
#define KIND_NAME(o, name, k)      name_field(&w, tmp, o, k, sizeof(k) - 1, &ev->name)
#define KIND_TRUNCATED(o, name, k) bool_out(LIT(o, k), trunc)
#define KIND_KEY(o, name, k)       (ev->key ? u64_out(LIT(o, k), ev->key) : LIT(o, k "null"))
/* With a key there is no ctx: its ',' lands on the key's. */
#define KIND_CTX(o, name, k) (ev->key ? o - 1 : ctx_out(LIT(o, k), ev->ctx))
/* Whether any NAME field was truncated. */
#define TRUNC(name, kind) TRUNC_##kind(name)
#define TRUNC_NAME(name)  || ev->name.truncated
#define TRUNC_VERSION(name)
#define TRUNC_U64(name)
#define TRUNC_U32(name)
#define TRUNC_TIME(name)
#define TRUNC_OP(name)
#define TRUNC_PHASE(name)
#define TRUNC_BOOL(name)
#define TRUNC_TRUNCATED(name)
#define TRUNC_KEY(name)
#define TRUNC_CTX(name)

size_t cn_record_format(const cn_event *ev, char *buf, size_t cap)
{
    writer w = {buf, cap, 0};
    int trunc = 0 CN_RECORD_FIELDS(TRUNC);
    /* The fields between names are bounded: built on the stack without
     * checks, then appended with one check each. */
    char tmp[FIXED_MAX], *o = tmp;

    *o++ = '{';
    CN_RECORD_FIELDS(FIELD)
    /* The last field's ',' closes the object. */
    o[-1] = '}';
    *o++ = '\n';
    put(&w, tmp, (size_t)(o - tmp));
    if (w.n < cap)
        buf[w.n] = 0;
    return w.n;
}
