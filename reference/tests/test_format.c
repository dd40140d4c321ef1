/* Unit tests of the core: record formatting (escapes, extremes, time)
 * and the schema's field order. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "connotify/filetime.h"
#include "connotify/notify_core.h"
#include "connotify/record_schema.h"
#include "core_util.h"
#include "wtest.h"

static void test_escaping(void)
{
    static char buf[4096];
    cn_wchar name[40];
    cn_event ev = base_event();
    cn_record rec;
    size_t n, len = 0;

    /* Every control char, DEL, quote and backslash. */
    for (cn_wchar c = 0; c < 0x20; c++)
        name[len++] = c;
    name[len++] = 0x7f;
    name[len++] = '"';
    name[len++] = '\\';
    name[len++] = '/';
    ev.remote.p = name;
    ev.remote.len = len;
    n = format(&ev, buf, sizeof(buf));
    static const char want[] =
        "\"remote\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
        "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015"
        "\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
        "\\u007f\\\"\\\\/\"";
    ok(strstr(buf, want) != NULL, "[design] escaped controls:\n%s", buf);
    for (size_t i = 0; i < n - 1; i++)
        if (!ok((unsigned char)buf[i] >= 0x20 && buf[i] != 0x7f, "raw byte %#x at %lu\n",
                (unsigned char)buf[i], (unsigned long)i))
            break;
    cn_parse_result pr = cn_record_parse(buf, n, &rec, NULL);
    ok(pr == CN_PARSE_OK && rec.remote_len == len, "round trip: %s len %lu\n",
       cn_parse_result_name(pr), (unsigned long)rec.remote_len);
    for (size_t i = 0; pr == CN_PARSE_OK && i < len; i++)
        if (!ok((unsigned char)rec.remote[i] == name[i], "byte %lu: %#x\n", (unsigned long)i,
                (unsigned char)rec.remote[i]))
            break;
    cn_record_free(&rec);

    /* Surrogates: a pair stays a pair, unpaired ones become U+FFFD. */
    static const struct {
        cn_wchar in[4];
        size_t len;
        const char *json, *utf8;
    } sur[] = {
        {{0xd83d, 0xde00}, 2, "\"\xf0\x9f\x98\x80\"", "\xf0\x9f\x98\x80"},
        {{0xd83d}, 1, "\"\xef\xbf\xbd\"", "\xef\xbf\xbd"},
        {{0xde00}, 1, "\"\xef\xbf\xbd\"", "\xef\xbf\xbd"},
        {{0xde00, 0xd83d}, 2, "\"\xef\xbf\xbd\xef\xbf\xbd\"", "\xef\xbf\xbd\xef\xbf\xbd"},
        {{'a', 0xd800, 'b'}, 3, "\"a\xef\xbf\xbd" "b\"", "a\xef\xbf\xbd" "b"},
    };
    for (unsigned i = 0; i < sizeof(sur) / sizeof(sur[0]); i++) {
        wtest_push_context("surrogate case %u", i);
        ev.remote.p = sur[i].in;
        ev.remote.len = sur[i].len;
        n = format(&ev, buf, sizeof(buf));
        ok(strstr(buf, sur[i].json) != NULL, "json %s", buf);
        pr = cn_record_parse(buf, n, &rec, NULL);
        ok(pr == CN_PARSE_OK && rec.remote && !strcmp(rec.remote, sur[i].utf8),
           "read back %s\n", cn_parse_result_name(pr));
        cn_record_free(&rec);
        wtest_pop_context();
    }

    /* [design] a remote name with a newline, a quote and an unpaired
     * surrogate round-trips. */
    const cn_wchar tricky[] = {'\\', '\\', 's', '\n', '"', 0xdc01, 'x'};
    ev.remote.p = tricky;
    ev.remote.len = 7;
    ev.local.p = w16("Z:");
    ev.local.len = 2;
    ev.provider.p = w16("Prov\"ider");
    ev.provider.len = 9;
    n = format(&ev, buf, sizeof(buf));
    ok(!memchr(buf, '\n', n - 1), "newline inside the record\n");
    pr = cn_record_parse(buf, n, &rec, NULL);
    ok(pr == CN_PARSE_OK && rec.remote && rec.remote_len == 9 &&
       !memcmp(rec.remote, "\\\\s\n\"\xef\xbf\xbdx", 9),
       "[design] tricky remote: %s\n", cn_parse_result_name(pr));
    ok(rec.local && !strcmp(rec.local, "Z:") && rec.provider &&
       !strcmp(rec.provider, "Prov\"ider") && rec.seq == 12 && rec.key == 17 &&
       rec.pid == 1234 && rec.tid == 5678 && rec.time_ms == UINT64_C(1795678681123) &&
       !strcmp(rec.time, "2026-11-26T07:38:01.123Z"),
       "fields: local %s provider %s time %s\n", rec.local, rec.provider, rec.time);
    cn_record_free(&rec);

    /* A buffer too small: the length needed is returned. */
    size_t need = cn_record_format(&ev, buf, 10);
    ok(need == n, "small buffer: need %lu, want %lu\n", (unsigned long)need, (unsigned long)n);
}

/* A record that does not fit is counted, not written: the length needed
 * equals the length written, for each kind of unit at every offset from a
 * group of four (pairs split across groups included). */
static void test_record_size(void)
{
    static char buf[1 << 12];
    static const cn_wchar kinds[][2] = {
        {'a', 'a'},       {'"', '"'},       {0x01, 0x01},     {0x7f, 0x7f},     {0xfc, 0xfc},
        {0x4e00, 0x4e00}, {0xd83d, 0xde00}, {0xd800, 0xd800}, {0xdc00, 0xdc00}, {0xd800, 'a'},
        {0x7ff, 0x800},   {0xffff, 0xe000}, {0x80, 0xd7ff},
    };
    cn_wchar name[16];
    cn_event ev = base_event();

    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        for (size_t lead = 0; lead < 5; lead++) {
            size_t len = 0;
            for (size_t i = 0; i < lead; i++)
                name[len++] = 'x';
            for (size_t i = 0; len < 12; i++)
                name[len++] = kinds[k][i % 2];
            ev.remote.p = name;
            ev.remote.len = len;
            size_t n = cn_record_format(&ev, buf, sizeof(buf));
            size_t need = cn_record_format(&ev, buf, 0);
            size_t need_half = cn_record_format(&ev, buf, n - 24);
            ok(need == n && need_half == n, "kind %lu lead %lu: need %lu and %lu, written %lu\n",
               (unsigned long)k, (unsigned long)lead, (unsigned long)need, (unsigned long)need_half,
               (unsigned long)n);
        }
    }
}

/* Every field at its widest stays under cn_record_max, and reads back. */
static void test_record_extremes(void)
{
    static char buf[1 << 16];
    static cn_wchar names[3][64];
    cn_event ev = base_event();
    cn_record rec;
    size_t n;

    for (unsigned i = 0; i < 3; i++)
        for (unsigned j = 0; j < 64; j++)
            names[i][j] = (cn_wchar)(j % 2 ? 0x01 : 0xd800);
    ev.op = CN_OP_CANCEL;
    ev.phase = CN_PHASE_POST;
    ev.seq = UINT64_MAX;
    ev.pid = ev.tid = ev.status = ev.flags = UINT32_MAX;
    ev.force = 1;
    ev.time_ms = UINT64_C(253402300799999);
    ev.key = 0;
    ev.ctx = "duplicate";
    ev.local.p = names[0];
    ev.local.len = 64;
    ev.provider.p = names[2];
    ev.provider.len = 64;
    ev.local.truncated = 1;
    n = format(&ev, buf, sizeof(buf));
    cn_parse_result pr = cn_record_parse(buf, n, &rec, NULL);
    ok(pr == CN_PARSE_OK && rec.seq == UINT64_MAX && rec.pid == UINT32_MAX &&
       rec.truncated == 1 && rec.force == 1 && !strcmp(rec.ctx, "duplicate") &&
       !strcmp(rec.time, "9999-12-31T23:59:59.999Z"),
       "extremes: %s time %s\n%s", cn_parse_result_name(pr), rec.time, buf);
    cn_record_free(&rec);
    size_t fixed = cn_record_max(0, 0, 0);
    ev.local.len = ev.provider.len = 0;
    n = cn_record_format(&ev, buf, sizeof(buf));
    ok(n <= fixed, "empty names: %lu > %lu\n", (unsigned long)n, (unsigned long)fixed);
    ok(cn_record_max(SIZE_MAX, 1, 1) == SIZE_MAX && cn_record_max(1, SIZE_MAX / 2, 1) == SIZE_MAX &&
       cn_record_max(1, 1, SIZE_MAX - 1) == SIZE_MAX, "cn_record_max saturates\n");

    /* Time beyond year 9999 is clamped. */
    ev.time_ms = UINT64_MAX;
    n = cn_record_format(&ev, buf, sizeof(buf));
    ok(strstr(buf, "\"9999-12-31T23:59:59.999Z\"") != NULL, "clamped time: %s", buf);
}

static void test_time(void)
{
    static const struct {
        uint64_t ms;
        const char *s;
    } t[] = {
        {0, "1970-01-01T00:00:00.000Z"},
        {UINT64_C(951782400000), "2000-02-29T00:00:00.000Z"},
        {UINT64_C(951782399999), "2000-02-28T23:59:59.999Z"},
        {UINT64_C(1735603200000), "2024-12-31T00:00:00.000Z"},
        {UINT64_C(4107542400000), "2100-03-01T00:00:00.000Z"},
        {UINT64_C(1795678681123), "2026-11-26T07:38:01.123Z"},
    };
    static char buf[512];
    cn_event ev = base_event();
    cn_record rec;

    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        wtest_push_context("time case %u", i);
        ev.time_ms = t[i].ms;
        size_t n = format(&ev, buf, sizeof(buf));
        ok(strstr(buf, t[i].s) != NULL, "want %s in %s", t[i].s, buf);
        cn_parse_result pr = cn_record_parse(buf, n, &rec, NULL);
        ok(pr == CN_PARSE_OK && rec.time_ms == t[i].ms, "read back %s %" PRIu64 "\n",
           cn_parse_result_name(pr), rec.time_ms);
        cn_record_free(&rec);
        wtest_pop_context();
    }
    /* Every day from 1970 to 2500 round-trips. */
    unsigned bad = 0;
    for (uint64_t day = 0; day < 194000; day += 1) {
        ev.time_ms = day * 86400000 + 45296789;   /* 12:34:56.789 */
        size_t n = cn_record_format(&ev, buf, sizeof(buf));
        if (cn_record_parse(buf, n, &rec, NULL) != CN_PARSE_OK || rec.time_ms != ev.time_ms)
            bad++;
        cn_record_free(&rec);
    }
    ok(bad == 0, "%u days did not round-trip\n", bad);
}

/* The formatter writes every field once, in the list's order. */
static void test_schema_order(void)
{
    char line[1024];
    size_t n = schema_line(line, sizeof(line)), prev = 0, start, end;

    ok(n < sizeof(line), "line of %lu bytes\n", (unsigned long)n);
    for (unsigned i = 0; i < schema_count; i++) {
        wtest_push_context("%s %u", schema[i].name, i);
        ok(member(line, i, &start, &end) && start > prev && line[start - 1] == (i ? ',' : '{') &&
           !strstr(line + end, schema[i].key),
           "%s once, after the one before it, in %s", schema[i].key, line);
        prev = start;
        wtest_pop_context();
    }
}

/* FILETIME ticks to the records' Unix milliseconds. */
static void test_filetime(void)
{
    uint64_t ms = cn_filetime_to_unix_ms(CN_FILETIME_UNIX_EPOCH);

    ok(ms == 0, "1970-01-01: %" PRIu64 "\n", ms);
    /* 2026-11-26T07:38:01.123Z, and 9999 ticks (< 1 ms) later. */
    ms = cn_filetime_to_unix_ms(CN_FILETIME_UNIX_EPOCH + UINT64_C(17956786811230000) + 9999);
    ok(ms == UINT64_C(1795678681123), "2026-11-26T07:38:01.123Z: %" PRIu64 "\n", ms);
#ifdef _WIN32
    uint64_t now = cn_now_unix_ms(), t = (uint64_t)time(NULL) * 1000;
    ok(now + 5000 > t && now < t + 5000, "clock %" PRIu64 ", time() %" PRIu64 "\n", now, t);
#endif
}

int main(void)
{
    wtest_start("core.format");
    test_escaping();
    test_record_extremes();
    test_record_size();
    test_time();
    test_schema_order();
    test_filetime();
    return wtest_end();
}
