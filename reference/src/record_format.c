/* One event as one JSON Lines record, in a single allocation-free pass. */
#include "connotify/notify_core.h"

#include <string.h>

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

static void puts_(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void put_u64(writer *w, uint64_t v)
{
    char tmp[20];
    size_t i = sizeof(tmp);

    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(w, tmp + i, sizeof(tmp) - i);
}

/* Fixed-width decimal, for the time stamp. */
static void put_dec(writer *w, uint64_t v, int width)
{
    char tmp[8];

    for (int i = width - 1; i >= 0; i--, v /= 10)
        tmp[i] = (char)('0' + v % 10);
    put(w, tmp, (size_t)width);
}

/* [design] '"' '\\' and every control char < 0x20 and 0x7f escaped. */
static void put_char(writer *w, uint32_t c)
{
    static const char hex[] = "0123456789abcdef";
    static const char short_esc[] = "btn_fr";   /* 0x08..0x0d, '_': none */
    char tmp[6] = {'\\', 'u', '0', '0', 0, 0};

    if (c == '"' || c == '\\') {
        tmp[1] = (char)c;
        put(w, tmp, 2);
    } else if (c >= 0x08 && c <= 0x0d && short_esc[c - 8] != '_') {
        tmp[1] = short_esc[c - 8];
        put(w, tmp, 2);
    } else if (c < 0x20 || c == 0x7f) {
        tmp[4] = hex[c >> 4];
        tmp[5] = hex[c & 15];
        put(w, tmp, 6);
    } else {
        put(w, tmp, cn_utf8_put(c, tmp));
    }
}

static void put_name(writer *w, const char *field, const cn_name16 *s)
{
    puts_(w, field);
    if (!s->p) {
        puts_(w, "null");
        return;
    }
    puts_(w, "\"");
    for (size_t i = 0; i < s->len;)
        put_char(w, cn_utf16_next(s->p, s->len, &i));
    puts_(w, "\"");
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
static void put_time(writer *w, uint64_t ms)
{
    int64_t y;
    unsigned mo, d;
    uint64_t s;

    if (ms > CN_TIME_MS_MAX)
        ms = CN_TIME_MS_MAX;
    s = ms / 1000;
    cn_civil_from_days((int64_t)(s / 86400), &y, &mo, &d);
    put_dec(w, (uint64_t)y, 4);
    puts_(w, "-");
    put_dec(w, mo, 2);
    puts_(w, "-");
    put_dec(w, d, 2);
    puts_(w, "T");
    put_dec(w, s % 86400 / 3600, 2);
    puts_(w, ":");
    put_dec(w, s % 3600 / 60, 2);
    puts_(w, ":");
    put_dec(w, s % 60, 2);
    puts_(w, ".");
    put_dec(w, ms % 1000, 3);
    puts_(w, "Z");
}

size_t cn_record_max(size_t local_len, size_t remote_len, size_t provider_len)
{
    size_t units = local_len, max = SIZE_MAX / UNIT_MAX - FIXED_MAX - UNIT_MAX * CTX_MAX;

    if (units > max || remote_len > max - units || provider_len > max - units - remote_len)
        return SIZE_MAX;
    units += remote_len + provider_len;
    return FIXED_MAX + UNIT_MAX * (units + CTX_MAX);
}

size_t cn_record_format(const cn_event *ev, char *buf, size_t cap)
{
    writer w = {buf, cap, 0};
    int add = ev->op == CN_OP_ADD;
    int trunc = ev->local.truncated || ev->remote.truncated || ev->provider.truncated;

    puts_(&w, "{\"v\":1,\"seq\":");
    put_u64(&w, ev->seq);
    puts_(&w, ",\"time\":\"");
    put_time(&w, ev->time_ms);
    puts_(&w, "\",\"pid\":");
    put_u64(&w, ev->pid);
    puts_(&w, ",\"tid\":");
    put_u64(&w, ev->tid);
    puts_(&w, add ? ",\"op\":\"add\"" : ",\"op\":\"cancel\"");
    puts_(&w, ev->phase == CN_PHASE_PRE ? ",\"phase\":\"pre\"" : ",\"phase\":\"post\"");
    puts_(&w, ",\"status\":");
    put_u64(&w, ev->status);
    puts_(&w, ",\"type\":");
    put_u64(&w, ev->type);
    puts_(&w, ",\"flags\":");
    put_u64(&w, ev->flags);
    puts_(&w, ev->force ? ",\"force\":true" : ",\"force\":false");
    put_name(&w, ",\"local\":", &ev->local);
    put_name(&w, ",\"remote\":", &ev->remote);
    put_name(&w, ",\"provider\":", &ev->provider);
    puts_(&w, trunc ? ",\"truncated\":true" : ",\"truncated\":false");
    if (ev->key) {
        puts_(&w, ",\"key\":");
        put_u64(&w, ev->key);
    } else {
        const char *c = ev->ctx ? ev->ctx : "null";
        puts_(&w, ",\"key\":null,\"ctx\":\"");
        for (size_t i = 0; c[i] && i < CTX_MAX; i++)
            put_char(&w, (unsigned char)c[i] < 0x80 ? (unsigned char)c[i] : 0xfffd);
        puts_(&w, "\"");
    }
    puts_(&w, "}\n");
    if (w.n < cap)
        buf[w.n] = 0;
    return w.n;
}
