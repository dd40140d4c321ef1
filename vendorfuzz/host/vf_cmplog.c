/* Hooks on the notifier's string comparisons (vf_cmplog.h). A name of the
 * running call that the input spells unit by unit (vf_program.h) is logged
 * as the input's own bytes beside the string it was compared with, encoded
 * the same way, so libFuzzer's CMP mutation overwrites the name in place
 * [design]; any other operand that is not a name is logged as a token to
 * insert, in UTF-16LE and, when it is ASCII, in bytes. */
#include "vf_cmplog.h"
#include "pe_imports.h"
#include "vf_exec.h"

#include <string.h>
#include <wchar.h>

static struct vf_shm *shm;
static ULONG_PTR dll_base;

/* An operand: `len` units from `p` (wide or bytes), bounded as the real
 * call reads it. */
struct operand {
    const void *p;
    size_t len;
    int wide;
};

static unsigned unit(const struct operand *o, size_t i)
{
    return o->wide ? ((const WCHAR *)o->p)[i] : ((const unsigned char *)o->p)[i];
}

static unsigned fold(unsigned u)
{
    return u >= 'A' && u <= 'Z' ? u + 32u : u;
}

/* Units before the NUL, at most `max`; a name of the running call is not
 * read past its own end. */
static size_t bounded_len(const void *p, size_t max, int wide)
{
    struct vf_name_ref ref;
    if (!p)
        return 0;
    if (wide && vf_exec_name_at(p, &ref) && ref.units_left < max)
        max = ref.units_left;
    size_t n = 0;
    if (wide)
        while (n < max && ((const WCHAR *)p)[n])
            n++;
    else
        while (n < max && ((const char *)p)[n])
            n++;
    return n;
}

static struct vf_cmp *slot(uint32_t site, uint32_t salt)
{
    return &shm->cmp[(site * 2654435761u + salt * 40503u) % VF_CMP_SLOTS];
}

static void put(uint32_t site, uint32_t salt, uint16_t kind, const uint8_t *a, const uint8_t *b,
                size_t len)
{
    struct vf_cmp *e = slot(site, salt);
    e->kind = kind;
    e->len = (uint16_t)len;
    e->site = site;
    if (a)
        memcpy(e->a, a, len);
    memcpy(e->b, b, len);
    e->gen = shm->cov_hdr.cmp_gen;
}

/* `y` as the input would spell it: 0 if a unit does not fit. */
static size_t encode(const struct operand *y, size_t units, unsigned enc, uint8_t *out)
{
    for (size_t i = 0; i < units; i++) {
        unsigned u = unit(y, i);
        if (enc == 1) {
            if (u > 0xffu)
                return 0;
            out[i] = (uint8_t)u;
        } else {
            out[2 * i] = (uint8_t)u;
            out[2 * i + 1] = (uint8_t)(u >> 8);
        }
    }
    return units * enc;
}

/* `x` is a name the input spells: its bytes there, then `y` over them. */
static int log_in_place(uint32_t site, uint32_t salt, const struct operand *x,
                        const struct operand *y)
{
    struct vf_name_ref ref;
    uint8_t want[VF_CMP_BYTES];
    if (!x->wide || !vf_exec_name_at(x->p, &ref) || !ref.src)
        return 0;
    /* [design] an input that spells the compared name is kept (a feature
     * of its own): the corpus then holds one the CMP mutation can edit. */
    vf_exec_count(site * 2654435761u + 64u + ref.enc);
    size_t units = y->len < VF_CMP_BYTES / ref.enc ? y->len : VF_CMP_BYTES / ref.enc;
    if (units * ref.enc > ref.src_len)
        units = ref.src_len / ref.enc;
    size_t len = encode(y, units, ref.enc, want);
    if (len > 1)
        put(site, salt, VF_CMP_WORD, ref.src, want, len);
    return 1;
}

static void log_token(uint32_t site, uint32_t salt, const struct operand *y)
{
    struct vf_name_ref ref;
    uint8_t b[VF_CMP_BYTES];
    if (y->wide && vf_exec_name_at(y->p, &ref))
        return; /* a name of the call: nothing to learn */
    size_t units = y->len < VF_CMP_BYTES / 2u ? y->len : VF_CMP_BYTES / 2u;
    size_t len = encode(y, units, 2, b);
    if (len > 1)
        put(site, salt, VF_CMP_TOKEN, NULL, b, len);
    units = y->len < VF_CMP_BYTES ? y->len : VF_CMP_BYTES;
    len = encode(y, units, 1, b);
    if (len > 1)
        put(site, salt + 1u, VF_CMP_TOKEN, NULL, b, len);
}

/* After the real call said the operands differ (or, for a search, found
 * nothing). `ci`: the comparison ignores ASCII case. */
static void note(void *ret, const struct operand *a, const struct operand *b, int ci)
{
    uint32_t site = (uint32_t)((ULONG_PTR)ret - dll_base);
    size_t m = 0;
    while (m < a->len && m < b->len &&
           (ci ? fold(unit(a, m)) == fold(unit(b, m)) : unit(a, m) == unit(b, m)))
        m++;
    /* [design] a longer common prefix at a site is new behaviour. */
    vf_exec_count(site * 2654435761u + (uint32_t)(m < 63 ? m : 63));
    if (!shm)
        return;
    if (!log_in_place(site, 1, a, b))
        log_token(site, 3, b);
    if (!log_in_place(site, 2, b, a))
        log_token(site, 5, a);
}

static void note_units(void *ret, const void *a, size_t na, const void *b, size_t nb, int wide,
                       int ci)
{
    struct operand x = {a, bounded_len(a, na, wide), wide};
    struct operand y = {b, bounded_len(b, nb, wide), wide};
    if (a && b)
        note(ret, &x, &y, ci);
}

#define RET __builtin_return_address(0)
#define ALL ((size_t)-1)

/* ---------------- the hooks ---------------- */

typedef int(__cdecl *wcmp_fn)(const WCHAR *, const WCHAR *);
typedef int(__cdecl *wncmp_fn)(const WCHAR *, const WCHAR *, size_t);
typedef int(__cdecl *cmp_fn)(const char *, const char *);
typedef int(__cdecl *ncmp_fn)(const char *, const char *, size_t);
typedef int(WINAPI *lwcmp_fn)(LPCWSTR, LPCWSTR);
typedef int(WINAPI *lcmp_fn)(LPCSTR, LPCSTR);
typedef WCHAR *(__cdecl *wstr_fn)(const WCHAR *, const WCHAR *);
typedef char *(__cdecl *str_fn)(const char *, const char *);
typedef WCHAR *(__cdecl *wchr_fn)(const WCHAR *, WCHAR);
typedef char *(__cdecl *chr_fn)(const char *, int);
typedef int(__cdecl *mem_fn)(const void *, const void *, size_t);
typedef int(WINAPI *cs_fn)(LCID, DWORD, LPCWSTR, int, LPCWSTR, int);
typedef int(WINAPI *csx_fn)(LPCWSTR, DWORD, LPCWSTR, int, LPCWSTR, int, void *, void *, LPARAM);
typedef int(WINAPI *cso_fn)(LPCWSTR, int, LPCWSTR, int, BOOL);

static wcmp_fn r_wcscmp, r_wcsicmp;
static wncmp_fn r_wcsncmp, r_wcsnicmp;
static cmp_fn r_strcmp, r_stricmp;
static ncmp_fn r_strncmp, r_strnicmp;
static lwcmp_fn r_lstrcmpW, r_lstrcmpiW;
static lcmp_fn r_lstrcmpA, r_lstrcmpiA;
static wstr_fn r_wcsstr;
static str_fn r_strstr;
static mem_fn r_memcmp;
static wchr_fn r_wcschr, r_wcsrchr;
static chr_fn r_strchr, r_strrchr;
static cs_fn r_CompareStringW;
static csx_fn r_CompareStringEx;
static cso_fn r_CompareStringOrdinal;

static int __cdecl h_wcscmp(const WCHAR *a, const WCHAR *b)
{
    int r = r_wcscmp(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 1, 0);
    return r;
}

static int __cdecl h_wcsicmp(const WCHAR *a, const WCHAR *b)
{
    int r = r_wcsicmp(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 1, 1);
    return r;
}

static int __cdecl h_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    int r = r_wcsncmp(a, b, n);
    if (r)
        note_units(RET, a, n, b, n, 1, 0);
    return r;
}

static int __cdecl h_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    int r = r_wcsnicmp(a, b, n);
    if (r)
        note_units(RET, a, n, b, n, 1, 1);
    return r;
}

static int __cdecl h_strcmp(const char *a, const char *b)
{
    int r = r_strcmp(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 0, 0);
    return r;
}

static int __cdecl h_stricmp(const char *a, const char *b)
{
    int r = r_stricmp(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 0, 1);
    return r;
}

static int __cdecl h_strncmp(const char *a, const char *b, size_t n)
{
    int r = r_strncmp(a, b, n);
    if (r)
        note_units(RET, a, n, b, n, 0, 0);
    return r;
}

static int __cdecl h_strnicmp(const char *a, const char *b, size_t n)
{
    int r = r_strnicmp(a, b, n);
    if (r)
        note_units(RET, a, n, b, n, 0, 1);
    return r;
}

static int WINAPI h_lstrcmpW(LPCWSTR a, LPCWSTR b)
{
    int r = r_lstrcmpW(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 1, 0);
    return r;
}

static int WINAPI h_lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
    int r = r_lstrcmpiW(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 1, 1);
    return r;
}

static int WINAPI h_lstrcmpA(LPCSTR a, LPCSTR b)
{
    int r = r_lstrcmpA(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 0, 0);
    return r;
}

static int WINAPI h_lstrcmpiA(LPCSTR a, LPCSTR b)
{
    int r = r_lstrcmpiA(a, b);
    if (r)
        note_units(RET, a, ALL, b, ALL, 0, 1);
    return r;
}

/* A search that failed: the needle is what the haystack should hold. */
static WCHAR *__cdecl h_wcsstr(const WCHAR *h, const WCHAR *n)
{
    WCHAR *r = r_wcsstr(h, n);
    if (!r)
        note_units(RET, h, ALL, n, ALL, 1, 0);
    return r;
}

static char *__cdecl h_strstr(const char *h, const char *n)
{
    char *r = r_strstr(h, n);
    if (!r)
        note_units(RET, h, ALL, n, ALL, 0, 0);
    return r;
}

/* A failed search for one unit: that unit is what the string should hold. */
static void note_chr(void *ret, const void *s, unsigned c, int wide)
{
    WCHAR w = (WCHAR)c;
    char b = (char)c;
    if (s && c)
        note_units(ret, s, 1, wide ? (const void *)&w : (const void *)&b, 1, wide, 0);
}

static WCHAR *__cdecl h_wcschr(const WCHAR *s, WCHAR c)
{
    WCHAR *r = r_wcschr(s, c);
    if (!r)
        note_chr(RET, s, c, 1);
    return r;
}

static WCHAR *__cdecl h_wcsrchr(const WCHAR *s, WCHAR c)
{
    WCHAR *r = r_wcsrchr(s, c);
    if (!r)
        note_chr(RET, s, c, 1);
    return r;
}

static char *__cdecl h_strchr(const char *s, int c)
{
    char *r = r_strchr(s, c);
    if (!r)
        note_chr(RET, s, (unsigned char)c, 0);
    return r;
}

static char *__cdecl h_strrchr(const char *s, int c)
{
    char *r = r_strrchr(s, c);
    if (!r)
        note_chr(RET, s, (unsigned char)c, 0);
    return r;
}

/* memcmp of a name of the call compares UTF-16 units: logged as such. */
static int __cdecl h_memcmp(const void *a, const void *b, size_t n)
{
    struct vf_name_ref ref;
    int r = r_memcmp(a, b, n);
    if (!r || !a || !b)
        return r;
    int wide = vf_exec_name_at(a, &ref) || vf_exec_name_at(b, &ref);
    size_t len = wide ? n / 2u : n;
    if (wide && vf_exec_name_at(a, &ref) && ref.units_left + 1u < len)
        len = ref.units_left + 1u;
    if (wide && vf_exec_name_at(b, &ref) && ref.units_left + 1u < len)
        len = ref.units_left + 1u;
    struct operand x = {a, len, wide};
    struct operand y = {b, len, wide};
    note(RET, &x, &y, 0);
    return r;
}

static size_t cs_len(LPCWSTR s, int n)
{
    return n < 0 ? ALL : (size_t)n;
}

static int WINAPI h_CompareStringW(LCID l, DWORD f, LPCWSTR a, int na, LPCWSTR b, int nb)
{
    int r = r_CompareStringW(l, f, a, na, b, nb);
    if (r != CSTR_EQUAL)
        note_units(RET, a, cs_len(a, na), b, cs_len(b, nb), 1, (f & NORM_IGNORECASE) != 0);
    return r;
}

static int WINAPI h_CompareStringEx(LPCWSTR l, DWORD f, LPCWSTR a, int na, LPCWSTR b, int nb,
                                    void *v, void *rsv, LPARAM p)
{
    int r = r_CompareStringEx(l, f, a, na, b, nb, v, rsv, p);
    if (r != CSTR_EQUAL)
        note_units(RET, a, cs_len(a, na), b, cs_len(b, nb), 1, (f & NORM_IGNORECASE) != 0);
    return r;
}

static int WINAPI h_CompareStringOrdinal(LPCWSTR a, int na, LPCWSTR b, int nb, BOOL ci)
{
    int r = r_CompareStringOrdinal(a, na, b, nb, ci);
    if (r != CSTR_EQUAL)
        note_units(RET, a, cs_len(a, na), b, cs_len(b, nb), 1, ci);
    return r;
}

static const struct {
    const char *name;
    void *hook;
    void **real;
} hooks[] = {
    {"wcscmp", (void *)h_wcscmp, (void **)&r_wcscmp},
    {"_wcsicmp", (void *)h_wcsicmp, (void **)&r_wcsicmp},
    {"wcsicmp", (void *)h_wcsicmp, (void **)&r_wcsicmp},
    {"wcsncmp", (void *)h_wcsncmp, (void **)&r_wcsncmp},
    {"_wcsnicmp", (void *)h_wcsnicmp, (void **)&r_wcsnicmp},
    {"wcsnicmp", (void *)h_wcsnicmp, (void **)&r_wcsnicmp},
    {"strcmp", (void *)h_strcmp, (void **)&r_strcmp},
    {"_stricmp", (void *)h_stricmp, (void **)&r_stricmp},
    {"stricmp", (void *)h_stricmp, (void **)&r_stricmp},
    {"strncmp", (void *)h_strncmp, (void **)&r_strncmp},
    {"_strnicmp", (void *)h_strnicmp, (void **)&r_strnicmp},
    {"strnicmp", (void *)h_strnicmp, (void **)&r_strnicmp},
    {"lstrcmpW", (void *)h_lstrcmpW, (void **)&r_lstrcmpW},
    {"lstrcmpiW", (void *)h_lstrcmpiW, (void **)&r_lstrcmpiW},
    {"lstrcmpA", (void *)h_lstrcmpA, (void **)&r_lstrcmpA},
    {"lstrcmpiA", (void *)h_lstrcmpiA, (void **)&r_lstrcmpiA},
    {"wcsstr", (void *)h_wcsstr, (void **)&r_wcsstr},
    {"strstr", (void *)h_strstr, (void **)&r_strstr},
    {"memcmp", (void *)h_memcmp, (void **)&r_memcmp},
    {"wcschr", (void *)h_wcschr, (void **)&r_wcschr},
    {"wcsrchr", (void *)h_wcsrchr, (void **)&r_wcsrchr},
    {"strchr", (void *)h_strchr, (void **)&r_strchr},
    {"strrchr", (void *)h_strrchr, (void **)&r_strrchr},
    {"CompareStringW", (void *)h_CompareStringW, (void **)&r_CompareStringW},
    {"CompareStringEx", (void *)h_CompareStringEx, (void **)&r_CompareStringEx},
    {"CompareStringOrdinal", (void *)h_CompareStringOrdinal, (void **)&r_CompareStringOrdinal},
};

static void *hook_for(const char *name, void *current, void *arg)
{
    (void)arg;
    for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++) {
        if (strcmp(name, hooks[i].name))
            continue;
        /* Two names for one function (wcsicmp, _wcsicmp) share a real. */
        if (!*hooks[i].real)
            *hooks[i].real = current;
        return hooks[i].hook;
    }
    return NULL;
}

void vf_cmplog_hook(HMODULE m, struct vf_shm *s)
{
    shm = s && s->cov_hdr.cmp_off ? s : NULL;
    dll_base = (ULONG_PTR)m;
    pe_repoint_imports(m, hook_for, NULL);
}
