#include "record_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

enum op {
    IN_NAME,    /* insert at the start of the first name that is a string */
    REPLACE,    /* replace the field's value */
    BEFORE,     /* insert before the field's value */
    AFTER,      /* insert after the field's value */
    PREFIX,     /* insert before the line */
    TAIL,       /* insert after the '}' */
    MEMBER,     /* insert a member before the '}' */
    DELETE,     /* remove the field's member */
    DUPLICATE,  /* the field's member once more, before the '}' */
    TO_END,     /* the field's member moved to the end */
    ESCAPE_KEY, /* the field's name with its first letter as \u00XX */
    CUT,        /* the line cut in the middle */
    SWAP,       /* "add" and "cancel", or "pre" and "post", exchanged */
    DUP_AFTER   /* TO_END, then the next field's member (text) once more */
};

typedef struct edit {
    enum op op;
    const char *field;
    const char *text;
    size_t n;
    int breaks;       /* rejected whatever the record */
} edit;

#define E(op, field, text, breaks) {op, field, text, sizeof(text) - 1, breaks}

/* Rules from docs/reference-core.md; "breaks" 0: valid, or valid for
 * some records (the model decides). */
/* clang-format off */
static const edit edits[] = {
    /* Tried on every record (RULES_ALWAYS): each cross-field rule holds
     * for one of op and phase, so exchanging one breaks it or not. */
    E(SWAP, "op", "", 0), E(SWAP, "phase", "", 0),
    /* Strings: raw control bytes and DEL, unknown escapes, short \u,
     * ill-formed UTF-8 (Unicode table 3-7). */
    E(IN_NAME, "", "\x01", 1), E(IN_NAME, "", "\x1f", 1), E(IN_NAME, "", "\x7f", 1),
    E(IN_NAME, "", "\x00", 1), E(IN_NAME, "", "\n", 1), E(IN_NAME, "", "\t", 1),
    E(IN_NAME, "", "\\x", 1), E(IN_NAME, "", "\\U0041", 1), E(IN_NAME, "", "\\'", 1),
    E(IN_NAME, "", "\\u12\"", 1), E(IN_NAME, "", "\\u00g0", 1), E(IN_NAME, "", "\\ ", 1),
    E(IN_NAME, "", "\x80", 1), E(IN_NAME, "", "\xc0\x80", 1), E(IN_NAME, "", "\xc1\xbf", 1),
    E(IN_NAME, "", "\xe0\x80\x80", 1), E(IN_NAME, "", "\xe0\x9f\xbf", 1),
    E(IN_NAME, "", "\xed\xa0\x80", 1), E(IN_NAME, "", "\xed\xbf\xbf", 1),
    E(IN_NAME, "", "\xf0\x80\x80\x80", 1), E(IN_NAME, "", "\xf0\x8f\xbf\xbf", 1),
    E(IN_NAME, "", "\xf4\x90\x80\x80", 1), E(IN_NAME, "", "\xf5\x80\x80\x80", 1),
    E(IN_NAME, "", "\xff", 1), E(IN_NAME, "", "\xe2\x82", 1), E(IN_NAME, "", "\xc3", 1),
    /* Strings the formatter never writes, valid: other escapes, surrogate
     * escapes (a pair is one character, any other reads as U+FFFD), raw
     * UTF-8 at the edges of table 3-7. */
    E(IN_NAME, "", "\\/", 0), E(IN_NAME, "", "\\u00e9", 0), E(IN_NAME, "", "\\u00E9", 0),
    E(IN_NAME, "", "\\uD83D\\uDE00", 0), E(IN_NAME, "", "\\ud800", 0),
    E(IN_NAME, "", "\\udc00", 0), E(IN_NAME, "", "\\ud800\\u0041", 0),
    E(IN_NAME, "", "\\ud800\\ud800\\udc00", 0), E(IN_NAME, "", "\\udbff\\udfff", 0),
    E(IN_NAME, "", "\\udfff\\ud800", 0), E(IN_NAME, "", "\\u0000", 0),
    E(IN_NAME, "", "\\ud800\\ue000", 0), E(IN_NAME, "", "\\udbff\\uffff", 0),
    E(IN_NAME, "", "\\b\\f\\n\\r\\t\\\"\\\\", 0), E(IN_NAME, "", "\\u007f\\u001F", 0),
    E(IN_NAME, "", "\xc2\x80", 0), E(IN_NAME, "", "\xdf\xbf", 0), E(IN_NAME, "", "\xe0\xa0\x80", 0),
    E(IN_NAME, "", "\xed\x9f\xbf", 0), E(IN_NAME, "", "\xee\x80\x80", 0),
    E(IN_NAME, "", "\xef\xbf\xbf", 0), E(IN_NAME, "", "\xf0\x90\x80\x80", 0),
    E(IN_NAME, "", "\xf4\x8f\xbf\xbf", 0),
    /* time: a real date from 1970, Gregorian leap years, exact shape. */
    E(REPLACE, "time", "\"2100-02-29T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2200-02-29T12:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2023-02-29T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2024-02-30T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-04-31T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-11-31T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-13-01T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-00-10T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-00T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-32T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01T24:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01T23:60:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01T23:59:60.000Z\"", 1),
    E(REPLACE, "time", "\"1969-12-31T23:59:59.999Z\"", 1),
    E(REPLACE, "time", "\"0000-01-01T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01t00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01T00:00:00.000z\"", 1),
    E(REPLACE, "time", "\"2026-01-01 00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01T00:00:00.000\"", 1),
    E(REPLACE, "time", "\"2026-01-01T00:00:00.0000Z\"", 1),
    E(REPLACE, "time", "\"2026-1-01T00:00:00.000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01T00:00:00,000Z\"", 1),
    E(REPLACE, "time", "\"2026-01-01T00:00:00.00aZ\"", 1),
    E(REPLACE, "time", "\"2000-02-29T23:59:59.999Z\"", 0),
    E(REPLACE, "time", "\"2400-02-29T00:00:00.000Z\"", 0),
    E(REPLACE, "time", "\"2024-02-29T12:34:56.789Z\"", 0),
    E(REPLACE, "time", "\"9999-12-31T23:59:59.999Z\"", 0),
    E(REPLACE, "time", "\"1970-01-01T00:00:00.000Z\"", 0),
    E(REPLACE, "time", "\"2026-04-30T00:00:00.000Z\"", 0),
    E(REPLACE, "time", "\"\\u0032026-01-01T00:00:00.000Z\"", 0),
    /* Numbers: digits only, no leading zero, sign, fraction or exponent,
     * within range; v is 1; key is not 0. */
    E(BEFORE, "seq", "0", 1), E(BEFORE, "pid", "0", 1), E(BEFORE, "status", "-", 1),
    E(BEFORE, "flags", "+", 1), E(AFTER, "tid", ".0", 1), E(AFTER, "type", "e1", 1),
    E(AFTER, "seq", "E0", 1), E(AFTER, "pid", "x", 1),
    E(REPLACE, "pid", "4294967296", 1), E(REPLACE, "status", "99999999999", 1),
    E(REPLACE, "seq", "18446744073709551616", 1), E(REPLACE, "flags", "00", 1),
    E(REPLACE, "seq", "18446744073709551615", 0), E(REPLACE, "tid", "4294967295", 0),
    E(REPLACE, "v", "2", 1), E(REPLACE, "v", "0", 1), E(REPLACE, "v", "1.0", 1),
    E(REPLACE, "v", "01", 1), E(REPLACE, "key", "0", 1), E(REPLACE, "key", "00", 1),
    E(REPLACE, "key", "1", 0), E(REPLACE, "key", "null", 0),
    /* Types and literals. */
    E(REPLACE, "seq", "\"1\"", 1), E(REPLACE, "pid", "null", 1), E(REPLACE, "v", "true", 1),
    E(REPLACE, "force", "True", 1), E(REPLACE, "force", "tru", 1), E(REPLACE, "force", "1", 1),
    E(REPLACE, "truncated", "null", 1), E(REPLACE, "local", "nul", 1),
    E(REPLACE, "remote", "1", 1), E(REPLACE, "provider", "false", 1),
    E(REPLACE, "time", "null", 1), E(REPLACE, "op", "1", 1), E(AFTER, "force", "e", 1),
    E(REPLACE, "truncated", "true", 0), E(REPLACE, "truncated", "false", 0),
    /* Sets and cross-field rules. */
    E(REPLACE, "op", "\"Add\"", 1), E(REPLACE, "op", "\"add \"", 1),
    E(REPLACE, "phase", "\"PRE\"", 1), E(REPLACE, "ctx", "\"Forged\"", 1),
    E(REPLACE, "ctx", "\"\"", 1), E(MEMBER, "", ",\"ctx\":\"forged\"", 1),
    E(MEMBER, "", ",\"ctx\":\"dropped\"", 1),
    E(REPLACE, "op", "\"add\"", 0), E(REPLACE, "op", "\"cancel\"", 0),
    E(REPLACE, "phase", "\"pre\"", 0), E(REPLACE, "phase", "\"post\"", 0),
    E(REPLACE, "ctx", "\"dropped\"", 0), E(REPLACE, "ctx", "\"stale\"", 0),
    E(REPLACE, "ctx", "\"duplicate\"", 0), E(REPLACE, "force", "true", 0),
    E(REPLACE, "type", "3", 0), E(REPLACE, "remote", "\"\\\\\\\\srv\"", 0),
    E(REPLACE, "remote", "null", 0), E(REPLACE, "provider", "\"P\"", 0),
    E(REPLACE, "provider", "null", 0), E(REPLACE, "local", "null", 0),
    /* Structure: each field once, no other, one object, one line. */
    E(MEMBER, "", ",\"x\":1", 1), E(MEMBER, "", ",\"Seq\":1", 1),
    E(MEMBER, "", ",\"v\":1", 1), E(MEMBER, "", ",", 1),
    E(DELETE, "v", "", 1), E(DELETE, "seq", "", 1), E(DELETE, "time", "", 1),
    E(DELETE, "pid", "", 1), E(DELETE, "tid", "", 1), E(DELETE, "op", "", 1),
    E(DELETE, "phase", "", 1), E(DELETE, "status", "", 1), E(DELETE, "type", "", 1),
    E(DELETE, "flags", "", 1), E(DELETE, "force", "", 1), E(DELETE, "local", "", 1),
    E(DELETE, "remote", "", 1), E(DELETE, "provider", "", 1),
    E(DELETE, "truncated", "", 1), E(DELETE, "key", "", 1), E(DELETE, "ctx", "", 1),
    E(DUPLICATE, "seq", "", 1), E(DUPLICATE, "local", "", 1), E(DUPLICATE, "key", "", 1),
    /* A duplicate right after the field the schema puts before it. */
    E(DUP_AFTER, "v", "seq", 1), E(DUP_AFTER, "time", "pid", 1), E(DUP_AFTER, "op", "phase", 1),
    E(DUP_AFTER, "local", "remote", 1), E(DUP_AFTER, "truncated", "key", 1),
    E(TAIL, "", "x", 1), E(TAIL, "", " ", 1), E(TAIL, "", "\n", 1), E(TAIL, "", "\r", 1),
    E(TAIL, "", "}", 1), E(TAIL, "", "{}", 1), E(PREFIX, "", "\n", 1), E(PREFIX, "", "x", 1),
    E(CUT, "", "", 1), E(BEFORE, "seq", "\n", 1),
    /* Valid forms the formatter never writes: whitespace, order, escaped
     * names of fields. */
    E(PREFIX, "", " \t", 0), E(BEFORE, "seq", " ", 0), E(BEFORE, "local", "\t\r ", 0),
    E(AFTER, "pid", " ", 0), E(AFTER, "key", "\t", 0), E(TO_END, "v", "", 0),
    E(TO_END, "time", "", 0), E(TO_END, "local", "", 0), E(ESCAPE_KEY, "seq", "", 0),
    E(ESCAPE_KEY, "provider", "", 0),
};
/* clang-format on */

size_t record_rules_count(void)
{
    return sizeof(edits) / sizeof(edits[0]);
}

/* Offset of "field": in line, or SIZE_MAX. Names in the line escape every
 * quote, so the first match is the key. */
static size_t find_key(const char *line, size_t len, const char *field)
{
    size_t n = strlen(field);
    for (size_t i = 0; i + n + 3 <= len; i++)
        if (line[i] == '"' && memcmp(line + i + 1, field, n) == 0 && line[i + 1 + n] == '"' &&
            line[i + 2 + n] == ':')
            return i;
    return SIZE_MAX;
}

/* End of the value starting at v (a string with its escapes, or a bare
 * token up to ',' or '}'). */
static size_t value_end(const char *line, size_t len, size_t v)
{
    size_t i = v;
    if (i < len && line[i] == '"') {
        for (i++; i < len && line[i] != '"'; i++)
            if (line[i] == '\\')
                i++;
        return i < len ? i + 1 : len;
    }
    while (i < len && line[i] != ',' && line[i] != '}')
        i++;
    return i;
}

/* out = line[0..a) + ins + line[b..len). */
static char *splice(const char *line, size_t len, size_t a, size_t b, const char *ins,
                    size_t n, size_t *out_len)
{
    char *out = fuzz_malloc(len - (b - a) + n);
    memcpy(out, line, a);
    memcpy(out + a, ins, n);
    memcpy(out + a + n, line + b, len - b);
    *out_len = len - (b - a) + n;
    return out;
}

static char *apply(const edit *e, const char *line, size_t len, size_t *out_len)
{
    size_t k, v, end, close, body = len;
    char member[64];

    if (e->op == DUP_AFTER) {
        const edit move = {TO_END, e->field, "", 0, 0}, dup = {DUPLICATE, e->text, "", 0, 0};
        size_t n;
        char *moved = apply(&move, line, len, &n), *out;
        if (!moved)
            return NULL;
        out = apply(&dup, moved, n, out_len);
        free(moved);
        return out;
    }
    if (body && line[body - 1] == '\n')
        body--;
    if (!body || line[body - 1] != '}')
        return NULL;
    close = body - 1;
    if (e->op == PREFIX)
        return splice(line, len, 0, 0, e->text, e->n, out_len);
    if (e->op == TAIL)
        return splice(line, len, body, body, e->text, e->n, out_len);
    if (e->op == MEMBER)
        return splice(line, len, close, close, e->text, e->n, out_len);
    if (e->op == CUT)
        return splice(line, len, body / 2, len, "", 0, out_len);
    if (e->op == IN_NAME) {
        static const char *const names[] = {"local", "remote", "provider"};
        for (int j = 0; j < 3; j++) {
            k = find_key(line, body, names[j]);
            if (k != SIZE_MAX && line[k + strlen(names[j]) + 3] == '"') {
                v = k + strlen(names[j]) + 4;
                return splice(line, len, v, v, e->text, e->n, out_len);
            }
        }
        return NULL;
    }
    k = find_key(line, body, e->field);
    if (k == SIZE_MAX)
        return NULL;
    v = k + strlen(e->field) + 3;
    end = value_end(line, body, v);
    switch (e->op) {
    case SWAP: {
        static const char *const pairs[][2] = {{"\"add\"", "\"cancel\""}, {"\"pre\"", "\"post\""}};
        for (int j = 0; j < 2; j++)
            for (int w = 0; w < 2; w++)
                if (end - v == strlen(pairs[j][w]) && memcmp(line + v, pairs[j][w], end - v) == 0)
                    return splice(line, len, v, end, pairs[j][!w], strlen(pairs[j][!w]), out_len);
        return NULL;
    }
    case REPLACE:
        if (end - v == e->n && memcmp(line + v, e->text, e->n) == 0)
            return NULL;   /* the same value */
        return splice(line, len, v, end, e->text, e->n, out_len);
    case BEFORE:
        return splice(line, len, v, v, e->text, e->n, out_len);
    case AFTER:
        return splice(line, len, end, end, e->text, e->n, out_len);
    case ESCAPE_KEY: {
        int m = snprintf(member, sizeof(member), "\\u%04x", (unsigned)(unsigned char)e->field[0]);
        return splice(line, len, k + 1, k + 2, member, (size_t)m, out_len);
    }
    default:
        break;
    }
    /* The member with the comma that joins it to its neighbour. */
    if (line[k - 1] == ',')
        k--;
    else if (end < close && line[end] == ',')
        end++;
    if (e->op == DELETE)
        return splice(line, len, k, end, "", 0, out_len);
    {
        /* DUPLICATE, TO_END: the member (without comma) before the '}'. */
        size_t a = line[k] == ',' ? k + 1 : k, b = line[end - 1] == ',' ? end - 1 : end;
        size_t n = b - a;
        size_t cut_a = e->op == TO_END ? k : close;
        size_t cut_b = e->op == TO_END ? end : close;
        char *copy = fuzz_malloc(n + 1), *tmp, *out;
        size_t tmp_len;
        copy[0] = ',';
        memcpy(copy + 1, line + a, n);
        tmp = splice(line, len, cut_a, cut_b, "", 0, &tmp_len);
        close = tmp_len - (len - close);
        out = splice(tmp, tmp_len, close, close, copy, n + 1, out_len);
        free(tmp);
        free(copy);
        return out;
    }
}

char *record_rules_apply(size_t i, const char *line, size_t len, size_t *out_len, int *breaks,
                         const char **what)
{
    const edit *e = &edits[i % record_rules_count()];

    *breaks = e->breaks;
    *what = e->op == DUP_AFTER ? e->field : e->text;
    return apply(e, line, len, out_len);
}
