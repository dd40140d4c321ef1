/* Fenced memory (see fence.h). */
#include "fence.h"

#include "conform.h"
#include "out.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define PAGE 4096u
static DWORD high_flag;
enum { FENCE_DATA, FENCE_TRAP, FENCE_DEAD };

struct fence {
    char *base, *data, *guard;  /* data ends where the guard page starts */
    size_t size;
    int kind;
    char label[64];
};
static struct fence fences[4096];
static volatile LONG nfences;
static volatile LONG trap_hit_count;
static char trap_hit_label[64];
static volatile LONG guard_hit_count;
static char guard_hit_label[64];
/* Pages of fence_watch, 0 where free. */
static volatile uintptr_t watched[8];

static struct fence *fence_of(const void *p)
{
    for (LONG i = 0; i < nfences; i++)
        if (fences[i].base && fences[i].data == p) return &fences[i];
    return NULL;
}

/* The entry for a new buffer at base: a freed buffer's again (a case may make and free many),
 * else the next; the driver gives up when base is NULL or the table is full. Filled, it is
 * published with publish(). */
static LONG free_entry(const void *base, const char *what)
{
    LONG slot = 0;
    while (slot < nfences && fences[slot].base)
        slot++;
    if (!base || slot >= (LONG)(sizeof fences / sizeof fences[0])) {
        out_line("ERROR\tout of memory for %s", what);
        ExitProcess(EXIT_USAGE);
    }
    return slot;
}

static void publish(LONG slot)
{
    if (slot == nfences)
        InterlockedIncrement(&nfences);
}

void *fence_alloc(size_t size, const char *label)
{
    size_t pages = (size + PAGE - 1) / PAGE;
    if (pages == 0)
        pages = 1;
    char *base = VirtualAlloc(NULL, (pages + 1) * PAGE, MEM_RESERVE | MEM_COMMIT | high_flag,
                              PAGE_READWRITE);
    DWORD old;
    LONG slot = free_entry(base, "fenced buffers");
    VirtualProtect(base + pages * PAGE, PAGE, PAGE_NOACCESS, &old);
    struct fence *f = &fences[slot];
    f->base = base;
    f->guard = base + pages * PAGE;
    f->data = f->guard - size;
    f->size = size;
    f->kind = FENCE_DATA;
    snprintf(f->label, sizeof f->label, "%s", label);
    publish(slot);
    return f->data;
}

void fence_seal(void *p)
{
    struct fence *f = fence_of(p);
    DWORD old;
    if (f) VirtualProtect(f->base, (size_t)(f->guard - f->base), PAGE_READONLY, &old);
}

void fence_unseal(void *p)
{
    struct fence *f = fence_of(p);
    DWORD old;
    if (f) VirtualProtect(f->base, (size_t)(f->guard - f->base), PAGE_READWRITE, &old);
}

/* The buffer's call has returned: every byte becomes PAGE_NOACCESS and a
 * later touch is named by `label`. The pages stay reserved, so that the
 * address is never reused for another buffer. */
void fence_retire(void *p, const char *label)
{
    struct fence *f = fence_of(p);
    DWORD old;
    if (!f || f->kind != FENCE_DATA) return;
    VirtualProtect(f->base, (size_t)(f->guard - f->base), PAGE_NOACCESS, &old);
    f->kind = FENCE_DEAD;
    snprintf(f->label, sizeof f->label, "%s", label);
}

void fence_free(void *p)
{
    struct fence *f = fence_of(p);
    if (!f) return;
    VirtualFree(f->base, 0, MEM_RELEASE);
    f->base = f->data = f->guard = NULL;
}

/* The page of p when p is in a fenced buffer's data, else 0. */
static uintptr_t data_page(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    for (LONG i = 0; a && i < nfences; i++) {
        const struct fence *f = &fences[i];
        if (f->base && f->kind == FENCE_DATA && a >= (uintptr_t)f->data && a < (uintptr_t)f->guard)
            return a & ~(uintptr_t)(PAGE - 1);
    }
    return 0;
}

void fence_watch(const void *p)
{
    uintptr_t page = data_page(p);
    MEMORY_BASIC_INFORMATION mbi;
    if (!page || !VirtualQuery((void *)page, &mbi, sizeof mbi))
        return;
    for (unsigned i = 0; i < sizeof watched / sizeof watched[0]; i++) {
        if (watched[i] == page)
            return;
    }
    for (unsigned i = 0; i < sizeof watched / sizeof watched[0]; i++) {
        if (watched[i])
            continue;
        DWORD old;
        watched[i] = page;
        VirtualProtect((void *)page, PAGE, mbi.Protect | PAGE_GUARD, &old);
        return;
    }
}

void fence_unwatch(const void *p)
{
    uintptr_t page = data_page(p);
    for (unsigned i = 0; page && i < sizeof watched / sizeof watched[0]; i++) {
        if (watched[i] != page)
            continue;
        MEMORY_BASIC_INFORMATION mbi;
        DWORD old;
        if (VirtualQuery((void *)page, &mbi, sizeof mbi) && (mbi.Protect & PAGE_GUARD))
            VirtualProtect((void *)page, PAGE, mbi.Protect & ~(DWORD)PAGE_GUARD, &old);
        watched[i] = 0;
    }
}

int fence_watched(uintptr_t a)
{
    uintptr_t page = a & ~(uintptr_t)(PAGE - 1);
    for (unsigned i = 0; page && i < sizeof watched / sizeof watched[0]; i++) {
        if (watched[i] == page)
            return 1;
    }
    return 0;
}

void *trap_page(const char *label)
{
    char *base = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT | high_flag, PAGE_NOACCESS);
    LONG slot = free_entry(base, "trap pages");
    struct fence *f = &fences[slot];
    f->base = f->data = f->guard = base;
    f->size = 0;
    f->kind = FENCE_TRAP;
    snprintf(f->label, sizeof f->label, "%s", label);
    publish(slot);
    return base;
}

/* MPR's names live in heap blocks, handed out in units of
 * MEMORY_ALLOCATION_ALIGNMENT bytes [doc]: the zero bytes up to the end of
 * such a unit are readable in any real caller. Wine 8.0's path functions
 * (GetFileAttributesW, CreateFileW, PathFileExistsW, GetDriveTypeW) read
 * the first 8 bytes of a name at once, past the NUL of a 1- or 2-unit name
 * (measured) [wine]. */
WCHAR *fence_wstr(const WCHAR *s, const char *label)
{
    size_t n = wcslen(s) + 1;
    size_t unit = MEMORY_ALLOCATION_ALIGNMENT;
    size_t bytes = (n * sizeof(WCHAR) + unit - 1) / unit * unit;
    WCHAR *p = fence_alloc(bytes, label);
    memset(p, 0, bytes);
    memcpy(p, s, n * sizeof(WCHAR));
    fence_seal(p);
    return p;
}

WCHAR *fence_fill(size_t n, WCHAR c, const char *label)
{
    WCHAR *p = fence_alloc((n + 1) * sizeof(WCHAR), label);
    for (size_t i = 0; i < n; i++) p[i] = c;
    p[n] = 0;
    fence_seal(p);
    return p;
}

LONG trap_hits(void) { return trap_hit_count; }

void fence_describe(uintptr_t a, int write, char *buf, size_t cap)
{
    for (LONG i = 0; i < nfences; i++) {
        struct fence *f = &fences[i];
        if (!f->base) continue;
        if (f->kind == FENCE_TRAP && a >= (uintptr_t)f->base && a < (uintptr_t)f->base + PAGE) {
            snprintf(buf, cap, "%s %s", write ? "write to" : "read of", f->label);
            return;
        }
        if (f->kind == FENCE_DEAD && a >= (uintptr_t)f->base && a < (uintptr_t)f->guard + PAGE) {
            snprintf(buf, cap, "%s %s", write ? "write to" : "read of", f->label);
            return;
        }
        if (f->kind == FENCE_DATA && a >= (uintptr_t)f->guard && a < (uintptr_t)f->guard + PAGE) {
            snprintf(buf, cap, "%s past the end of %s", write ? "write" : "read", f->label);
            return;
        }
        if (f->kind == FENCE_DATA && write && a >= (uintptr_t)f->base && a < (uintptr_t)f->guard) {
            snprintf(buf, cap, "write into %s, an [in] buffer", f->label);
            return;
        }
    }
    if (a < 0x10000)
        snprintf(buf, cap, "NULL pointer %s (address %#llx)", write ? "write" : "read",
                 (unsigned long long)a);
    else
        snprintf(buf, cap, "%s of address %#llx", write ? "write" : "read", (unsigned long long)a);
}

int fence_overlaps(uintptr_t lo, uintptr_t hi, char *label, size_t cap)
{
    for (LONG i = 0; i < nfences; i++) {
        const struct fence *f = &fences[i];
        if (!f->base)
            continue;
        uintptr_t end = (uintptr_t)f->guard + PAGE;
        if (lo < end && hi > (uintptr_t)f->base) {
            snprintf(label, cap, "%s", f->label);
            return 1;
        }
    }
    return 0;
}

void fence_prefer_high(int on)
{
    high_flag = on ? MEM_TOP_DOWN : 0;
}

int fence_note_fault(uintptr_t a)
{
    for (LONG i = 0; i < nfences; i++) {
        struct fence *f = &fences[i];
        if (!f->base)
            continue;
        uintptr_t b = (uintptr_t)f->base;
        uintptr_t g = (uintptr_t)f->guard;
        int hit = (f->kind == FENCE_TRAP && a >= b && a < b + PAGE) ||
                  (f->kind == FENCE_DEAD && a >= b && a < g + PAGE) ||
                  (f->kind == FENCE_DATA && a >= g && a < g + PAGE);
        if (!hit)
            continue;
        if (f->kind == FENCE_DATA) {
            memcpy(guard_hit_label, f->label, sizeof guard_hit_label);
            InterlockedIncrement(&guard_hit_count);
        }
        if (InterlockedIncrement(&trap_hit_count) == 1)
            memcpy(trap_hit_label, f->label, sizeof trap_hit_label);
        return 1;
    }
    return 0;
}

LONG fence_guard_hits(void)
{
    return guard_hit_count;
}

const char *fence_guard_label(void)
{
    return guard_hit_label;
}

const char *trap_label(void)
{
    return trap_hit_label;
}
