/* connotify_vfcov: the static library a vendor links into a notifier DLL
 * built with -fsanitize-coverage=trace-pc (MinGW gcc) or trace-pc-guard
 * (clang), and optionally trace-cmp. Its callbacks count edges straight
 * into the section the fuzzing host shares with libFuzzer (vf_shm.h);
 * outside the fuzzer they count into a private array and cost one
 * increment per edge. Build this file without coverage flags. */
#include <windows.h>

#include <stdint.h>

#include "vf_shm.h"

extern IMAGE_DOS_HEADER __ImageBase;

static uint8_t local_counters[VF_COV_SIZE];
static uint8_t *counters = local_counters;
static uint32_t prev;
static uint32_t guards;
static volatile struct vf_cov_hdr *hdr;
static struct vf_cmp *cmp_log; /* NULL: a host without the log */
static uint32_t cmp_slots;

static void name_of_section(WCHAR *out, size_t cap)
{
    static const WCHAR head[] = L"Local\\connotify-vfcov-";
    WCHAR digits[16];
    size_t n = 0, d = 0;
    DWORD pid = GetCurrentProcessId();
    do {
        digits[d++] = (WCHAR)(L'0' + pid % 10u);
        pid /= 10u;
    } while (pid && d < 15);
    for (size_t i = 0; head[i] && n + 1 < cap; i++)
        out[n++] = head[i];
    while (d && n + 1 < cap)
        out[n++] = digits[--d];
    out[n] = 0;
}

/* Runs while the DLL loads: finds the host's section, if there is one. */
__attribute__((constructor)) static void vf_cov_attach(void)
{
    WCHAR name[64];
    name_of_section(name, 64);
    HANDLE s = OpenFileMappingW(FILE_MAP_WRITE, FALSE, name);
    if (!s)
        return;
    struct vf_cov_hdr *h = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);
    CloseHandle(s);
    if (!h || h->magic != VF_MAGIC || h->cov_size != VF_COV_SIZE)
        return;
    counters = (uint8_t *)h + h->cov_off;
    h->mode = guards ? VF_COV_PC_GUARD : VF_COV_TRACE_PC;
    h->guards = guards;
    /* A version 1 host has other fields there: the log lies past the counters. */
    if (h->cmp_off >= h->cov_off + h->cov_size && h->cmp_slots) {
        cmp_log = (struct vf_cmp *)((uint8_t *)h + h->cmp_off);
        cmp_slots = h->cmp_slots;
    }
    h->attached = 1;
    hdr = h;
}

/* gcc: one call per basic block; the edge is the pair of blocks, hashed
 * from their offsets in the image so that it is the same every run. */
void __sanitizer_cov_trace_pc(void)
{
    uintptr_t rva = (uintptr_t)__builtin_return_address(0) - (uintptr_t)&__ImageBase;
    uint32_t cur = ((uint32_t)rva * 2654435761u) >> 16;
    counters[(cur ^ prev) % VF_COV_SIZE]++;
    prev = cur >> 1;
}

/* A unit (at most 0xffff) compared with a 0 unit may be a name's NUL
 * compared with the next unit of a keyword the loop matches unit by unit:
 * logged apart, one slot per site and unit, for the driver to append to
 * the name (vf_shm.h, VF_CMP_END). A constant is only ever the other unit:
 * a unit compared with the constant 0 is a loop looking for the NUL. */
static void log_end(uint32_t site, uint64_t a, uint64_t b, unsigned len, int konst)
{
    uint64_t unit = a ? a : b;
    if (len > 4 || unit > 0xffffu || (a && b) || (konst && a))
        return;
    struct vf_cmp *e = &cmp_log[(site ^ (uint32_t)unit * 2246822519u ^ 0x9e3779b9u) % cmp_slots];
    e->kind = VF_CMP_END;
    e->len = (uint16_t)len;
    e->site = site;
    __builtin_memset(e->a, 0, 8);
    __builtin_memcpy(e->b, &unit, 8);
    e->gen = hdr->cmp_gen;
}

/* trace-cmp (gcc and clang): a comparison counts at an index made of its
 * site and the number of bits in which its operands differ, so an input
 * that brings them closer is new coverage (libFuzzer's value profile, here
 * in the same counters). An unequal pair also goes to the host's log, one
 * slot per site and constant: the driver hands it to libFuzzer, whose
 * mutations then put the constant where the input holds the other value
 * (a unit compared with '%' or ':' becomes one). */
static void cmp(uintptr_t pc, uint64_t a, uint64_t b, unsigned len, int konst)
{
    uint32_t site = ((uint32_t)(pc - (uintptr_t)&__ImageBase) * 2654435761u) >> 16;
    counters[(site + (uint32_t)__builtin_popcountll(a ^ b)) % VF_COV_SIZE]++;
    if (!cmp_log || a == b || !len)
        return;
    log_end(site, a, b, len, konst);
    /* A site with constants has a slot per constant; else one slot. */
    struct vf_cmp *e = &cmp_log[(site ^ (konst ? (uint32_t)b * 40503u : 0)) % cmp_slots];
    e->kind = VF_CMP_INT;
    e->len = (uint16_t)len;
    e->site = site;
    __builtin_memcpy(e->a, &a, 8);
    __builtin_memcpy(e->b, &b, 8);
    e->gen = hdr->cmp_gen;
}

/* The const variants get the constant first: it goes second here. */
#define VF_CMP(name, type, x, y, konst)                                       \
    void name(type a, type b)                                                 \
    {                                                                         \
        cmp((uintptr_t)__builtin_return_address(0), (uint64_t)x, (uint64_t)y, \
            (unsigned)sizeof(type), konst);                                   \
    }
VF_CMP(__sanitizer_cov_trace_cmp1, uint8_t, a, b, 0)
VF_CMP(__sanitizer_cov_trace_cmp2, uint16_t, a, b, 0)
VF_CMP(__sanitizer_cov_trace_cmp4, uint32_t, a, b, 0)
VF_CMP(__sanitizer_cov_trace_cmp8, uint64_t, a, b, 0)
VF_CMP(__sanitizer_cov_trace_const_cmp1, uint8_t, b, a, 1)
VF_CMP(__sanitizer_cov_trace_const_cmp2, uint16_t, b, a, 1)
VF_CMP(__sanitizer_cov_trace_const_cmp4, uint32_t, b, a, 1)
VF_CMP(__sanitizer_cov_trace_const_cmp8, uint64_t, b, a, 1)

/* gcc also traces floating-point comparisons: their sites count once. */
void __sanitizer_cov_trace_cmpf(float a, float b)
{
    cmp((uintptr_t)__builtin_return_address(0), a == b, 1, 0, 0);
}

void __sanitizer_cov_trace_cmpd(double a, double b)
{
    cmp((uintptr_t)__builtin_return_address(0), a == b, 1, 0, 0);
}

/* cases[0] values of cases[1] bits follow from cases[2]: the nearest. */
void __sanitizer_cov_trace_switch(uint64_t val, uint64_t *cases)
{
    uint64_t best = cases[2];
    for (uint64_t i = 1; i < cases[0]; i++)
        if (__builtin_popcountll(val ^ cases[2 + i]) < __builtin_popcountll(val ^ best))
            best = cases[2 + i];
    cmp((uintptr_t)__builtin_return_address(0), val, best, (unsigned)(cases[1] / 8u), 1);
}

/* clang: guards numbered from 1 once, at load. */
void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop)
{
    if (start == stop || *start)
        return;
    for (uint32_t *g = start; g < stop; g++)
        *g = ++guards;
    if (hdr) {
        hdr->mode = VF_COV_PC_GUARD;
        hdr->guards = guards;
    }
}

void __sanitizer_cov_trace_pc_guard(uint32_t *guard)
{
    if (*guard)
        counters[*guard % VF_COV_SIZE]++;
}

/* clang on COFF puts its guards in .SCOV$GM; the runtime brackets them. */
__attribute__((section(".SCOV$GA"), used)) uint32_t __start___sancov_guards[1];
__attribute__((section(".SCOV$GZ"), used)) uint32_t __stop___sancov_guards[1];
