/* Fixtures of the core's unit tests: a platform with a memory sink, UTF-16
 * names from ASCII, a base event, and the schema list as a table. */
#include "core_util.h"

#include <string.h>

#include "connotify/record_schema.h"
#include "wtest.h"

/* ---- a platform with a memory sink ---- */

char sink_buf[1 << 20];
size_t sink_len;
unsigned sink_lines;
int sink_fail;

static uint32_t fixed_pid(void)
{
    return 1234;
}

static uint32_t fixed_tid(void)
{
    return 5678;
}

static uint64_t fixed_now(void)
{
    return UINT64_C(1795678681123);
}

static int mem_sink(void *arg, const char *line, size_t len)
{
    (void)arg;
    if (sink_fail || len > sizeof(sink_buf) - sink_len)
        return -1;
    memcpy(sink_buf + sink_len, line, len);
    sink_len += len;
    sink_lines++;
    return 0;
}

const cn_platform test_platform = {fixed_pid, fixed_tid, fixed_now, mem_sink, NULL};

void sink_reset(void)
{
    sink_len = 0;
    sink_lines = 0;
    sink_fail = 0;
}

cn_parse_result last_record(cn_record *rec)
{
    size_t start = sink_len ? sink_len - 1 : 0;

    while (start > 0 && sink_buf[start - 1] != '\n')
        start--;
    return cn_record_parse(sink_buf + start, sink_len - start, rec, NULL);
}

cn_wchar *w16(const char *ascii)
{
    static cn_wchar buf[8][64];
    static unsigned n;
    cn_wchar *w = buf[n++ % 8];
    size_t i = 0;

    for (; ascii[i] && i < 63; i++)
        w[i] = (unsigned char)ascii[i];
    w[i] = 0;
    return w;
}

/* ---- records ---- */

cn_event base_event(void)
{
    cn_event ev = {0};
    ev.op = CN_OP_ADD;
    ev.phase = CN_PHASE_PRE;
    ev.seq = 12;
    ev.pid = 1234;
    ev.tid = 5678;
    ev.time_ms = UINT64_C(1795678681123);
    ev.key = 17;
    return ev;
}

size_t format(const cn_event *ev, char *buf, size_t cap)
{
    size_t n = cn_record_format(ev, buf, cap);
    ok(n < cap, "record of %lu bytes does not fit %lu\n", (unsigned long)n, (unsigned long)cap);
    ok(n <= cn_record_max(ev->local.len, ev->remote.len, ev->provider.len),
       "record of %lu bytes above cn_record_max\n", (unsigned long)n);
    return n;
}

/* ---- the schema list (connotify/record_schema.h) ---- */

#define SCHEMA_ROW(name, kind) {#name, CN_RECORD_KEY(name), #kind},
const struct schema_field schema[] = {CN_RECORD_FIELDS(SCHEMA_ROW)};
const unsigned schema_count = sizeof(schema) / sizeof(schema[0]);

size_t schema_line(char *buf, size_t cap)
{
    cn_event ev = base_event();

    ev.phase = CN_PHASE_POST;
    ev.key = 0;
    ev.ctx = "stale";
    ev.local.p = w16("Z:");
    ev.local.len = 2;
    ev.remote.p = w16("r");
    ev.remote.len = 1;
    ev.provider.p = w16("p");
    ev.provider.len = 1;
    return cn_record_format(&ev, buf, cap);
}

int member(const char *line, unsigned i, size_t *start, size_t *end)
{
    const char *p = strstr(line, schema[i].key);

    if (!p)
        return 0;
    *start = (size_t)(p - line);
    *end = *start + strcspn(p, ",}");
    return 1;
}
