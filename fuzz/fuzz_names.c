/* Property: cn_wcsnlen and cn_utf16_to_utf8, called directly on exact-size
 * buffers, agree with independent models: the length stops at the first NUL
 * or the bound and nothing past either is read; the UTF-8 conversion
 * returns the whole length and writes only whole characters plus a NUL,
 * never a byte past cap, whatever cap (0, exact fit, one short, any). */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_data_producer.h"

/* Byte length of each code point's UTF-8 form, unpaired surrogates as
 * U+FFFD (3 bytes): written apart from the core's converter. */
static size_t model_char_bytes(const cn_wchar *s, size_t len, size_t *i)
{
    uint32_t u = s[(*i)++];
    if (u < 0x80)
        return 1;
    if (u < 0x800)
        return 2;
    if (u >= 0xD800 && u <= 0xDBFF && *i < len && s[*i] >= 0xDC00 && s[*i] <= 0xDFFF) {
        (*i)++;
        return 4;
    }
    return 3;
}

/* Bytes of the whole characters that fit in `room` bytes. */
static size_t model_fit(const cn_wchar *s, size_t len, size_t room)
{
    size_t i = 0, n = 0;
    while (i < len) {
        size_t k = model_char_bytes(s, len, &i);
        if (n + k > room)
            break;
        n += k;
    }
    return n;
}

static void check_wcsnlen(const cn_wchar *s, size_t units, size_t bound, int want_flag)
{
    size_t limit = bound < units ? bound : units, nul = 0, got;
    int trunc = -1;
    while (nul < limit && s[nul])
        nul++;
    /* Only bounds the buffer allows: a NUL before its end, or bound <= units. */
    if (nul == limit && bound > units)
        return;
    got = cn_wcsnlen(s, bound, want_flag ? &trunc : NULL);
    FUZZ_ASSERT(got == nul, "cn_wcsnlen bound %lu over %lu units: %lu, expected %lu",
                (unsigned long)bound, (unsigned long)units, (unsigned long)got, (unsigned long)nul);
    if (want_flag)
        FUZZ_ASSERT(trunc == (nul == bound), "cn_wcsnlen bound %lu length %lu: truncated %d",
                    (unsigned long)bound, (unsigned long)got, trunc);
}

static void check_utf8(const cn_wchar *s, size_t len, size_t cap, const char *want,
                       size_t want_len)
{
    static fuzz_scratch out_buf;
    char *out = cap ? fuzz_scratch_get(&out_buf, cap) : NULL;
    size_t got, fit;
    got = cn_utf16_to_utf8(s, len, out, cap);
    FUZZ_ASSERT(got == want_len, "cn_utf16_to_utf8 of %lu units returned %lu, expected %lu",
                (unsigned long)len, (unsigned long)got, (unsigned long)want_len);
    if (!cap)
        return;
    fit = model_fit(s, len, cap - 1);
    FUZZ_ASSERT(memcmp(out, want, fit) == 0 && out[fit] == '\0',
                "cn_utf16_to_utf8 cap %lu: not the %lu bytes of whole characters plus NUL",
                (unsigned long)cap, (unsigned long)fit);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fuzz_scratch units_buf;
    fuzz_data_producer p;
    const uint8_t *src;
    cn_wchar *s;
    size_t got, units, len, bound, want_len;
    char *want;
    uint32_t caps;

    fdp_init(&p, data, size);
    bound = fdp_u32_range(&p, 0, 300);
    caps = fdp_u32(&p);
    len = fdp_u32_range(&p, 0, 0xffff);
    src = fdp_bytes(&p, fdp_remaining(&p) & ~(size_t)1, &got);
    units = got / 2;
    /* Exact size: ASan reports a unit read past `units`. */
    s = (cn_wchar *)fuzz_scratch_get(&units_buf, units * sizeof(cn_wchar));
    for (size_t i = 0; i < units; i++)
        s[i] = (cn_wchar)(src[2 * i] | src[2 * i + 1] << 8);

    FUZZ_ASSERT(cn_wcsnlen(NULL, bound, NULL) == 0, "cn_wcsnlen(NULL) not 0");
    check_wcsnlen(s, units, bound, 1);
    check_wcsnlen(s, units, bound, 0);
    check_wcsnlen(s, units, units, 1);

    /* Any length within the buffer: NULs are units like the others here. */
    len = units ? len % (units + 1) : 0;
    want = fuzz_utf8_model(s, len, &want_len);
    check_utf8(s, len, 0, want, want_len);
    check_utf8(s, len, want_len + 1, want, want_len);   /* room for all and NUL */
    check_utf8(s, len, want_len, want, want_len);       /* exact fit without NUL */
    if (want_len > 1)
        check_utf8(s, len, want_len - 1, want, want_len);
    check_utf8(s, len, 1 + caps % (want_len + 2), want, want_len);
    FUZZ_ASSERT(cn_utf16_to_utf8(NULL, len, want, 1) == 0 && want[0] == '\0',
                "cn_utf16_to_utf8(NULL) not empty");
    free(want);
    return 0;
}
