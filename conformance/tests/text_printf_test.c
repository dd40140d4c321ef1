/* text_printf_test: the driver's snprintf (../driver/text_printf.c) writes wide strings as
 * UTF-8, cuts a long text before a character, not inside one, and formats the rest as msvcrt
 * does. */
#include "../driver/text_printf.h"

#include "wtest.h"

#include <string.h>
#include <wchar.h>

static char text[300];

static int formatted(const char *want, int n)
{
    return !strcmp(text, want) && n == (int)strlen(want);
}

static void test_wide_strings(void)
{
    int n = text_snprintf(text, sizeof text, "the add PRE of %ls", L"\\\\fs\\\x0411\x0443");
    ok(formatted("the add PRE of \\\\fs\\\xd0\x91\xd1\x83", n), "Cyrillic: \"%s\" (%d)\n", text, n);
    n = text_snprintf(text, sizeof text, "%.1ls|%S|%lc", L"\x0142x", L"W", (wint_t)0xe9);
    ok(formatted("\xc5\x82|W|\xc3\xa9", n), "precision, %%S, %%lc: \"%s\" (%d)\n", text, n);
    n = text_snprintf(text, sizeof text, "[%.*ls][%6ls][%-3ls]", 2, L"abc", L"xy", L"z");
    ok(formatted("[ab][    xy][z  ]", n), "width and precision: \"%s\" (%d)\n", text, n);
    const wchar_t *none = NULL;
    n = text_snprintf(text, sizeof text, "%ls", none);
    ok(formatted("(null)", n), "NULL: \"%s\" (%d)\n", text, n);
}

static void test_cut(void)
{
    char small[5];
    int n = text_snprintf(small, sizeof small, "%s", "abcdefgh");
    ok(n == 8 && !strcmp(small, "abcd"), "narrow cut: \"%s\" (%d)\n", small, n);
    n = text_snprintf(small, sizeof small, "%ls", L"\x0411\x0411\x0411");
    ok(n == 6 && !strcmp(small, "\xd0\x91\xd0\x91"), "cut before a character: %u bytes (%d)\n",
       (unsigned)strlen(small), n);
    n = text_snprintf(small, 2, "%ls", L"\x0411");
    ok(n == 2 && small[0] == 0, "no room for one character: %u bytes (%d)\n",
       (unsigned)strlen(small), n);
}

static void test_numbers(void)
{
    int n =
        text_snprintf(text, sizeof text, "%d %ld %x %4u|%-4u|%04d %lld %llu %I64u %p", 5, -3L, 255u,
                      42u, 42u, 42, 12345678901LL, 18446744073709551615ULL, 8ULL, (void *)0x10);
    char want[300];
    snprintf(want, sizeof want, "5 -3 ff   42|42  |0042 12345678901 18446744073709551615 8 %p",
             (void *)0x10);
    ok(formatted(want, n), "integers: \"%s\" (%d)\n", text, n);
    n = text_snprintf(text, sizeof text, "%.2f %.0f%% [%*s]", 3.14159, 99.6, 3, "x");
    ok(formatted("3.14 100% [  x]", n), "doubles, %%%%, *: \"%s\" (%d)\n", text, n);
}

int main(void)
{
    wtest_start("text_printf");
    test_wide_strings();
    test_cut();
    test_numbers();
    return wtest_end();
}
