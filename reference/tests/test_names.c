/* Unit tests of the core: name bounds and UTF-16 to UTF-8. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/notify_core.h"
#include "core_util.h"
#include "wtest.h"

static void test_wcsnlen(void)
{
    const cn_wchar name[] = {'Z', ':', 0, 'x'};
    int trunc = -1;
    size_t n;

    n = cn_wcsnlen(NULL, 10, &trunc);
    ok(n == 0 && trunc == 0, "NULL: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 4, &trunc);
    ok(n == 2 && trunc == 0, "Z:: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 2, &trunc);
    ok(n == 2 && trunc == 1, "bound 2: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 0, &trunc);
    ok(n == 0 && trunc == 1, "bound 0: len %lu trunc %d\n", (unsigned long)n, trunc);
    n = cn_wcsnlen(name, 4, NULL);
    ok(n == 2, "no trunc out: len %lu\n", (unsigned long)n);

    /* Exact-size heap buffer without NUL: ASan reports any read past it. */
    for (size_t size = 1; size <= 300; size += 37) {
        cn_wchar *b = malloc(size * sizeof(*b));
        for (size_t i = 0; i < size; i++)
            b[i] = 'a';
        n = cn_wcsnlen(b, size, &trunc);
        ok(n == size && trunc == 1, "unterminated %lu: len %lu trunc %d\n",
           (unsigned long)size, (unsigned long)n, trunc);
        free(b);
    }
}

static void test_utf16_to_utf8(void)
{
    static const struct {
        cn_wchar in[4];
        size_t len;
        const char *out;
    } cases[] = {
        {{'a', 'b'}, 2, "ab"},
        {{0xe9}, 1, "\xc3\xa9"},
        {{0x20ac}, 1, "\xe2\x82\xac"},
        {{0xd83d, 0xde00}, 2, "\xf0\x9f\x98\x80"},
        {{0xd83d}, 1, "\xef\xbf\xbd"},                 /* high at end */
        {{0xd83d, 'x'}, 2, "\xef\xbf\xbdx"},           /* high, no low */
        {{0xde00, 'x'}, 2, "\xef\xbf\xbdx"},           /* lone low */
        {{0xd83d, 0xd83d, 0xde00}, 3, "\xef\xbf\xbd\xf0\x9f\x98\x80"},
        {{0}, 1, ""},                                   /* embedded NUL: 1 byte */
        {{0xffff}, 1, "\xef\xbf\xbf"},
    };
    char out[16];

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t want = cases[i].len == 1 && !cases[i].in[0] ? 1 : strlen(cases[i].out);
        size_t n = cn_utf16_to_utf8(cases[i].in, cases[i].len, out, sizeof(out));
        wtest_push_context("utf16 case %u", i);
        ok(n == want && !memcmp(out, cases[i].out, want), "got %lu bytes\n", (unsigned long)n);
        wtest_pop_context();
    }

    /* Only whole characters fit: "a" + 3-byte euro in cap 3 gives "a". */
    const cn_wchar ae[] = {'a', 0x20ac};
    memset(out, 'x', sizeof(out));
    size_t n = cn_utf16_to_utf8(ae, 2, out, 3);
    ok(n == 4 && !strcmp(out, "a"), "cap 3: n %lu out \"%s\"\n", (unsigned long)n, out);
    n = cn_utf16_to_utf8(ae, 2, NULL, 0);
    ok(n == 4, "cap 0: n %lu\n", (unsigned long)n);
    n = cn_utf16_to_utf8(NULL, 5, out, sizeof(out));
    ok(n == 0 && !out[0], "NULL: n %lu\n", (unsigned long)n);
}

int main(void)
{
    wtest_start("core.names");
    test_wcsnlen();
    test_utf16_to_utf8();
    return wtest_end();
}
