/* Strict reader of one JSON Lines record: exactly the schema's fields
 * (any order), JSON syntax, valid UTF-8, and the schema's cross-field
 * rules. Never reads past len: the line is copied once into a buffer that
 * ends in NUL padding, so scans need no bound check per byte (a NUL stops
 * every scan exactly as the end of the line does), and plain ASCII runs
 * are taken 8 bytes at a time. */
#include "connotify/notify_core.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/record_schema.h"
#include "core_internal.h"

/* Fields in the schema's order (connotify/record_schema.h): F_v .. F_ctx. */
#define FIELD_ID(name, kind) F_##name,
enum { CN_RECORD_FIELDS(FIELD_ID) F_COUNT };
enum { T_NUM = 1, T_STR = 2, T_BOOL = 4, T_NULL = 8 };
/* Field kinds, and per kind the JSON types a value may take and the
 * largest number. */
#define KIND_ID(kind) K_##kind,
/* clang-format off */
enum { KIND_ID(VERSION) KIND_ID(U64) KIND_ID(U32) KIND_ID(TIME) KIND_ID(OP) KIND_ID(PHASE)
       KIND_ID(BOOL) KIND_ID(NAME) KIND_ID(TRUNCATED) KIND_ID(KEY) KIND_ID(CTX) };
static const struct kind {
    unsigned types;
    uint64_t max;
} kinds[] = {
    [K_VERSION] = {T_NUM, 1},
    [K_U64] = {T_NUM, UINT64_MAX},
    [K_U32] = {T_NUM, UINT32_MAX},
    [K_TIME] = {T_STR, 0},
    [K_OP] = {T_STR, 0},
    [K_PHASE] = {T_STR, 0},
    [K_BOOL] = {T_BOOL, 0},
    [K_NAME] = {T_STR | T_NULL, 0},
    [K_TRUNCATED] = {T_BOOL, 0},
    [K_KEY] = {T_NUM | T_NULL, UINT64_MAX},
    [K_CTX] = {T_STR, 0},
};
/* clang-format on */

#define ONES UINT64_C(0x0101010101010101)
/* Eight bytes as one little-endian word. */
#define W8(a, b, c, d, e, f, g, h)                                            \
    ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 |               \
     (uint64_t)(d) << 24 | (uint64_t)(e) << 32 | (uint64_t)(f) << 40 |        \
     (uint64_t)(g) << 48 | (uint64_t)(h) << 56)

/* A word of up to 16 bytes, NUL-padded to 16, for one compare. */
typedef struct word {
    char s[16];
    size_t len;
} word;

/* Each field's name, its key as the formatter writes it ("name":, with
 * quotes and colon) and its kind. */
#define FIELD_ROW(name, kind) \
    {{#name, sizeof(#name) - 1}, {CN_RECORD_KEY(name), sizeof(CN_RECORD_KEY(name)) - 1}, K_##kind},
static const struct field {
    word name, token;
    unsigned kind;
} fields[F_COUNT] = {CN_RECORD_FIELDS(FIELD_ROW)};
#define FIELD_FITS(name, kind) _Static_assert(sizeof(CN_RECORD_KEY(name)) <= 16, #name " too long");
CN_RECORD_FIELDS(FIELD_FITS)

#define WORD(w) {#w, sizeof(#w) - 1},
static const word ops[] = {CN_RECORD_OPS(WORD)};
static const word phases[] = {CN_RECORD_PHASES(WORD)};
/* The index is what check() tests ("dropped" = 0). */
static const word ctx_words[] = {CN_RECORD_CTXS(WORD)};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Where a NAME field's string and length go in cn_record. */
#define NAME_AT(name, kind) NAME_AT_##kind(name)
#define NAME_AT_NAME(name) \
    [F_##name] = {offsetof(cn_record, name), offsetof(cn_record, name##_len)},
#define NAME_AT_VERSION(name)
#define NAME_AT_U64(name)
#define NAME_AT_U32(name)
#define NAME_AT_TIME(name)
#define NAME_AT_OP(name)
#define NAME_AT_PHASE(name)
#define NAME_AT_BOOL(name)
#define NAME_AT_TRUNCATED(name)
#define NAME_AT_KEY(name)
#define NAME_AT_CTX(name)
static const struct name_at {
    size_t str, len;
} name_at[F_COUNT] = {CN_RECORD_FIELDS(NAME_AT)};

/* Byte masks keeping the first n bytes of a word, n = 0..16 over two words. */
static const uint64_t keep[17][2] = {
    {0, 0},
    {UINT64_C(0xff), 0}, {UINT64_C(0xffff), 0}, {UINT64_C(0xffffff), 0},
    {UINT64_C(0xffffffff), 0}, {UINT64_C(0xffffffffff), 0},
    {UINT64_C(0xffffffffffff), 0}, {UINT64_C(0xffffffffffffff), 0},
    {UINT64_MAX, 0},
    {UINT64_MAX, UINT64_C(0xff)}, {UINT64_MAX, UINT64_C(0xffff)},
    {UINT64_MAX, UINT64_C(0xffffff)}, {UINT64_MAX, UINT64_C(0xffffffff)},
    {UINT64_MAX, UINT64_C(0xffffffffff)}, {UINT64_MAX, UINT64_C(0xffffffffffff)},
    {UINT64_MAX, UINT64_C(0xffffffffffffff)}, {UINT64_MAX, UINT64_MAX},
};

/* Type of a value by its first byte; JSON whitespace but newline. */
static const unsigned char vtype[256] = {
    ['"'] = T_STR, ['n'] = T_NULL, ['t'] = T_BOOL, ['f'] = T_BOOL, ['-'] = T_NUM,
    ['0'] = T_NUM, ['1'] = T_NUM, ['2'] = T_NUM, ['3'] = T_NUM, ['4'] = T_NUM,
    ['5'] = T_NUM, ['6'] = T_NUM, ['7'] = T_NUM, ['8'] = T_NUM, ['9'] = T_NUM,
};
static const unsigned char is_ws[256] = {[' '] = 1, ['\t'] = 1, ['\r'] = 1};
/* Hex digit value + 1; 0: not a hex digit. */
static const unsigned char hexv[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
    ['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13,
    ['d'] = 14, ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13,
    ['D'] = 14, ['E'] = 15, ['F'] = 16,
};
/* Byte after a backslash: the character it stands for; 0: invalid. */
static const unsigned char esc[256] = {
    ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b', ['f'] = '\f',
    ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
};

/* Line copies up to this size (with padding) stay on the stack, and names
 * decode on the stack up to NAME_STACK bytes; longer ones use the heap. */
#define LINE_STACK (4096 + 16)
#define NAME_STACK 1024
/* NUL bytes after the copy: a 16-byte load at any offset <= len is inside. */
#define PAD 16

typedef struct reader {
    const unsigned char *s;  /* copy of the line, NUL-padded */
    size_t len, pos;
    char *scratch;           /* len + 8 bytes for a long name, or NULL */
    uint64_t num[F_COUNT];   /* numbers, bools, enum indexes, time_ms */
    size_t at[F_COUNT];      /* offset of each value */
    unsigned seen, null;     /* bit per field */
} reader;

static uint64_t load8(const void *p)
{
    uint64_t x;

    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

static void store8(void *p, uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    memcpy(p, &x, 8);
}

/* Bit 7 of each byte that cannot be copied as is inside a string: control
 * characters, 0x7f, '"', '\\', and bytes >= 0x80. Exact per byte: the sums
 * stay inside their byte. */
static uint64_t special8(uint64_t x)
{
    uint64_t y = x & ONES * 0x7f;
    uint64_t ctl = ~(y + ONES * 0x60);                 /* y < 0x20 */
    uint64_t del = y + ONES * 0x01;                    /* y == 0x7f */
    uint64_t quote = ~((y ^ ONES * 0x22) + ONES * 0x7f);
    uint64_t bslash = ~((y ^ ONES * 0x5c) + ONES * 0x7f);

    return (x | ctl | del | quote | bslash) & ONES * 0x80;
}

/* Index of the lowest byte whose bit 7 is set in m (m != 0). */
static size_t first_byte(uint64_t m)
{
#if defined(__GNUC__) || defined(__clang__)
    return (size_t)__builtin_ctzll(m) >> 3;
#else
    size_t i = 0;
    while (!(m & 0x80)) {
        m >>= 8;
        i++;
    }
    return i;
#endif
}

static void ws(reader *r)
{
    while (is_ws[r->s[r->pos]])
        r->pos++;
}

/* out[0..n) equals w; out has 16 readable bytes (bytes past n ignored). */
static int same(const char *out, size_t n, const word *w)
{
    if (n > 16)
        return 0;
    uint64_t a = load8(out) & keep[n][0], b = load8(out + 8) & keep[n][1];

    return ((a ^ load8(w->s)) | (b ^ load8(w->s + 8)) | (uint64_t)(n ^ w->len)) == 0;
}

/* The line holds exactly the word w at r->pos (16 bytes readable). */
static int token_at(const reader *r, const word *w)
{
    const unsigned char *p = r->s + r->pos;

    return (((load8(p) & keep[w->len][0]) ^ load8(w->s)) |
            ((load8(p + 8) & keep[w->len][1]) ^ load8(w->s + 8))) == 0;
}

static int hex4(reader *r, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++, r->pos++) {
        unsigned d = hexv[r->s[r->pos]];
        if (!d)
            return 0;
        *v = *v << 4 | (d - 1);
    }
    return 1;
}

/* Continuation bytes after a lead byte (0: not a lead byte), and per count
 * the bits every byte of the sequence must have: 10xxxxxx after the lead. */
static const unsigned char u8more[256] = {
    [0xc0] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1,
    [0xe0] = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    [0xf0] = 3, 3, 3, 3, 3, 3, 3, 3,
};

/* A raw UTF-8 sequence at r->pos, copied to out: its length, r->pos past
 * it; 0 when invalid (overlong, surrogate, beyond U+10FFFF, cut short: the
 * NUL padding is no continuation byte), r->pos unchanged. The sequence is
 * checked whole: every failure points at its first byte. */
static size_t utf8(reader *r, char *out)
{
    static const uint32_t min[4] = {0, 0x80, 0x800, 0x10000};
    static const uint64_t cont_mask[4] = {0, 0xc000, 0xc0c000, 0xc0c0c000};
    static const uint64_t cont_bits[4] = {0, 0x8000, 0x808000, 0x80808000};
    uint64_t x = load8(r->s + r->pos);
    unsigned n = u8more[x & 0xff];
    uint32_t c;

    if ((x & cont_mask[n]) != cont_bits[n] || !n)
        return 0;
    c = (uint32_t)x & (0x3fu >> n);
    for (unsigned i = 1; i <= n; i++)
        c = c << 6 | ((uint32_t)(x >> (8 * i)) & 0x3f);
    if (c < min[n] || c > 0x10ffff || c - 0xd800 < 0x800)
        return 0;
    store8(out, x);
    r->pos += n + 1;
    return n + 1;
}

/* Decodes the string at r->pos (its opening quote) into out, which has
 * cap + 8 bytes (runs are stored 8 bytes at a time); *n gets its length in
 * bytes. Longer than cap: CN_PARSE_VALUE, r->pos just past the character
 * that did not fit. */
static cn_parse_result str(reader *r, char *out, size_t cap, size_t *n)
{
    const unsigned char *s = r->s;
    size_t o = 0;

    r->pos++;
    for (;;) {
        uint64_t x = load8(s + r->pos), m = special8(x);
        size_t k = m ? first_byte(m) : 8;
        uint32_t cp;
        int c;

        if (k > cap - o) {
            r->pos += cap - o + 1;
            return CN_PARSE_VALUE;
        }
        store8(out + o, x);
        o += k;
        r->pos += k;
        if (!m)
            continue;
        c = s[r->pos];
        if (c >= 0x80) {
            /* Raw UTF-8 stays as it is; out has room for 8 bytes more. */
            size_t len = utf8(r, out + o);
            if (!len)
                return CN_PARSE_SYNTAX;
            if (len > cap - o)
                return CN_PARSE_VALUE;
            o += len;
            continue;
        }
        if (c == '"') {
            r->pos++;
            *n = o;
            return CN_PARSE_OK;
        }
        if (c != '\\') {
            return CN_PARSE_SYNTAX;   /* end of line, raw control char */
        } else if (s[++r->pos] == 'u') {
            r->pos++;
            if (!hex4(r, &cp))
                return CN_PARSE_SYNTAX;
            /* [design] an escaped unpaired surrogate reads as U+FFFD. */
            if (cp >= 0xd800 && cp <= 0xdbff && r->len - r->pos >= 6 &&
                s[r->pos] == '\\' && s[r->pos + 1] == 'u') {
                size_t at = r->pos;
                uint32_t lo;
                r->pos += 2;
                if (hex4(r, &lo) && lo >= 0xdc00 && lo <= 0xdfff)
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                else
                    r->pos = at;
            }
            if (cp >= 0xd800 && cp <= 0xdfff)
                cp = 0xfffd;
        } else if ((cp = esc[s[r->pos]]) != 0) {
            r->pos++;
        } else {
            return CN_PARSE_SYNTAX;
        }
        if (cp < 0x80) {
            if (cap == o)
                return CN_PARSE_VALUE;
            out[o++] = (char)cp;
        } else {
            char tmp[4];
            size_t len = cn_utf8_put(cp, tmp);
            if (len > cap - o)
                return CN_PARSE_VALUE;
            memcpy(out + o, tmp, len);
            o += len;
        }
    }
}

/* The digits at r->pos with the overflow check at each digit. */
static cn_parse_result long_number(reader *r, uint64_t *v)
{
    *v = 0;
    for (unsigned d; (d = (unsigned)r->s[r->pos] - '0') <= 9; r->pos++) {
        if (*v > (UINT64_MAX - d) / 10)
            return CN_PARSE_VALUE;
        *v = *v * 10 + d;
    }
    return CN_PARSE_OK;
}

static cn_parse_result number(reader *r, uint64_t max, uint64_t *v)
{
    const unsigned char *s = r->s;
    size_t start = r->pos;
    uint64_t x = 0;
    int c;

    *v = 0;
    if (s[start] == '-')
        return CN_PARSE_VALUE;
    if (s[start] == '0' && (unsigned)s[start + 1] - '0' <= 9)
        return CN_PARSE_SYNTAX;   /* leading zero */
    /* Up to 19 digits cannot overflow; longer numbers are read again with
     * the check at each digit, so the error points at the same digit. */
    for (unsigned d; (d = (unsigned)s[r->pos] - '0') <= 9; r->pos++)
        x = x * 10 + d;
    if (r->pos - start > 19) {
        cn_parse_result res;
        r->pos = start;
        if ((res = long_number(r, &x)) != CN_PARSE_OK)
            return res;
    }
    *v = x;
    c = s[r->pos];
    if (c == '.' || (c | 0x20) == 'e' || x > max)
        return CN_PARSE_VALUE;
    return CN_PARSE_OK;
}

/* false, true, null: *v 0, 1, 2. The NUL padding never matches a letter. */
static cn_parse_result literal(reader *r, uint64_t *v)
{
    uint64_t x = load8(r->s + r->pos);

    if ((x & keep[5][0]) == W8('f', 'a', 'l', 's', 'e', 0, 0, 0)) {
        r->pos += 5;
        *v = 0;
    } else if ((x & keep[4][0]) == W8('t', 'r', 'u', 'e', 0, 0, 0, 0)) {
        r->pos += 4;
        *v = 1;
    } else if ((x & keep[4][0]) == W8('n', 'u', 'l', 'l', 0, 0, 0, 0)) {
        r->pos += 4;
        *v = 2;
    } else {
        return CN_PARSE_SYNTAX;
    }
    return CN_PARSE_OK;
}

/* Each two-digit group's tens and ones; checks are on whole words. */
#define DIGITS(w, m) (((w) & ((m) * 0xf0)) == (m) * 0x30 && \
                      ((((w) & ((m) * 0x0f)) + (m) * 0x06) & ((m) * 0x10)) == 0)

/* "YYYY-MM-DDTHH:MM:SS.mmmZ", 1970 to 9999, a real date. t has at least
 * 24 bytes when n is 24. */
static int parse_time(const char *t, size_t n, uint64_t *ms)
{
    static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /* Byte masks of the digit positions in each 8-byte word, and the
     * separators "-", "-", "T", ":", ":", ".", "Z" where they belong. */
    const uint64_t d0 = W8(1, 1, 1, 1, 0, 1, 1, 0), d1 = W8(1, 1, 0, 1, 1, 0, 1, 1),
                   d2 = W8(0, 1, 1, 0, 1, 1, 1, 0);
    const uint64_t s0 = W8(0, 0, 0, 0, '-', 0, 0, '-'), s1 = W8(0, 0, 'T', 0, 0, ':', 0, 0),
                   s2 = W8(':', 0, 0, '.', 0, 0, 0, 'Z');
    uint64_t w0, w1, w2;
    unsigned v[24];

    if (n != 24)
        return 0;
    w0 = load8(t);
    w1 = load8(t + 8);
    w2 = load8(t + 16);
    if ((w0 & (ONES - d0) * 0xff) != s0 || (w1 & (ONES - d1) * 0xff) != s1 ||
        (w2 & (ONES - d2) * 0xff) != s2 || !DIGITS(w0, d0) || !DIGITS(w1, d1) ||
        !DIGITS(w2, d2))
        return 0;
    for (int i = 0; i < 24; i++)
        v[i] = (unsigned)t[i] & 0x0f;
    unsigned y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    unsigned mo = v[5] * 10 + v[6], d = v[8] * 10 + v[9];
    unsigned h = v[11] * 10 + v[12], mi = v[14] * 10 + v[15], s = v[17] * 10 + v[18];
    unsigned milli = v[20] * 100 + v[21] * 10 + v[22];
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
        d > mdays[mo - 1] + (unsigned)(mo == 2 && leap) || h > 23 || mi > 59 || s > 59)
        return 0;
    *ms = ((uint64_t)cn_days_from_civil(y, mo, d) * 86400 + h * 3600u + mi * 60u + s) * 1000 +
          milli;
    return 1;
}

static int lookup(const char *s, size_t n, const word *names, int count)
{
    for (int i = 0; i < count; i++)
        if (same(s, n, &names[i]))
            return i;
    return -1;
}

static cn_parse_result value(reader *r, cn_record *rec, int f)
{
    unsigned t = vtype[r->s[r->pos]], kind = fields[f].kind;
    char buf[32 + 8] = {0};
    size_t n, end, start = r->pos;
    cn_parse_result res;
    int i = 0;

    r->at[f] = start;
    if (!t)
        return CN_PARSE_SYNTAX;
    if (!(kinds[kind].types & t))
        return CN_PARSE_FIELD;
    if (t == T_NUM)
        return number(r, kinds[kind].max, &r->num[f]);
    if (t != T_STR) {
        if ((res = literal(r, &r->num[f])) == CN_PARSE_OK && t == T_NULL)
            r->null |= 1u << f;
        return res;
    }
    if (kind == K_NAME) {
        /* One pass into a scratch, then a copy of exactly its size. A name
         * never decodes longer than the line. */
        char stack[NAME_STACK + 8], *out = stack;
        char **name = (char **)((char *)rec + name_at[f].str);
        if ((res = str(r, stack, NAME_STACK, &n)) == CN_PARSE_VALUE) {
            if (!r->scratch && !(r->scratch = malloc(r->len + 8)))
                return CN_PARSE_NOMEM;
            r->pos = start;
            res = str(r, out = r->scratch, r->len, &n);
        }
        if (res != CN_PARSE_OK)
            return res;
        if (!(*name = malloc(n + 1)))
            return CN_PARSE_NOMEM;
        memcpy(*name, out, n);
        (*name)[n] = 0;
        *(size_t *)((char *)rec + name_at[f].len) = n;
        return CN_PARSE_OK;
    }
    if ((res = str(r, buf, 31, &n)) != CN_PARSE_OK)
        return res;
    buf[n] = 0;
    end = r->pos;
    r->pos = start;   /* value errors point at the value */
    if (kind == K_TIME) {
        if (!parse_time(buf, n, &r->num[f]))
            return CN_PARSE_VALUE;
        memcpy(rec->time, buf, n + 1);
        r->pos = end;
        return CN_PARSE_OK;
    }
    if (kind == K_CTX) {
        if ((i = lookup(buf, n, ctx_words, COUNT(ctx_words))) < 0)
            return CN_PARSE_VALUE;
        memcpy(rec->ctx, buf, n + 1);
    } else if (kind == K_OP) {
        if ((i = lookup(buf, n, ops, COUNT(ops))) < 0)
            return CN_PARSE_VALUE;
    } else if ((i = lookup(buf, n, phases, COUNT(phases))) < 0) {
        return CN_PARSE_VALUE;
    }
    r->num[f] = (uint64_t)i;
    r->pos = end;
    return CN_PARSE_OK;
}

static cn_parse_result object(reader *r, cn_record *rec)
{
    cn_parse_result res;
    int next = 0;   /* the field the schema's order puts next */

    ws(r);
    if (r->s[r->pos] != '{')
        return CN_PARSE_SYNTAX;
    r->pos++;
    ws(r);
    if (r->s[r->pos] == '}')
        return CN_PARSE_FIELD;
    for (;;) {
        int f = -1;

        /* The next field as the formatter writes it: the same outcome as the
         * general path below, in one compare. */
        if (next < F_COUNT && !(r->seen & (1u << next)) && token_at(r, &fields[next].token)) {
            f = next;
            r->pos += fields[next].token.len;
        } else {
            char key[16 + 8] = {0};
            size_t n = 0, start = r->pos;

            if (r->s[r->pos] != '"')
                return CN_PARSE_SYNTAX;
            res = str(r, key, 16, &n);
            if (res == CN_PARSE_SYNTAX)
                return res;
            if (res == CN_PARSE_OK) {
                if (next < F_COUNT && same(key, n, &fields[next].name))
                    f = next;
                else
                    for (int i = 0; i < F_COUNT; i++)
                        if (same(key, n, &fields[i].name))
                            f = i;
            }
            if (f < 0 || (r->seen & (1u << f))) {
                r->pos = start;   /* unknown or duplicate field */
                return CN_PARSE_FIELD;
            }
            ws(r);
            if (r->s[r->pos] != ':')
                return CN_PARSE_SYNTAX;
            r->pos++;
        }
        r->seen |= 1u << f;
        next = f + 1;
        ws(r);
        if ((res = value(r, rec, f)) != CN_PARSE_OK)
            return res;
        if (r->s[r->pos] == ',') {   /* what the general path does then */
            r->pos++;
            ws(r);
            continue;
        }
        ws(r);
        if (r->s[r->pos] == '}')
            break;
        if (r->s[r->pos] != ',')
            return CN_PARSE_SYNTAX;
        r->pos++;
        ws(r);
    }
    r->pos++;
    if (r->pos != r->len)
        return CN_PARSE_SYNTAX;   /* trailing bytes */
    r->pos--;
    return CN_PARSE_OK;
}

/* Numbers and bools into the record's member of the same name. */
#define COPY(name, kind)     COPY_##kind(name)
#define COPY_U64(name)       rec->name = v[F_##name];
#define COPY_U32(name)       rec->name = (uint32_t)v[F_##name];
#define COPY_BOOL(name)      rec->name = (int32_t)v[F_##name];
#define COPY_TRUNCATED(name) rec->name = (int)v[F_##name];
#define COPY_VERSION(name)
#define COPY_TIME(name)
#define COPY_OP(name)
#define COPY_PHASE(name)
#define COPY_NAME(name)
#define COPY_KEY(name)
#define COPY_CTX(name)

#define BAD(f) do { r->pos = r->at[f]; return CN_PARSE_VALUE; } while (0)

/* Required fields and the schema's cross-field rules [design]. */
static cn_parse_result check(reader *r, cn_record *rec)
{
    const unsigned need = ((1u << F_COUNT) - 1) & ~(1u << F_ctx);
    int keyed = !(r->null & (1u << F_key)), has_ctx = !!(r->seen & (1u << F_ctx));
    const uint64_t *v = r->num;

    if ((r->seen & need) != need)
        return CN_PARSE_FIELD;
    if (keyed == has_ctx) {   /* ctx comes with key null, only then */
        r->pos = r->at[keyed ? F_ctx : F_key];
        return CN_PARSE_FIELD;
    }
    rec->op = v[F_op] ? CN_OP_CANCEL : CN_OP_ADD;
    rec->phase = v[F_phase] ? CN_PHASE_POST : CN_PHASE_PRE;
    CN_RECORD_FIELDS(COPY)
    rec->time_ms = v[F_time];
    rec->key = keyed ? v[F_key] : 0;
    if (v[F_v] != 1)
        BAD(F_v);
    if (keyed && !v[F_key])
        BAD(F_key);
    /* "dropped" is a PRE's reason, the others a POST's. */
    if (!keyed && (v[F_ctx] == 0) != (rec->phase == CN_PHASE_PRE))
        BAD(F_ctx);
    if (rec->op == CN_OP_ADD && rec->force)
        BAD(F_force);
    if (rec->op == CN_OP_CANCEL && rec->type)
        BAD(F_type);
    if (rec->op == CN_OP_CANCEL && rec->remote)
        BAD(F_remote);
    /* [doc] NOTIFYCANCEL.lpProvider is undefined in PRE: never logged. */
    if (rec->op == CN_OP_CANCEL && rec->phase == CN_PHASE_PRE && rec->provider)
        BAD(F_provider);
    return CN_PARSE_OK;
}

cn_parse_result cn_record_parse(const char *line, size_t len, cn_record *rec,
                                size_t *err_off)
{
    char stack[LINE_STACK], *copy = stack;
    reader r;
    cn_parse_result res;
    size_t need;

    memset(&r, 0, sizeof(r));
    memset(rec, 0, sizeof(*rec));
    r.len = len && line[len - 1] == '\n' ? len - 1 : len;
    /* The line, then PAD NULs. Out of memory: CN_PARSE_NOMEM at offset 0. */
    need = r.len + PAD;
    if (need > sizeof(stack))
        copy = malloc(need);
    if (!copy) {
        res = CN_PARSE_NOMEM;
    } else {
        if (r.len)
            memcpy(copy, line, r.len);
        memset(copy + r.len, 0, PAD);
        r.s = (const unsigned char *)copy;
        res = object(&r, rec);
        if (res == CN_PARSE_OK)
            res = check(&r, rec);
    }
    if (res != CN_PARSE_OK)
        cn_record_free(rec);
    if (err_off)
        *err_off = res == CN_PARSE_OK ? 0 : r.pos;
    if (copy != stack)
        free(copy);
    free(r.scratch);
    return res;
}

void cn_record_free(cn_record *rec)
{
    free(rec->local);
    free(rec->remote);
    free(rec->provider);
    rec->local = rec->remote = rec->provider = NULL;
    rec->local_len = rec->remote_len = rec->provider_len = 0;
}

const char *cn_parse_result_name(cn_parse_result r)
{
    switch (r) {
    case CN_PARSE_OK:     return "ok";
    case CN_PARSE_SYNTAX: return "syntax";
    case CN_PARSE_FIELD:  return "field";
    case CN_PARSE_VALUE:  return "value";
    case CN_PARSE_NOMEM:  return "nomem";
    }
    return "unknown";
}
