#include "record_model.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

/* The schema (docs/reference-core.md, "Log schema"). */
enum kind { K_NUM, K_NUM_NULL, K_STR, K_STR_NULL, K_BOOL };
enum { F_V, F_SEQ, F_TIME, F_PID, F_TID, F_OP, F_PHASE, F_STATUS, F_TYPE, F_FLAGS,
       F_FORCE, F_LOCAL, F_REMOTE, F_PROVIDER, F_TRUNCATED, F_KEY, F_CTX, F_COUNT };

static const struct {
    const char *name;
    enum kind kind;
    uint64_t max;
} schema[F_COUNT] = {
    {"v", K_NUM, UINT64_MAX},
    {"seq", K_NUM, UINT64_MAX},
    {"time", K_STR, 0},
    {"pid", K_NUM, UINT32_MAX},
    {"tid", K_NUM, UINT32_MAX},
    {"op", K_STR, 0},
    {"phase", K_STR, 0},
    {"status", K_NUM, UINT32_MAX},
    {"type", K_NUM, UINT32_MAX},
    {"flags", K_NUM, UINT32_MAX},
    {"force", K_BOOL, 0},
    {"local", K_STR_NULL, 0},
    {"remote", K_STR_NULL, 0},
    {"provider", K_STR_NULL, 0},
    {"truncated", K_BOOL, 0},
    {"key", K_NUM_NULL, UINT64_MAX},
    {"ctx", K_STR, 0},
};

static const char *const ctx_reasons[] = {"dropped", "forged", "stale", "duplicate", "null"};

typedef struct cursor {
    const unsigned char *s;
    size_t len, pos;
    const char *why;
} cursor;

static int fail(cursor *c, const char *why)
{
    c->why = why;
    return 0;
}

static int at(const cursor *c, unsigned char ch)
{
    return c->pos < c->len && c->s[c->pos] == ch;
}

/* JSON whitespace but newline: a record is one line. */
static void skip_ws(cursor *c)
{
    while (c->pos < c->len &&
           (c->s[c->pos] == ' ' || c->s[c->pos] == '\t' || c->s[c->pos] == '\r'))
        c->pos++;
}

/* Length of the well-formed UTF-8 sequence at s[0..n), 0 if none
 * (Unicode table 3-7, row by row). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char b = s[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t k;

    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        k = 2;
    else if (b >= 0xE0 && b <= 0xEF)
        k = 3;
    else if (b >= 0xF0 && b <= 0xF4)
        k = 4;
    else
        return 0;
    if (b == 0xE0)
        lo = 0xA0;
    else if (b == 0xED)
        hi = 0x9F;
    else if (b == 0xF0)
        lo = 0x90;
    else if (b == 0xF4)
        hi = 0x8F;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return k;
}

int model_utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t k = utf8_seq(u + i, len - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

static size_t put_cp(char *o, uint32_t cp)
{
    unsigned char *u = (unsigned char *)o;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | cp >> 6);
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | cp >> 12);
        u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | cp >> 18);
    u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hex_digit(unsigned char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* \uXXXX at s[pos..len): the unit, or -1. */
static long u_escape(const cursor *c, size_t pos)
{
    long v = 0;
    if (c->len - pos < 6 || c->s[pos] != '\\' || c->s[pos + 1] != 'u')
        return -1;
    for (size_t i = pos + 2; i < pos + 6; i++) {
        int d = hex_digit(c->s[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The JSON string at the cursor (its opening quote), decoded into a
 * scratch kept between calls (never longer than the encoded form), valid
 * until the next call. Raw bytes: no
 * control character, no DEL, well-formed UTF-8. Escapes: the eight short
 * ones and \uXXXX; a high surrogate escape followed by a low one is one
 * character; any other surrogate escape reads as U+FFFD [design]. */
static int json_string(cursor *c, char **out, size_t *out_len)
{
    static fuzz_scratch decoded;
    char *o = fuzz_scratch_get(&decoded, c->len - c->pos + 1);
    size_t n = 0;

    c->pos++;
    for (;;) {
        unsigned char ch;
        if (c->pos >= c->len) {
            return fail(c, "string not closed");
        }
        ch = c->s[c->pos];
        if (ch == '"') {
            c->pos++;
            break;
        }
        if (ch < 0x20 || ch == 0x7F) {
            return fail(c, "raw control character in a string");
        }
        if (ch >= 0x80) {
            size_t k = utf8_seq(c->s + c->pos, c->len - c->pos);
            if (!k) {
                return fail(c, "ill-formed UTF-8 in a string");
            }
            memcpy(o + n, c->s + c->pos, k);
            n += k;
            c->pos += k;
            continue;
        }
        if (ch != '\\') {
            o[n++] = (char)ch;
            c->pos++;
            continue;
        }
        if (c->pos + 1 >= c->len) {
            return fail(c, "backslash at the end");
        }
        switch (c->s[c->pos + 1]) {
        case '"': o[n++] = '"'; c->pos += 2; continue;
        case '\\': o[n++] = '\\'; c->pos += 2; continue;
        case '/': o[n++] = '/'; c->pos += 2; continue;
        case 'b': o[n++] = '\b'; c->pos += 2; continue;
        case 'f': o[n++] = '\f'; c->pos += 2; continue;
        case 'n': o[n++] = '\n'; c->pos += 2; continue;
        case 'r': o[n++] = '\r'; c->pos += 2; continue;
        case 't': o[n++] = '\t'; c->pos += 2; continue;
        case 'u': break;
        default:
            return fail(c, "unknown escape");
        }
        {
            long u = u_escape(c, c->pos), lo;
            uint32_t cp;
            if (u < 0) {
                return fail(c, "\\u without four hex digits");
            }
            c->pos += 6;
            cp = (uint32_t)u;
            if (u >= 0xD800 && u <= 0xDBFF && (lo = u_escape(c, c->pos)) >= 0xDC00 &&
                lo <= 0xDFFF) {
                cp = 0x10000 + (((uint32_t)u - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                c->pos += 6;
            } else if (u >= 0xD800 && u <= 0xDFFF) {
                cp = 0xFFFD;
            }
            n += put_cp(o + n, cp);
        }
    }
    o[n] = '\0';
    *out = o;
    *out_len = n;
    return 1;
}

/* Digits only: no sign, fraction, exponent or leading zero; at most max. */
static int json_uint(cursor *c, uint64_t max, uint64_t *v)
{
    size_t start = c->pos;
    *v = 0;
    if (!(c->pos < c->len && c->s[c->pos] >= '0' && c->s[c->pos] <= '9'))
        return fail(c, "not a number");
    while (c->pos < c->len && c->s[c->pos] >= '0' && c->s[c->pos] <= '9') {
        unsigned d = c->s[c->pos] - '0';
        if (c->pos > start && c->s[start] == '0')
            return fail(c, "leading zero");
        if (*v > (max - d) / 10)
            return fail(c, "number out of range");
        *v = *v * 10 + d;
        c->pos++;
    }
    return 1;
}

static int literal(cursor *c, const char *word)
{
    size_t n = strlen(word);
    if (c->len - c->pos < n || memcmp(c->s + c->pos, word, n) != 0)
        return 0;
    c->pos += n;
    return 1;
}

static int is_leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ", UTC, 1970 to 9999, a real date. */
static int check_time(const char *t, size_t n, uint64_t *ms)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    unsigned v[24], y, mo, d, h, mi, s, milli;
    uint64_t days;

    if (n != 24)
        return 0;
    for (size_t i = 0; i < 24; i++) {
        if (shape[i] == 'd') {
            if (t[i] < '0' || t[i] > '9')
                return 0;
            v[i] = (unsigned)(t[i] - '0');
        } else if (t[i] != shape[i]) {
            return 0;
        }
    }
    y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    mo = v[5] * 10 + v[6];
    d = v[8] * 10 + v[9];
    h = v[11] * 10 + v[12];
    mi = v[14] * 10 + v[15];
    s = v[17] * 10 + v[18];
    milli = v[20] * 100 + v[21] * 10 + v[22];
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59)
        return 0;
    if (d > mdays[mo - 1] + (mo == 2 && is_leap(y)))
        return 0;
    /* Days before the year: 365 each, plus the leap days since 1970. */
    days = 365u * (uint64_t)(y - 1970);
    days += ((y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400);
    for (unsigned m = 1; m < mo; m++)
        days += mdays[m - 1] + (m == 2 && is_leap(y));
    days += d - 1;
    *ms = ((days * 24 + h) * 60 + mi) * 60 * 1000 + (uint64_t)s * 1000 + milli;
    return 1;
}

void model_record_free(model_record *rec)
{
    for (int i = 0; i < 3; i++) {
        free(rec->name[i]);
        rec->name[i] = NULL;
    }
}

/* One value of field f at the cursor. */
static int value(cursor *c, model_record *rec, int f, uint64_t *num, int *is_null)
{
    char *str = NULL;
    size_t n = 0;

    *is_null = 0;
    switch (schema[f].kind) {
    case K_NUM_NULL:
        if (literal(c, "null")) {
            *is_null = 1;
            return 1;
        }
        /* fall through */
    case K_NUM:
        return json_uint(c, schema[f].max, num);
    case K_BOOL:
        if (literal(c, "true"))
            *num = 1;
        else if (literal(c, "false"))
            *num = 0;
        else
            return fail(c, "not a bool");
        return 1;
    case K_STR_NULL:
        if (literal(c, "null")) {
            *is_null = 1;
            return 1;
        }
        if (!at(c, '"'))
            return fail(c, "name neither a string nor null");
        if (!json_string(c, &str, &n))
            return 0;
        rec->name[f - F_LOCAL] = fuzz_malloc(n + 1);
        memcpy(rec->name[f - F_LOCAL], str, n + 1);
        rec->name_len[f - F_LOCAL] = n;
        return 1;
    case K_STR:
        break;
    }
    if (!at(c, '"'))
        return fail(c, "not a string");
    if (!json_string(c, &str, &n))
        return 0;
    *num = UINT64_MAX;
    if (f == F_TIME) {
        if (check_time(str, n, num))
            memcpy(rec->time, str, 25);
    } else if (f == F_OP) {
        if (n == 3 && memcmp(str, "add", 3) == 0)
            *num = CN_OP_ADD;
        else if (n == 6 && memcmp(str, "cancel", 6) == 0)
            *num = CN_OP_CANCEL;
    } else if (f == F_PHASE) {
        if (n == 3 && memcmp(str, "pre", 3) == 0)
            *num = CN_PHASE_PRE;
        else if (n == 4 && memcmp(str, "post", 4) == 0)
            *num = CN_PHASE_POST;
    } else {
        for (size_t i = 0; i < sizeof(ctx_reasons) / sizeof(ctx_reasons[0]); i++)
            if (n == strlen(ctx_reasons[i]) && memcmp(str, ctx_reasons[i], n) == 0) {
                *num = i;
                memcpy(rec->ctx, str, n + 1);
            }
    }
    return *num == UINT64_MAX ? fail(c, "string value outside its set (time, op, phase, ctx)") : 1;
}

static int members(cursor *c, model_record *rec, uint64_t num[F_COUNT], unsigned *seen,
                   unsigned *nulls)
{
    skip_ws(c);
    if (!at(c, '{'))
        return fail(c, "no '{'");
    c->pos++;
    skip_ws(c);
    for (;;) {
        char *key;
        size_t n;
        int f = -1, is_null;

        if (!at(c, '"'))
            return fail(c, "no field name");
        if (!json_string(c, &key, &n))
            return 0;
        for (int i = 0; i < F_COUNT; i++)
            if (n == strlen(schema[i].name) && memcmp(key, schema[i].name, n) == 0)
                f = i;
        if (f < 0)
            return fail(c, "unknown field");
        if (*seen & 1u << f)
            return fail(c, "duplicate field");
        *seen |= 1u << f;
        skip_ws(c);
        if (!at(c, ':'))
            return fail(c, "no ':'");
        c->pos++;
        skip_ws(c);
        if (!value(c, rec, f, &num[f], &is_null))
            return 0;
        if (is_null)
            *nulls |= 1u << f;
        skip_ws(c);
        if (at(c, '}'))
            break;
        if (!at(c, ','))
            return fail(c, "no ',' or '}' after a value");
        c->pos++;
        skip_ws(c);
    }
    c->pos++;
    return c->pos == c->len ? 1 : fail(c, "bytes after the object");
}

/* The cross-field rules of the schema. */
static int rules(cursor *c, model_record *rec, const uint64_t num[F_COUNT], unsigned seen,
                 unsigned nulls)
{
    const unsigned need = ((1u << F_COUNT) - 1) & ~(1u << F_CTX);
    int key_null = !!(nulls & 1u << F_KEY);

    if ((seen & need) != need)
        return fail(c, "a field is missing");
    rec->op = (int)num[F_OP];
    rec->phase = (int)num[F_PHASE];
    rec->seq = num[F_SEQ];
    rec->pid = num[F_PID];
    rec->tid = num[F_TID];
    rec->status = num[F_STATUS];
    rec->type = num[F_TYPE];
    rec->flags = num[F_FLAGS];
    rec->force = (int)num[F_FORCE];
    rec->truncated = (int)num[F_TRUNCATED];
    rec->time_ms = num[F_TIME];
    rec->key = key_null ? 0 : num[F_KEY];
    if (num[F_V] != 1)
        return fail(c, "v is not 1");
    if (!key_null && num[F_KEY] == 0)
        return fail(c, "key 0");
    if (key_null != !!(seen & 1u << F_CTX))
        return fail(c, "ctx without key null, or key null without ctx");
    if (key_null && (num[F_CTX] == 0) != (rec->phase == CN_PHASE_PRE))
        return fail(c, "\"dropped\" outside a PRE, or another reason in a PRE");
    if (rec->op == CN_OP_ADD && rec->force)
        return fail(c, "force true in an add");
    if (rec->op == CN_OP_CANCEL && rec->type != 0)
        return fail(c, "type not 0 in a cancel");
    if (rec->op == CN_OP_CANCEL && rec->name[1])
        return fail(c, "remote not null in a cancel");
    if (rec->op == CN_OP_CANCEL && rec->phase == CN_PHASE_PRE && rec->name[2])
        return fail(c, "provider not null in a cancel PRE");
    return 1;
}

int model_record_parse(const char *line, size_t len, model_record *rec, const char **why)
{
    cursor c;
    uint64_t num[F_COUNT];
    unsigned seen = 0, nulls = 0;
    int ok;

    memset(rec, 0, sizeof(*rec));
    memset(num, 0, sizeof(num));
    c.s = (const unsigned char *)line;
    /* At most one trailing newline. */
    c.len = len && line[len - 1] == '\n' ? len - 1 : len;
    c.pos = 0;
    c.why = NULL;
    ok = members(&c, rec, num, &seen, &nulls) && rules(&c, rec, num, seen, nulls);
    if (!ok)
        model_record_free(rec);
    *why = c.why;
    return ok;
}
