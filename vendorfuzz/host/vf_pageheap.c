/* The page heap (vf_pageheap.h). Each block is its own VirtualAlloc
 * region: header page(s), the block ending at the region's last page, which
 * is PAGE_NOACCESS; the rest of the 64 KiB reservation is not committed,
 * so a larger stride past the block faults too. Pointers the page heap did
 * not hand out (blocks from before the hooks, or from msvcrt's own calls)
 * go to the real functions. Past 4096 live blocks new ones come from the
 * real heap.
 * A region that leaves the quarantine is kept, still PAGE_NOACCESS, for the
 * next block of its span, which opens its data pages with one mprotect
 * (vf_sys.h) and zeroes the block as a new region would be, in place of a
 * VirtualAlloc, a VirtualProtect and a VirtualFree per block
 * (docs/vendor-fuzzing.md: 15% more inputs/s on the reference). */
#include "vf_pageheap.h"
#include "pe_imports.h"
#include "vf_crash.h"
#include "vf_sys.h"

#include <stdio.h>
#include <string.h>

#define PAGE       4096u
#define ALIGN      16u
#define MAX_LIVE   4096u
#define TABLE      8192u /* open addressing over MAX_LIVE, a power of 2 */
#define QUARANTINE 512u
#define SLACK_BYTE 0xa5u
#define SPARE_SPAN 64u /* pages: larger regions are released */
#define SPARE_EACH 16u /* regions kept per span */

struct block {
    char *user; /* NULL: empty; (char *)1: deleted */
    char *base;
    size_t size;
    size_t span; /* bytes from base to the guard page's end */
};

static struct block table[TABLE];
static unsigned live;
static struct block freed[QUARANTINE];
static unsigned freed_next;
static char *spare[SPARE_SPAN + 1u][SPARE_EACH]; /* by span in pages */
static unsigned spares[SPARE_SPAN + 1u];
static SRWLOCK lock = SRWLOCK_INIT;
static HANDLE process_heap;

static unsigned slot_of(const void *p)
{
    return (unsigned)(((ULONG_PTR)p >> 4) * 2654435761u) % TABLE;
}

static struct block *find(const void *p)
{
    for (unsigned i = slot_of(p), n = 0; n < TABLE; i = (i + 1u) % TABLE, n++) {
        if (!table[i].user)
            return NULL;
        if (table[i].user == p)
            return &table[i];
    }
    return NULL;
}

/* A kept region of `span` bytes, all PAGE_NOACCESS, or NULL. */
static char *take_spare(size_t span)
{
    size_t pages = span / PAGE;
    if (pages > SPARE_SPAN || !spares[pages])
        return NULL;
    return spare[pages][--spares[pages]];
}

/* A region out of the quarantine: kept for reuse, or released. */
static void retire(char *base, size_t span)
{
    size_t pages = span / PAGE;
    if (pages <= SPARE_SPAN && spares[pages] < SPARE_EACH) {
        spare[pages][spares[pages]++] = base;
        return;
    }
    VirtualFree(base, 0, MEM_RELEASE);
}

static void *page_alloc(size_t size)
{
    size_t rounded = (size + ALIGN - 1u) & ~(size_t)(ALIGN - 1u);
    if (!rounded)
        rounded = ALIGN;
    size_t data = (rounded + PAGE - 1u) & ~(size_t)(PAGE - 1u);
    size_t span = data + PAGE;
    if (live >= MAX_LIVE || size > ((size_t)1 << 30))
        return NULL;
    char *base = take_spare(span);
    char *user = base ? base + data - rounded : NULL;
    if (base) {
        vf_protect(base, data, PAGE_READWRITE);
        memset(user, 0, size);
    } else {
        base = VirtualAlloc(NULL, span, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        if (!base)
            return NULL;
        DWORD old;
        VirtualProtect(base + data, PAGE, PAGE_NOACCESS, &old);
        user = base + data - rounded;
    }
    memset(user + size, SLACK_BYTE, rounded - size);
    unsigned i = slot_of(user);
    while (table[i].user && table[i].user != (char *)1)
        i = (i + 1u) % TABLE;
    table[i] = (struct block){user, base, size, span};
    live++;
    return user;
}

/* The block leaves the table; 0 when `p` is not one of ours. */
static int page_free(void *p, const char *call)
{
    struct block *b = find(p);
    if (!b)
        return 0;
    struct block k = *b;
    size_t rounded = (k.size + ALIGN - 1u) & ~(size_t)(ALIGN - 1u);
    for (size_t i = k.size; i < rounded; i++)
        if ((unsigned char)k.user[i] != SLACK_BYTE)
            vf_finding("heap-overflow-slack", NULL,
                       "%s of a %lu-byte block: byte %lu past its end was written "
                       "(inside the alignment, before the guard page)",
                       call, (unsigned long)k.size, (unsigned long)(i - k.size));
    b->user = (char *)1;
    live--;
    vf_protect(k.base, k.span - PAGE, PAGE_NOACCESS);
    struct block *q = &freed[freed_next];
    if (q->base)
        retire(q->base, q->span);
    *q = k;
    freed_next = (freed_next + 1u) % QUARANTINE;
    return 1;
}

int vf_pageheap_explain(ULONG_PTR addr, int write, char *buf, size_t cap, char *kind, size_t kcap)
{
    const char *rw = write ? "write" : "read";
    for (unsigned i = 0; i < TABLE; i++) {
        struct block *b = &table[i];
        if (!b->user || b->user == (char *)1)
            continue;
        ULONG_PTR end = (ULONG_PTR)b->user + b->size;
        ULONG_PTR limit = ((ULONG_PTR)b->base + b->span + 0xffffu) & ~(ULONG_PTR)0xffffu;
        if (addr >= end && addr < limit) {
            snprintf(kind, kcap, "heap-overflow-%s", rw);
            snprintf(buf, cap, "%s %lu bytes past a %lu-byte heap block the notifier allocated", rw,
                     (unsigned long)(addr - end), (unsigned long)b->size);
            return 1;
        }
    }
    for (unsigned i = 0; i < QUARANTINE; i++) {
        struct block *b = &freed[i];
        if (b->base && addr >= (ULONG_PTR)b->base && addr < (ULONG_PTR)b->base + b->span) {
            snprintf(kind, kcap, "use-after-free-%s", rw);
            snprintf(buf, cap, "%s at offset %ld of a %lu-byte heap block the notifier freed", rw,
                     (long)(addr - (ULONG_PTR)b->user), (unsigned long)b->size);
            return 1;
        }
    }
    return 0;
}

/* ---------------- the hooks ---------------- */

typedef void *(__cdecl *malloc_fn)(size_t);
typedef void *(__cdecl *calloc_fn)(size_t, size_t);
typedef void *(__cdecl *realloc_fn)(void *, size_t);
typedef void(__cdecl *free_fn)(void *);
typedef size_t(__cdecl *msize_fn)(void *);
typedef LPVOID(WINAPI *halloc_fn)(HANDLE, DWORD, SIZE_T);
typedef LPVOID(WINAPI *hrealloc_fn)(HANDLE, DWORD, LPVOID, SIZE_T);
typedef BOOL(WINAPI *hfree_fn)(HANDLE, DWORD, LPVOID);
typedef SIZE_T(WINAPI *hsize_fn)(HANDLE, DWORD, LPCVOID);

static malloc_fn r_malloc;
static calloc_fn r_calloc;
static realloc_fn r_realloc;
static free_fn r_free;
static msize_fn r_msize;
static halloc_fn r_HeapAlloc;
static hrealloc_fn r_HeapReAlloc;
static hfree_fn r_HeapFree;
static hsize_fn r_HeapSize;

static void *alloc(size_t size)
{
    AcquireSRWLockExclusive(&lock);
    void *p = page_alloc(size);
    ReleaseSRWLockExclusive(&lock);
    return p;
}

static int release(void *p, const char *call)
{
    AcquireSRWLockExclusive(&lock);
    int ours = page_free(p, call);
    ReleaseSRWLockExclusive(&lock);
    return ours;
}

/* Size of one of ours, or (size_t)-1. */
static size_t size_of(const void *p)
{
    AcquireSRWLockShared(&lock);
    struct block *b = find(p);
    size_t n = b ? b->size : (size_t)-1;
    ReleaseSRWLockShared(&lock);
    return n;
}

static void *__cdecl h_malloc(size_t n)
{
    void *p = alloc(n);
    return p ? p : r_malloc(n);
}

static void *__cdecl h_calloc(size_t n, size_t m)
{
    if (m && n > (size_t)-1 / m)
        return r_calloc(n, m);
    void *p = alloc(n * m);
    return p ? p : r_calloc(n, m);
}

static void __cdecl h_free(void *p)
{
    if (p && !release(p, "free"))
        r_free(p);
}

static void *__cdecl h_realloc(void *p, size_t n)
{
    if (!p)
        return h_malloc(n);
    size_t old = size_of(p);
    if (old == (size_t)-1)
        return r_realloc(p, n);
    if (!n) {
        release(p, "realloc");
        return NULL;
    }
    void *q = h_malloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, old < n ? old : n);
    release(p, "realloc");
    return q;
}

static size_t __cdecl h_msize(void *p)
{
    size_t n = size_of(p);
    return n != (size_t)-1 ? n : r_msize(p);
}

static LPVOID WINAPI h_HeapAlloc(HANDLE h, DWORD f, SIZE_T n)
{
    void *p = h == process_heap ? alloc(n) : NULL;
    return p ? p : r_HeapAlloc(h, f, n);
}

static LPVOID WINAPI h_HeapReAlloc(HANDLE h, DWORD f, LPVOID p, SIZE_T n)
{
    size_t old = size_of(p);
    if (old == (size_t)-1)
        return r_HeapReAlloc(h, f, p, n);
    if (f & HEAP_REALLOC_IN_PLACE_ONLY)
        return NULL;
    void *q = h_HeapAlloc(h, f & ~(DWORD)HEAP_ZERO_MEMORY, n);
    if (!q)
        return NULL;
    memcpy(q, p, old < n ? old : n);
    if ((f & HEAP_ZERO_MEMORY) && n > old)
        memset((char *)q + old, 0, n - old);
    release(p, "HeapReAlloc");
    return q;
}

static BOOL WINAPI h_HeapFree(HANDLE h, DWORD f, LPVOID p)
{
    if (p && release(p, "HeapFree"))
        return TRUE;
    return r_HeapFree(h, f, p);
}

static SIZE_T WINAPI h_HeapSize(HANDLE h, DWORD f, LPCVOID p)
{
    size_t n = size_of(p);
    return n != (size_t)-1 ? n : r_HeapSize(h, f, p);
}

static const struct {
    const char *name;
    void *hook;
    void **real;
} hooks[] = {
    {"malloc", (void *)h_malloc, (void **)&r_malloc},
    {"calloc", (void *)h_calloc, (void **)&r_calloc},
    {"realloc", (void *)h_realloc, (void **)&r_realloc},
    {"free", (void *)h_free, (void **)&r_free},
    {"_msize", (void *)h_msize, (void **)&r_msize},
    {"HeapAlloc", (void *)h_HeapAlloc, (void **)&r_HeapAlloc},
    {"HeapReAlloc", (void *)h_HeapReAlloc, (void **)&r_HeapReAlloc},
    {"HeapFree", (void *)h_HeapFree, (void **)&r_HeapFree},
    {"HeapSize", (void *)h_HeapSize, (void **)&r_HeapSize},
};

static void *hook_for(const char *name, void *current, void *arg)
{
    (void)arg;
    for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++) {
        if (strcmp(name, hooks[i].name))
            continue;
        *hooks[i].real = current;
        return hooks[i].hook;
    }
    return NULL;
}

void vf_pageheap_hook(HMODULE dll)
{
    process_heap = GetProcessHeap();
    pe_repoint_imports(dll, hook_for, NULL);
    /* Functions the DLL does not import still need a real one. */
    HMODULE crt = GetModuleHandleW(L"msvcrt.dll");
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    if (!r_malloc && crt)
        r_malloc = (malloc_fn)(void *)GetProcAddress(crt, "malloc");
    if (!r_calloc && crt)
        r_calloc = (calloc_fn)(void *)GetProcAddress(crt, "calloc");
    if (!r_realloc && crt)
        r_realloc = (realloc_fn)(void *)GetProcAddress(crt, "realloc");
    if (!r_free && crt)
        r_free = (free_fn)(void *)GetProcAddress(crt, "free");
    if (!r_msize && crt)
        r_msize = (msize_fn)(void *)GetProcAddress(crt, "_msize");
    if (!r_HeapAlloc)
        r_HeapAlloc = (halloc_fn)(void *)GetProcAddress(k32, "HeapAlloc");
    if (!r_HeapReAlloc)
        r_HeapReAlloc = (hrealloc_fn)(void *)GetProcAddress(k32, "HeapReAlloc");
    if (!r_HeapFree)
        r_HeapFree = (hfree_fn)(void *)GetProcAddress(k32, "HeapFree");
    if (!r_HeapSize)
        r_HeapSize = (hsize_fn)(void *)GetProcAddress(k32, "HeapSize");
}
