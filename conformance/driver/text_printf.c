/* snprintf and vsnprintf with UTF-8 wide strings (see text_printf.h). Each conversion but a
 * string one is formatted alone by msvcrt; strings are copied here, wide ones as UTF-8. */
#include "text_printf.h"

#include <windows.h>

#include <stdint.h>
#include <string.h>
#include <wchar.h>

#undef snprintf
#undef vsnprintf

/* One conversion: its text up to the conversion letter, and what it takes. */
struct spec {
    char flags[8];
    int left;
    int width;     /* -1: none */
    int precision; /* -1: none */
    int size;      /* 0 int, 1 h or hh, 2 l, 3 ll or I64, 4 size_t (z, I, t, j), 5 L */
    int wide;      /* l or w before s or c, or S and C */
    char conv;
};

/* The bytes written, and what would have been: C99's return. */
struct sink {
    char *out;
    size_t cap;
    size_t written;
    size_t len;
    int cut;
};

/* How many of the first m bytes of s end on a whole UTF-8 character. */
static size_t utf8_whole(const char *s, size_t m)
{
    size_t back = 0;
    while (back < m && back < 3 && ((unsigned char)s[m - 1 - back] & 0xC0) == 0x80)
        back++;
    if (back == m)
        return m;
    unsigned char lead = (unsigned char)s[m - 1 - back];
    if (lead < 0xC0)
        return m;
    size_t size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return back + 1 >= size ? m : m - 1 - back;
}

static void put(struct sink *k, const char *s, size_t n)
{
    if (!k->cut && k->cap) {
        size_t room = k->cap - 1 - k->written;
        /* A text cut short ends before a character, not inside one. */
        size_t m = n <= room ? n : utf8_whole(s, room);
        memcpy(k->out + k->written, s, m);
        k->written += m;
        k->cut = m < n;
    }
    k->len += n;
}

static void pad(struct sink *k, int n)
{
    for (int i = 0; i < n; i++)
        put(k, " ", 1);
}

/* A string padded to the width, as %s pads it. */
static void put_padded(struct sink *k, const struct spec *s, const char *text, size_t n)
{
    int fill = s->width > (int)n ? s->width - (int)n : 0;
    if (!s->left)
        pad(k, fill);
    put(k, text, n);
    if (s->left)
        pad(k, fill);
}

/* Up to max wide units (-1: to the end) of w as UTF-8 in the sink, padded. */
static void put_wide(struct sink *k, const struct spec *s, const wchar_t *w, int max)
{
    if (!w) {
        put_padded(k, s, "(null)", 6);
        return;
    }
    size_t units = wcslen(w);
    if (max >= 0 && (size_t)max < units)
        units = (size_t)max;
    /* A surrogate pair cut by the precision: its first half comes out as U+FFFD. */
    char stack[512];
    char *text = stack;
    int need = units ? WideCharToMultiByte(CP_UTF8, 0, w, (int)units, NULL, 0, NULL, NULL) : 0;
    if (need > (int)sizeof stack) {
        text = HeapAlloc(GetProcessHeap(), 0, (SIZE_T)need);
        if (!text) {
            put_padded(k, s, "(no memory)", 11);
            return;
        }
    }
    if (need > 0)
        need = WideCharToMultiByte(CP_UTF8, 0, w, (int)units, text, need, NULL, NULL);
    put_padded(k, s, text, need > 0 ? (size_t)need : 0);
    if (text != stack)
        HeapFree(GetProcessHeap(), 0, text);
}

/* Reads one conversion after '%': the spec, and the format's position after it. */
static const char *read_spec(const char *f, struct spec *s, va_list *ap)
{
    size_t nf = 0;
    memset(s, 0, sizeof *s);
    s->width = -1;
    s->precision = -1;
    while (*f && strchr("-+ #0", *f)) {
        if (*f == '-')
            s->left = 1;
        if (nf < sizeof s->flags - 1)
            s->flags[nf++] = *f;
        f++;
    }
    if (*f == '*') {
        s->width = va_arg(*ap, int);
        if (s->width < 0) {
            s->left = 1;
            s->width = -s->width;
        }
        f++;
    } else if (*f >= '0' && *f <= '9') {
        s->width = 0;
        while (*f >= '0' && *f <= '9')
            s->width = s->width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
        f++;
        s->precision = 0;
        if (*f == '*') {
            s->precision = va_arg(*ap, int);
            f++;
        } else {
            while (*f >= '0' && *f <= '9')
                s->precision = s->precision * 10 + (*f++ - '0');
        }
    }
    for (;;) {
        if (*f == 'h') {
            s->size = 1;
        } else if (*f == 'l') {
            s->size = s->size == 2 ? 3 : 2;
            s->wide = 1;
        } else if (*f == 'w') {
            s->wide = 1;
        } else if (*f == 'L') {
            s->size = 5;
        } else if (*f == 'z' || *f == 't' || *f == 'j') {
            s->size = 4;
        } else if (*f == 'I') {
            if (f[1] == '6' && f[2] == '4') {
                s->size = 3;
                f += 2;
            } else if (f[1] == '3' && f[2] == '2') {
                s->size = 0;
                f += 2;
            } else {
                s->size = 4;
            }
        } else {
            break;
        }
        f++;
    }
    s->conv = *f;
    if (s->conv == 'S' || s->conv == 'C')
        s->wide = 1;
    return *f ? f + 1 : f;
}

/* The spec again as a format of msvcrt's, width and precision as numbers. */
static void spec_format(const struct spec *s, const char *length, char *buf, size_t cap)
{
    char width[16] = "";
    char precision[16] = "";
    if (s->width >= 0)
        snprintf(width, sizeof width, "%d", s->width);
    if (s->precision >= 0)
        snprintf(precision, sizeof precision, ".%d", s->precision);
    snprintf(buf, cap, "%%%s%s%s%s%c", s->flags, width, precision, length, s->conv);
}

/* The format is the spec read, one conversion whose argument is taken by its type. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void put_number(struct sink *k, const struct spec *s, va_list *ap)
{
    static const char *const lengths[] = {"", "h", "l", "I64", "I64", "L"};
    char format[48];
    char text[128];
    int n = -1;
    int size = s->size;
    /* size_t and friends: 64 bits on x86_64, 32 on i686. */
    if (size == 4 && sizeof(size_t) == 4)
        size = 0;
    spec_format(s, lengths[size], format, sizeof format);
    if (strchr("eEfFgGaA", s->conv)) {
        if (size == 5)
            n = snprintf(text, sizeof text, format, va_arg(*ap, long double));
        else
            n = snprintf(text, sizeof text, format, va_arg(*ap, double));
    } else if (s->conv == 'p') {
        n = snprintf(text, sizeof text, format, va_arg(*ap, void *));
    } else if (size == 3 || size == 4) {
        n = snprintf(text, sizeof text, format, va_arg(*ap, long long));
    } else if (size == 2) {
        n = snprintf(text, sizeof text, format, va_arg(*ap, long));
    } else {
        n = snprintf(text, sizeof text, format, va_arg(*ap, int));
    }
    if (n < 0 || n >= (int)sizeof text)
        n = (int)strlen(text);
    put(k, text, (size_t)n);
}
#pragma GCC diagnostic pop

int text_vsnprintf(char *out, size_t cap, const char *fmt, va_list ap_in)
{
    struct sink k = {out, cap, 0, 0, 0};
    va_list ap;
    va_copy(ap, ap_in);
    const char *f = fmt;
    while (*f) {
        const char *pct = strchr(f, '%');
        if (!pct) {
            put(&k, f, strlen(f));
            break;
        }
        put(&k, f, (size_t)(pct - f));
        struct spec s;
        f = read_spec(pct + 1, &s, &ap);
        if (s.conv == '%') {
            put(&k, "%", 1);
        } else if ((s.conv == 's' || s.conv == 'S') && s.wide) {
            put_wide(&k, &s, va_arg(ap, const wchar_t *), s.precision);
        } else if (s.conv == 's') {
            const char *text = va_arg(ap, const char *);
            if (!text)
                text = "(null)";
            size_t n = s.precision >= 0 ? strnlen(text, (size_t)s.precision) : strlen(text);
            put_padded(&k, &s, text, n);
        } else if (s.conv == 'c' || s.conv == 'C') {
            int c = va_arg(ap, int);
            if (s.wide) {
                wchar_t w[2] = {(wchar_t)c, 0};
                put_wide(&k, &s, w, -1);
            } else {
                char ch = (char)c;
                put_padded(&k, &s, &ch, 1);
            }
        } else if (s.conv == 'n') {
            int *at = va_arg(ap, int *);
            if (at)
                *at = (int)k.len;
        } else if (s.conv && strchr("diouxXeEfFgGaAp", s.conv)) {
            put_number(&k, &s, &ap);
        } else {
            /* Not a conversion: the text as written. */
            put(&k, pct, (size_t)(f - pct));
        }
    }
    va_end(ap);
    if (cap)
        out[k.written] = 0;
    return (int)k.len;
}

int text_snprintf(char *out, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = text_vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    return n;
}
