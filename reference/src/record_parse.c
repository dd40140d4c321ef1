/* Strict reader of one JSON Lines record: exactly the schema's fields
 * (any order), JSON syntax, valid UTF-8, and the schema's cross-field
 * rules. Never reads past len. */
#include "connotify/notify_core.h"

#include <stdlib.h>
#include <string.h>

#include "core_internal.h"

enum { F_V, F_SEQ, F_TIME, F_PID, F_TID, F_OP, F_PHASE, F_STATUS, F_TYPE,
       F_FLAGS, F_FORCE, F_LOCAL, F_REMOTE, F_PROVIDER, F_TRUNCATED, F_KEY,
       F_CTX, F_COUNT };
enum { T_NUM = 1, T_STR = 2, T_BOOL = 4, T_NULL = 8 };

static const struct field {
    const char *name;
    unsigned types;
    uint64_t max;
} fields[F_COUNT] = {
    {"v", T_NUM, 1},               {"seq", T_NUM, UINT64_MAX},
    {"time", T_STR, 0},            {"pid", T_NUM, UINT32_MAX},
    {"tid", T_NUM, UINT32_MAX},    {"op", T_STR, 0},
    {"phase", T_STR, 0},           {"status", T_NUM, UINT32_MAX},
    {"type", T_NUM, UINT32_MAX},   {"flags", T_NUM, UINT32_MAX},
    {"force", T_BOOL, 0},          {"local", T_STR | T_NULL, 0},
    {"remote", T_STR | T_NULL, 0}, {"provider", T_STR | T_NULL, 0},
    {"truncated", T_BOOL, 0},      {"key", T_NUM | T_NULL, UINT64_MAX},
    {"ctx", T_STR, 0},
};

static const char *const ctx_names[] = {"dropped", "forged", "stale", "duplicate", "null"};

typedef struct reader {
    const unsigned char *s;
    size_t len, pos;
    uint64_t num[F_COUNT];   /* numbers, bools, enum indexes, time_ms */
    size_t at[F_COUNT];      /* offset of each value */
    unsigned seen, null;     /* bit per field */
} reader;

static void ws(reader *r)
{
    while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
                               r->s[r->pos] == '\r'))
        r->pos++;
}

static int peek(const reader *r)
{
    return r->pos < r->len ? r->s[r->pos] : -1;
}

static int hex4(reader *r, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++, r->pos++) {
        int c = peek(r);
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        *v = *v << 4 | (uint32_t)d;
    }
    return 1;
}

/* A raw UTF-8 sequence at r->pos: its code point, or 0 when invalid
 * (overlong, surrogate, beyond U+10FFFF, cut short). */
static uint32_t utf8(reader *r)
{
    static const uint32_t min[4] = {0, 0x80, 0x800, 0x10000};
    uint32_t c = r->s[r->pos++];
    int n = c >= 0xc0 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf8 ? 3 : 0;

    if (!n)
        return 0;
    c &= 0x3fu >> n;
    for (int i = 0; i < n; i++, r->pos++) {
        if (peek(r) < 0 || (r->s[r->pos] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (r->s[r->pos] & 0x3fu);
    }
    if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    return c;
}

/* Decodes the string at r->pos (its opening quote) into out when out is
 * not NULL; *n gets its length in bytes. Longer than cap: CN_PARSE_VALUE. */
static cn_parse_result str(reader *r, char *out, size_t cap, size_t *n)
{
    static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
    char tmp[4];

    *n = 0;
    r->pos++;
    for (;;) {
        int c = peek(r);
        uint32_t cp;
        const char *e;

        if (c < 0x20 || c == 0x7f)   /* end of line, raw control char */
            return CN_PARSE_SYNTAX;
        if (c == '"') {
            r->pos++;
            return CN_PARSE_OK;
        }
        if (c >= 0x80) {
            size_t at = r->pos;
            if (!(cp = utf8(r))) {
                r->pos = at;
                return CN_PARSE_SYNTAX;
            }
        } else if (c != '\\') {
            cp = (uint32_t)c;
            r->pos++;
        } else if (r->pos++, peek(r) == 'u') {
            r->pos++;
            if (!hex4(r, &cp))
                return CN_PARSE_SYNTAX;
            /* [design] an escaped unpaired surrogate reads as U+FFFD. */
            if (cp >= 0xd800 && cp <= 0xdbff && r->len - r->pos >= 6 &&
                r->s[r->pos] == '\\' && r->s[r->pos + 1] == 'u') {
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
        } else if (peek(r) > 0 && (e = strchr(esc_in, peek(r)))) {
            cp = (unsigned char)esc_out[e - esc_in];
            r->pos++;
        } else {
            return CN_PARSE_SYNTAX;
        }
        size_t k = cn_utf8_put(cp, tmp);
        if (out) {
            if (k > cap - *n)
                return CN_PARSE_VALUE;
            memcpy(out + *n, tmp, k);
        }
        *n += k;
    }
}

static cn_parse_result number(reader *r, uint64_t max, uint64_t *v)
{
    *v = 0;
    if (peek(r) == '-')
        return CN_PARSE_VALUE;
    if (peek(r) == '0' && r->pos + 1 < r->len && r->s[r->pos + 1] >= '0' &&
        r->s[r->pos + 1] <= '9')
        return CN_PARSE_SYNTAX;   /* leading zero */
    for (int c; (c = peek(r)) >= '0' && c <= '9'; r->pos++) {
        if (*v > (UINT64_MAX - (unsigned)(c - '0')) / 10)
            return CN_PARSE_VALUE;
        *v = *v * 10 + (unsigned)(c - '0');
    }
    if (peek(r) == '.' || peek(r) == 'e' || peek(r) == 'E' || *v > max)
        return CN_PARSE_VALUE;
    return CN_PARSE_OK;
}

static cn_parse_result literal(reader *r, uint64_t *v)
{
    static const char *const lit[] = {"false", "true", "null"};

    for (unsigned i = 0; i < 3; i++) {
        size_t n = strlen(lit[i]);
        if (r->len - r->pos >= n && !memcmp(r->s + r->pos, lit[i], n)) {
            r->pos += n;
            *v = i;
            return CN_PARSE_OK;
        }
    }
    return CN_PARSE_SYNTAX;
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ", 1970 to 9999, a real date. */
static int parse_time(const char *t, size_t n, uint64_t *ms)
{
    static const char pat[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned v[7] = {0}, k = 0;

    if (n != sizeof(pat) - 1)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (pat[i] != 'd') {
            if (t[i] != pat[i])
                return 0;
            k++;
        } else if (t[i] < '0' || t[i] > '9') {
            return 0;
        } else {
            v[k] = v[k] * 10 + (unsigned)(t[i] - '0');
        }
    }
    unsigned y = v[0], mo = v[1], d = v[2];
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
        d > mdays[mo - 1] + (unsigned)(mo == 2 && leap) || v[3] > 23 || v[4] > 59 || v[5] > 59)
        return 0;
    *ms = ((uint64_t)cn_days_from_civil(y, mo, d) * 86400 + v[3] * 3600u +
           v[4] * 60u + v[5]) * 1000 + v[6];
    return 1;
}

static int lookup(const char *s, size_t n, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strlen(names[i]) == n && !memcmp(s, names[i], n))
            return i;
    return -1;
}

static cn_parse_result value(reader *r, cn_record *rec, int f)
{
    static const char *const ops[] = {"add", "cancel"}, *const phases[] = {"pre", "post"};
    int c = peek(r);
    unsigned t = c == '"' ? T_STR : c == 'n' ? T_NULL : c == 't' || c == 'f' ? T_BOOL
               : c == '-' || (c >= '0' && c <= '9') ? T_NUM : 0;
    char buf[32], **name = f == F_LOCAL ? &rec->local : f == F_REMOTE ? &rec->remote
                         : &rec->provider;
    size_t n, end, start = r->pos;
    cn_parse_result res;
    int i = 0;

    r->at[f] = start;
    if (!t)
        return CN_PARSE_SYNTAX;
    if (!(fields[f].types & t))
        return CN_PARSE_FIELD;
    if (t == T_NUM)
        return number(r, fields[f].max, &r->num[f]);
    if (t != T_STR) {
        if ((res = literal(r, &r->num[f])) == CN_PARSE_OK && t == T_NULL)
            r->null |= 1u << f;
        return res;
    }
    if (f == F_LOCAL || f == F_REMOTE || f == F_PROVIDER) {
        if ((res = str(r, NULL, 0, &n)) != CN_PARSE_OK)
            return res;
        if (!(*name = malloc(n + 1)))
            return CN_PARSE_NOMEM;
        r->pos = start;
        str(r, *name, n, &n);
        (*name)[n] = 0;
        *(f == F_LOCAL ? &rec->local_len : f == F_REMOTE ? &rec->remote_len
                                                          : &rec->provider_len) = n;
        return CN_PARSE_OK;
    }
    if ((res = str(r, buf, sizeof(buf) - 1, &n)) != CN_PARSE_OK)
        return res;
    buf[n] = 0;
    end = r->pos;
    r->pos = start;   /* value errors point at the value */
    if (f == F_TIME) {
        if (!parse_time(buf, n, &r->num[f]))
            return CN_PARSE_VALUE;
        memcpy(rec->time, buf, n + 1);
        r->pos = end;
        return CN_PARSE_OK;
    }
    if (f == F_CTX) {
        if ((i = lookup(buf, n, ctx_names, 5)) < 0)
            return CN_PARSE_VALUE;
        memcpy(rec->ctx, buf, n + 1);
    } else if ((i = lookup(buf, n, f == F_OP ? ops : phases, 2)) < 0) {
        return CN_PARSE_VALUE;
    }
    r->num[f] = (uint64_t)i;
    r->pos = end;
    return CN_PARSE_OK;
}

static cn_parse_result object(reader *r, cn_record *rec)
{
    cn_parse_result res;

    ws(r);
    if (peek(r) != '{')
        return CN_PARSE_SYNTAX;
    r->pos++;
    ws(r);
    if (peek(r) == '}')
        return CN_PARSE_FIELD;
    for (;;) {
        char key[16];
        size_t n, start = r->pos;
        int f;

        if (peek(r) != '"')
            return CN_PARSE_SYNTAX;
        res = str(r, key, sizeof(key), &n);
        if (res == CN_PARSE_SYNTAX)
            return res;
        f = -1;
        for (int i = 0; res == CN_PARSE_OK && i < F_COUNT; i++)
            if (strlen(fields[i].name) == n && !memcmp(key, fields[i].name, n))
                f = i;
        if (f < 0 || (r->seen & (1u << f))) {
            r->pos = start;   /* unknown or duplicate field */
            return CN_PARSE_FIELD;
        }
        r->seen |= 1u << f;
        ws(r);
        if (peek(r) != ':')
            return CN_PARSE_SYNTAX;
        r->pos++;
        ws(r);
        if ((res = value(r, rec, f)) != CN_PARSE_OK)
            return res;
        ws(r);
        if (peek(r) == '}')
            break;
        if (peek(r) != ',')
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

#define BAD(f) do { r->pos = r->at[f]; return CN_PARSE_VALUE; } while (0)

/* Required fields and the schema's cross-field rules [design]. */
static cn_parse_result check(reader *r, cn_record *rec)
{
    const unsigned need = ((1u << F_COUNT) - 1) & ~(1u << F_CTX);
    int keyed = !(r->null & (1u << F_KEY)), has_ctx = !!(r->seen & (1u << F_CTX));
    const uint64_t *v = r->num;

    if ((r->seen & need) != need)
        return CN_PARSE_FIELD;
    if (keyed == has_ctx) {   /* ctx comes with key null, only then */
        r->pos = r->at[keyed ? F_CTX : F_KEY];
        return CN_PARSE_FIELD;
    }
    rec->op = v[F_OP] ? CN_OP_CANCEL : CN_OP_ADD;
    rec->phase = v[F_PHASE] ? CN_PHASE_POST : CN_PHASE_PRE;
    rec->status = (uint32_t)v[F_STATUS];
    rec->type = (uint32_t)v[F_TYPE];
    rec->flags = (uint32_t)v[F_FLAGS];
    rec->force = (int32_t)v[F_FORCE];
    rec->truncated = (int)v[F_TRUNCATED];
    rec->pid = (uint32_t)v[F_PID];
    rec->tid = (uint32_t)v[F_TID];
    rec->time_ms = v[F_TIME];
    rec->seq = v[F_SEQ];
    rec->key = keyed ? v[F_KEY] : 0;
    if (v[F_V] != 1)
        BAD(F_V);
    if (keyed && !v[F_KEY])
        BAD(F_KEY);
    /* "dropped" is a PRE's reason, the others a POST's. */
    if (!keyed && (v[F_CTX] == 0) != (rec->phase == CN_PHASE_PRE))
        BAD(F_CTX);
    if (rec->op == CN_OP_ADD && rec->force)
        BAD(F_FORCE);
    if (rec->op == CN_OP_CANCEL && rec->type)
        BAD(F_TYPE);
    if (rec->op == CN_OP_CANCEL && rec->remote)
        BAD(F_REMOTE);
    /* [doc] NOTIFYCANCEL.lpProvider is undefined in PRE: never logged. */
    if (rec->op == CN_OP_CANCEL && rec->phase == CN_PHASE_PRE && rec->provider)
        BAD(F_PROVIDER);
    return CN_PARSE_OK;
}

cn_parse_result cn_record_parse(const char *line, size_t len, cn_record *rec,
                                size_t *err_off)
{
    reader r;
    cn_parse_result res;

    memset(&r, 0, sizeof(r));
    memset(rec, 0, sizeof(*rec));
    r.s = (const unsigned char *)line;
    r.len = len && line[len - 1] == '\n' ? len - 1 : len;
    res = object(&r, rec);
    if (res == CN_PARSE_OK)
        res = check(&r, rec);
    if (res != CN_PARSE_OK)
        cn_record_free(rec);
    if (err_off)
        *err_off = res == CN_PARSE_OK ? 0 : r.pos;
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
