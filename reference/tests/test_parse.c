/* Unit tests of the core: the strict reader, and the schema's fields
 * missing, twice or mistyped. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/notify_core.h"
#include "connotify/record_schema.h"
#include "core_util.h"
#include "wtest.h"

#define GOOD "{\"v\":1,\"seq\":12,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1234," \
    "\"tid\":5678,\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":4," \
    "\"force\":false,\"local\":\"Z:\",\"remote\":\"\\\\\\\\srv\\\\share\",\"provider\":null," \
    "\"truncated\":false,\"key\":17}"
#define HEAD "{\"v\":1,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2,"
#define ADDPRE "\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false,"
#define NAMES "\"local\":null,\"remote\":\"r\",\"provider\":null,\"truncated\":false,"

static void test_reader_accepts(void)
{
    static const struct {
        const char *line;
        const char *remote;   /* expected remote, or NULL */
        size_t remote_len;
    } good[] = {
        {GOOD, "\\\\srv\\share", 11},
        {GOOD "\n", "\\\\srv\\share", 11},
        {" { \"v\" : 1 ,\t\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2,"
         ADDPRE NAMES "\"key\":3\r}", "r", 1},
        /* any order, escapes in every string */
        {"{\"key\":3,\"truncated\":true,\"provider\":\"p\",\"remote\":\"\\u0000\\/\\uD83D\\uDE00\","
         "\"local\":\"\",\"force\":false,\"flags\":0,\"type\":0,\"status\":2250,"
         "\"phase\":\"p\\u006fst\",\"op\":\"\\u0061dd\",\"tid\":0,\"pid\":0,"
         "\"time\":\"1970-01-01T00:00:00.000Z\",\"seq\":0,\"\\u0076\":1}",
         "\0/\xf0\x9f\x98\x80", 6},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\\ud800\\ud800\\udc00\\udc00\",\"provider\":null,"
         "\"truncated\":false,\"key\":3}", "\xef\xbf\xbd\xf0\x90\x80\x80\xef\xbf\xbd", 10},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\\ud800\\n\\ud800\",\"provider\":null,"
         "\"truncated\":false,\"key\":3}", "\xef\xbf\xbd\n\xef\xbf\xbd", 7},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\\ud800\\u0041\",\"provider\":null,"
         "\"truncated\":false,\"key\":3}", "\xef\xbf\xbd" "A", 4},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"\xc3\xa9\xe2\x82\xac\xf4\x8f\xbf\xbf\","
         "\"provider\":null,\"truncated\":false,\"key\":3}", "\xc3\xa9\xe2\x82\xac\xf4\x8f\xbf\xbf", 9},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"dropped\"}", "r", 1},
        {HEAD "\"op\":\"cancel\",\"phase\":\"post\",\"status\":0,\"type\":0,\"flags\":1,"
         "\"force\":true,\"local\":\"Z:\",\"remote\":null,\"provider\":\"P\",\"truncated\":false,"
         "\"key\":18446744073709551615}", NULL, 0},
    };
    cn_record rec;

    for (unsigned i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        size_t off = 99;
        wtest_push_context("good line %u", i);
        cn_parse_result r = cn_record_parse(good[i].line, strlen(good[i].line), &rec, &off);
        ok(r == CN_PARSE_OK, "%s at %lu\n", cn_parse_result_name(r), (unsigned long)off);
        if (good[i].remote)
            ok(rec.remote && rec.remote_len == good[i].remote_len &&
               !memcmp(rec.remote, good[i].remote, good[i].remote_len),
               "remote len %lu\n", (unsigned long)rec.remote_len);
        else
            ok(!rec.remote, "remote %s\n", rec.remote);
        cn_record_free(&rec);
        wtest_pop_context();
    }
}

static void test_reader_rejects(void)
{
    static const struct {
        const char *line;
        cn_parse_result want;
    } bad[] = {
        {"", CN_PARSE_SYNTAX},
        {"\n", CN_PARSE_SYNTAX},
        {"[]", CN_PARSE_SYNTAX},
        {"{}", CN_PARSE_FIELD},
        {"{", CN_PARSE_SYNTAX},
        {GOOD "x", CN_PARSE_SYNTAX},
        {GOOD " ", CN_PARSE_SYNTAX},
        {GOOD "\n\n", CN_PARSE_SYNTAX},
        {GOOD "{}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":3", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":3,}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":3;}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\" 3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "key:3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":03}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":-3}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":3.0}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":3e2}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":18446744073709551616}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":0}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":nul}", CN_PARSE_SYNTAX},
        {HEAD "\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"force\":tru}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE NAMES "\"key\":true}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":\"3\"}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"key\":3}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"extra\":1}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"averyveryverylongfieldname\":1}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":3,\"ctx\":\"stale\"}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":null}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"stale\"}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"other\"}", CN_PARSE_VALUE},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":null}", CN_PARSE_FIELD},
        {HEAD ADDPRE NAMES "\"key\":null,\"ctx\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", CN_PARSE_VALUE},
        {HEAD ADDPRE "\"local\":null,\"remote\":\"r\",\"provider\":null,\"key\":3}", CN_PARSE_FIELD},
        {HEAD ADDPRE "\"local\":1,\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_FIELD},
        {HEAD ADDPRE "\"local\":x,\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        /* strings */
        {HEAD ADDPRE "\"local\":\"a\nb\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\tb\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\x7f\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\x\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\u12g4\",\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\u12\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"a\\", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"abc", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xc3\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xc3", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\x80\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xff\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xc0\xaf\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xe0\x80\xaf\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xed\xa0\x80\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\xf4\x90\x80\x80\"", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"local\":\"\\ud800\\u12", CN_PARSE_SYNTAX},
        {HEAD ADDPRE "\"loc\\u0000l\":null", CN_PARSE_FIELD},
        {"{\"v\":1\x01}", CN_PARSE_SYNTAX},
        {"{\"\xc3\":1}", CN_PARSE_SYNTAX},
        /* values */
        {"{\"v\":2,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2," ADDPRE NAMES "\"key\":3}", CN_PARSE_VALUE},
        {"{\"v\":0,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":1,\"tid\":2," ADDPRE NAMES "\"key\":3}", CN_PARSE_VALUE},
        {"{\"v\":1,\"seq\":1,\"time\":\"2026-11-26T07:38:01.123Z\",\"pid\":4294967296,\"tid\":2," ADDPRE NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"ADD\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false," NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"add\",\"phase\":\"mid\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false," NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"add\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":true," NAMES "\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"pre\",\"status\":0,\"type\":1,\"flags\":0,\"force\":false,\"local\":null,\"remote\":null,\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"pre\",\"status\":0,\"type\":0,\"flags\":0,\"force\":false,\"local\":null,\"remote\":\"r\",\"provider\":null,\"truncated\":false,\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"pre\",\"status\":0,\"type\":0,\"flags\":0,\"force\":false,\"local\":null,\"remote\":null,\"provider\":\"p\",\"truncated\":false,\"key\":3}", CN_PARSE_VALUE},
        {HEAD "\"op\":\"cancel\",\"phase\":\"post\",\"status\":0,\"type\":0,\"flags\":0,\"force\":false,\"local\":null,\"remote\":null,\"provider\":\"p\",\"truncated\":false,\"key\":null,\"ctx\":\"dropped\"}", CN_PARSE_VALUE},
        {HEAD "\"op\":1,\"phase\":\"pre\"", CN_PARSE_FIELD},
        /* time */
        {"{\"time\":\"2026-11-26T07:38:01.123\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26 07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-2a207:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"1969-12-31T23:59:59.999Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-13-26T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-00-26T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-00T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-31T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2025-02-29T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"1900-02-29T07:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T24:38:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T07:60:01.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T07:38:60.123Z\"}", CN_PARSE_VALUE},
        {"{\"time\":\"2026-11-26T07:38:01.123Z\\u0000\"}", CN_PARSE_VALUE},
    };
    cn_record rec;

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        size_t len = strlen(bad[i].line), off = 0;
        /* exact-size copy: ASan catches a read past len */
        char *copy = malloc(len ? len : 1);
        memcpy(copy, bad[i].line, len);
        wtest_push_context("bad line %u", i);
        cn_parse_result r = cn_record_parse(copy, len, &rec, &off);
        ok(r == bad[i].want, "got %s at %lu, want %s\n", cn_parse_result_name(r),
           (unsigned long)off, cn_parse_result_name(bad[i].want));
        ok(off <= len, "offset %lu past %lu\n", (unsigned long)off, (unsigned long)len);
        ok(!rec.local && !rec.remote && !rec.provider, "names left allocated\n");
        free(copy);
        wtest_pop_context();
    }

    /* A remembered offset: the duplicate field's name. */
    const char dup[] = "{\"v\":1,\"v\":1}";
    size_t off = 0;
    cn_record_parse(dup, strlen(dup), &rec, &off);
    ok(off == 7, "duplicate at %lu, want 7\n", (unsigned long)off);
    ok(!strcmp(cn_parse_result_name(CN_PARSE_NOMEM), "nomem") &&
       !strcmp(cn_parse_result_name((cn_parse_result)42), "unknown"), "parse result names\n");
    /* Prefixes of a good line never parse and never read past their end. */
    const char good[] = GOOD;
    unsigned prefix_ok = 0;
    for (size_t len = 0; len < sizeof(good) - 1; len++) {
        char *copy = malloc(len ? len : 1);
        memcpy(copy, good, len);
        prefix_ok += cn_record_parse(copy, len, &rec, NULL) == CN_PARSE_OK;
        cn_record_free(&rec);
        free(copy);
    }
    ok(prefix_ok == 0, "%u prefixes parsed\n", prefix_ok);
}

/* A JSON value of a type the kind never takes. */
static const char *wrong_value(const char *kind)
{
    if (!strcmp(kind, "BOOL") || !strcmp(kind, "TRUNCATED"))
        return "0";
    if (!strcmp(kind, "NAME") || !strcmp(kind, "KEY"))
        return "false";
    if (!strcmp(kind, "VERSION") || !strcmp(kind, "U64") || !strcmp(kind, "U32"))
        return "\"1\"";
    return "1";   /* TIME, OP, PHASE, CTX: strings only */
}

/* Without a field, with it twice, or with a value of a type its kind does
 * not take, the reader answers "field". */
static void test_schema_fields(void)
{
    char line[1024], edit[2048];
    size_t n = schema_line(line, sizeof(line)), start, end;
    cn_parse_result r;
    cn_record rec;

    r = cn_record_parse(line, n, &rec, NULL);
    ok(r == CN_PARSE_OK, "every field: %s\n", cn_parse_result_name(r));
    cn_record_free(&rec);
    for (unsigned i = 0; i < schema_count; i++) {
        const char *kind = schema[i].kind, *wrong = wrong_value(kind);

        wtest_push_context("%s %u", schema[i].name, i);
        if (!ok(member(line, i, &start, &end), "%s not in %s", schema[i].key, line)) {
            wtest_pop_context();
            continue;
        }
        /* Missing: the member and the ',' on one side of it. */
        size_t cut_from = line[start - 1] == ',' ? start - 1 : start;
        size_t cut_to = line[start - 1] == ',' ? end : end + 1;
        snprintf(edit, sizeof(edit), "%.*s%s", (int)cut_from, line, line + cut_to);
        r = cn_record_parse(edit, strlen(edit), &rec, NULL);
        ok(r == CN_PARSE_FIELD, "missing: %s in %s", cn_parse_result_name(r), edit);
        cn_record_free(&rec);
        /* Twice: the member again right after itself. */
        snprintf(edit, sizeof(edit), "%.*s,%.*s%s", (int)end, line, (int)(end - start),
                 line + start, line + end);
        r = cn_record_parse(edit, strlen(edit), &rec, NULL);
        ok(r == CN_PARSE_FIELD, "twice: %s in %s", cn_parse_result_name(r), edit);
        cn_record_free(&rec);
        /* Mistyped. */
        snprintf(edit, sizeof(edit), "%.*s%s%s%s", (int)start, line, schema[i].key, wrong,
                 line + end);
        r = cn_record_parse(edit, strlen(edit), &rec, NULL);
        ok(r == CN_PARSE_FIELD, "%s value %s: %s in %s", kind, wrong, cn_parse_result_name(r),
           edit);
        cn_record_free(&rec);
        wtest_pop_context();
    }
}

int main(void)
{
    wtest_start("core.parse");
    test_reader_accepts();
    test_reader_rejects();
    test_schema_fields();
    return wtest_end();
}
