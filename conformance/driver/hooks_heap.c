/* Heap releases of the notifier (see hooks_heap.h). Before the real call,
 * the pointer must be a live block of the heap named: HeapValidate(heap, 0,
 * p) is FALSE for a freed block, a block of another heap, a pointer into a
 * block and a stack or global address, without touching unmapped memory
 * (measured under Wine 8.0; Wine's LocalFree and msvcrt use the same test)
 * [wine]. An invalid release is reported with the notifier frame and not
 * passed on: passing it on is what corrupts the heap. [design] */
#include "hooks_heap.h"

#include "call_count.h"
#include "conform.h"
#include "crash.h"
#include "heap_serialize.h"
#include "hook_reals.h"
#include "hooks_faults.h"
#include "out.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef BOOL(WINAPI *HeapFree_fn)(HANDLE, DWORD, LPVOID);
typedef LPVOID(WINAPI *HeapReAlloc_fn)(HANDLE, DWORD, LPVOID, SIZE_T);
typedef SIZE_T(WINAPI *HeapSize_fn)(HANDLE, DWORD, LPCVOID);
typedef BOOL(WINAPI *HeapDestroy_fn)(HANDLE);
typedef HLOCAL(WINAPI *LocalFree_fn)(HLOCAL);
typedef HLOCAL(WINAPI *LocalReAlloc_fn)(HLOCAL, SIZE_T, UINT);
typedef void(__cdecl *free_fn)(void *);
typedef void *(__cdecl *realloc_fn)(void *, size_t);
typedef size_t(__cdecl *_msize_fn)(void *);
typedef intptr_t(__cdecl *heaphandle_fn)(void);
typedef int(__cdecl *sbh_fn)(void);

/* The real function of a hooked import, looked up once. */
static void *real_of(void *volatile *slot, const char *name)
{
    if (!*slot)
        *slot = hooks_real(name);
    return *slot;
}
#define REAL(fn) ((fn##_fn)real_of(&slot_##fn, #fn))

static void *volatile slot_HeapFree;
static void *volatile slot_HeapReAlloc;
static void *volatile slot_HeapSize;
static void *volatile slot_HeapDestroy;
static void *volatile slot_LocalFree;
static void *volatile slot_LocalReAlloc;
static void *volatile slot_GlobalFree;
static void *volatile slot_GlobalReAlloc;
static void *volatile slot_free;
static void *volatile slot_realloc;
static void *volatile slot__msize;
typedef LocalFree_fn GlobalFree_fn;
typedef LocalReAlloc_fn GlobalReAlloc_fn;

static volatile LONG n_checked;
static volatile LONG n_invalid;

long heap_checked(void)
{
    return n_checked;
}

long heap_invalid(void)
{
    return n_invalid;
}

/* ---- the CRT heap ---- */

/* msvcrt and ucrtbase allocate from the heap _get_heap_handle returns;
 * with a small-block heap (_set_sbh_threshold) they use a second one, and
 * the CRT functions are not checked [wine]. */
static HANDLE crt_heap(void)
{
    static HANDLE heap;
    static volatile LONG done;
    if (done)
        return heap;
    void *f = hooks_real("free");
    if (!f)
        f = hooks_real("realloc");
    if (!f)
        f = hooks_real("_msize");
    HMODULE m = NULL;
    DWORD how =
        GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    if (f && GetModuleHandleExA(how, f, &m)) {
        heaphandle_fn get = (heaphandle_fn)(void *)GetProcAddress(m, "_get_heap_handle");
        sbh_fn sbh = (sbh_fn)(void *)GetProcAddress(m, "_get_sbh_threshold");
        if (get && (!sbh || sbh() == 0))
            heap = (HANDLE)get();
    }
    done = 1;
    return heap;
}

/* ---- what a pointer is, for the report ---- */

/* The calling thread's stack is one reservation: a local's. */
static int on_this_stack(const void *p)
{
    MEMORY_BASIC_INFORMATION a;
    MEMORY_BASIC_INFORMATION b;
    volatile char here = 0;
    return VirtualQuery(p, &a, sizeof a) && VirtualQuery((const void *)&here, &b, sizeof b) &&
           a.AllocationBase == b.AllocationBase;
}

static int in_notifier_image(const void *p)
{
    MEMORY_BASIC_INFORMATION m;
    return cf.mod && VirtualQuery(p, &m, sizeof m) && m.AllocationBase == (void *)cf.mod;
}

/* The file name of the module whose image holds p; 0 if none. */
static int image_of(const void *p, char *buf, size_t cap)
{
    MEMORY_BASIC_INFORMATION m;
    char path[MAX_PATH];
    if (!VirtualQuery(p, &m, sizeof m) || m.Type != MEM_IMAGE ||
        !GetModuleFileNameA((HMODULE)m.AllocationBase, path, sizeof path))
        return 0;
    const char *base = strrchr(path, '\\');
    snprintf(buf, cap, "%s", base ? base + 1 : path);
    return 1;
}

static void heap_name(HANDLE h, char *buf, size_t cap)
{
    if (h == GetProcessHeap())
        snprintf(buf, cap, "the process heap");
    else if (h && h == crt_heap())
        snprintf(buf, cap, "the CRT heap");
    else
        snprintf(buf, cap, "heap %#llx", (unsigned long long)(uintptr_t)h);
}

static int heap_known(HANDLE h)
{
    HANDLE heaps[256];
    DWORD n = GetProcessHeaps(256, heaps);
    for (DWORD i = 0; i < n && i < 256; i++) {
        if (heaps[i] == h)
            return 1;
    }
    return 0;
}

/* The live heap block p is, other than `except`, or NULL. An unserialised
 * heap another thread is inside is passed over: validating it then could
 * corrupt it. */
static HANDLE heap_holding(const void *p, HANDLE except)
{
    HANDLE heaps[256];
    DWORD n = GetProcessHeaps(256, heaps);
    for (DWORD i = 0; i < n && i < 256; i++) {
        void *held;
        if (heaps[i] == except || !heap_serialize_try(heaps[i], &held))
            continue;
        BOOL holds = HeapValidate(heaps[i], 0, p);
        heap_serialize_leave(held);
        if (holds)
            return heaps[i];
    }
    return NULL;
}

void caller_frame(void *pc, char *buf, size_t cap)
{
    CONTEXT c;
    buf[0] = 0;
    if (!in_notifier_image(pc)) {
        snprintf(buf, cap, "%#llx", (unsigned long long)(uintptr_t)pc);
        return;
    }
    memset(&c, 0, sizeof c);
#if defined(__x86_64__)
    c.Rip = (DWORD64)(uintptr_t)pc;
#else
    c.Eip = (DWORD)(uintptr_t)pc;
#endif
    notifier_frame(&c, buf, cap);
}

/* ---- freed blocks: the last ones remembered; held back in quarantine ---- */

enum { HELD = 1024, FILL_MAX = 4096 };
static const unsigned char fill_byte = 0xfd;

struct freed {
    HANDLE heap;
    void *p;
    void *caller;  /* return address in the notifier */
    long call;     /* calls_made() when freed */
    SIZE_T filled; /* bytes filled with fill_byte while held */
    int crt;       /* released with the CRT's free */
    int held;      /* not yet passed to the real free */
};
static struct freed freed[HELD];
static unsigned freed_next;
static SRWLOCK freed_lock = SRWLOCK_INIT;
static volatile LONG quarantine_on;

/* The most recent free of p, copied into *out; 0 if none remembered. */
static int last_free_of(const void *p, struct freed *out)
{
    int found = 0;
    AcquireSRWLockShared(&freed_lock);
    for (unsigned k = 1; k <= HELD; k++) {
        struct freed *f = &freed[(freed_next - k) % HELD];
        if (f->p == p) {
            *out = *f;
            found = 1;
            break;
        }
    }
    ReleaseSRWLockShared(&freed_lock);
    return found;
}

static int is_held(const void *p)
{
    struct freed f;
    return quarantine_on && last_free_of(p, &f) && f.held;
}

static void report_invalid(const char *fn, HANDLE heap, const void *p, void *caller)
{
    char name[64];
    char why[300];
    char frame[300];
    char first[300];
    char mod[MAX_PATH];
    struct freed f;
    DWORD err = GetLastError();
    InterlockedIncrement(&n_invalid);
    heap_name(heap, name, sizeof name);
    HANDLE other = heap_holding(p, heap);
    if (last_free_of(p, &f) && (f.held || !other)) {
        long ago = calls_made() - f.call;
        caller_frame(f.caller, first, sizeof first);
        if (ago)
            snprintf(why, sizeof why,
                     "a block the notifier already freed %ld call(s) earlier "
                     "at %s (double free, or use after free)",
                     ago, first);
        else
            snprintf(why, sizeof why,
                     "a block the notifier already freed in this call at %s "
                     "(double free)",
                     first);
    } else if (other) {
        char oname[64];
        heap_name(other, oname, sizeof oname);
        snprintf(why, sizeof why,
                 "a live block of %s, not of %s (allocated from one heap, "
                 "released to another)",
                 oname, name);
    } else if (on_this_stack(p)) {
        snprintf(why, sizeof why,
                 "an address on the calling thread's stack (a pointer kept "
                 "in or read from a dead stack frame?)");
    } else if (in_notifier_image(p)) {
        snprintf(why, sizeof why,
                 "an address inside the notifier's own image (a global, or "
                 "an index past the end of a global table?)");
    } else if (image_of(p, mod, sizeof mod)) {
        snprintf(why, sizeof why,
                 "an address inside %s's image, not heap memory (a stale "
                 "value, e.g. read from a dead stack frame)",
                 mod);
    } else {
        snprintf(why, sizeof why,
                 "not the start of a live block of %s (freed before, "
                 "overwritten, or never allocated)",
                 name);
    }
    notifier_frame(NULL, frame, sizeof frame);
    if (!frame[0])
        caller_frame(caller, frame, sizeof frame);
    result_bad("heap.frees",
               "%s(%#llx) on %s during %s: %s; notifier frame %s (not "
               "passed on)",
               fn, (unsigned long long)(uintptr_t)p, name, hook_context(), why, frame);
    SetLastError(err);
}

/* 1 if p may be released to (or sized on) heap; else reported. */
static int check_block(const char *fn, HANDLE heap, const void *p, void *caller)
{
    if (!p || !heap)
        return 1;
    DWORD err = GetLastError();
    InterlockedIncrement(&n_checked);
    int ok = !is_held(p) && heap_known(heap) && HeapValidate(heap, 0, p);
    SetLastError(err);
    if (!ok)
        report_invalid(fn, heap, p, caller);
    return ok;
}

/* A held block to the real free; none when f holds none. Called holding no
 * heap: its own heap is taken here. */
static void pass_on(const struct freed *f)
{
    if (!f->held)
        return;
    DWORD err = GetLastError();
    if (f->crt) {
        REAL(free)(f->p);
    } else {
        void *held = heap_serialize_hold(f->heap);
        REAL(HeapFree)(f->heap, 0, f->p);
        heap_serialize_leave(held);
    }
    SetLastError(err);
}

/* A held block must still hold the fill pattern: else it was written after
 * the free. Called with the lock held; reports after releasing it. */
static size_t written_at(const struct freed *f)
{
    const unsigned char *b = f->p;
    for (SIZE_T i = 0; i < f->filled; i++) {
        if (b[i] != fill_byte)
            return i + 1;
    }
    return 0;
}

static void report_written(const struct freed *f, size_t at)
{
    char frame[300];
    caller_frame(f->caller, frame, sizeof frame);
    InterlockedIncrement(&n_invalid);
    result_bad("heap.frees",
               "a block of %lu bytes freed at %s was written after the free "
               "(byte %lu changed; found %ld calls later): use after free",
               (unsigned long)f->filled, frame, (unsigned long)(at - 1), calls_made() - f->call);
}

/* Remembers a free; in quarantine the block is held and the oldest held one
 * put in *evicted, for the caller to pass on once it holds no heap. Returns 1
 * if the caller must not pass p on now. */
static int note_free(HANDLE heap, void *p, int crt, int may_hold, void *caller,
                     struct freed *evicted)
{
    struct freed f = {
        .heap = heap,
        .p = p,
        .caller = caller,
        .call = calls_made(),
        .crt = crt,
        .held = may_hold && quarantine_on,
    };
    struct freed old;
    size_t bad = 0;
    DWORD err = GetLastError();
    if (f.held) {
        SIZE_T size = HeapSize(heap, 0, p);
        f.filled = size == (SIZE_T)-1 ? 0 : size < FILL_MAX ? size : FILL_MAX;
        memset(p, fill_byte, f.filled);
    }
    AcquireSRWLockExclusive(&freed_lock);
    old = freed[freed_next % HELD];
    freed[freed_next % HELD] = f;
    freed_next++;
    if (old.held)
        bad = written_at(&old);
    ReleaseSRWLockExclusive(&freed_lock);
    if (bad)
        report_written(&old, bad);
    *evicted = old;
    SetLastError(err);
    return f.held;
}

void heap_quarantine(int on)
{
    struct freed held[HELD];
    unsigned n = 0;
    AcquireSRWLockExclusive(&freed_lock);
    quarantine_on = on;
    for (unsigned i = 0; !on && i < HELD; i++) {
        if (!freed[i].held)
            continue;
        held[n] = freed[i];
        freed[i].held = 0;
        n++;
    }
    ReleaseSRWLockExclusive(&freed_lock);
    for (unsigned i = 0; i < n; i++) {
        size_t bad = written_at(&held[i]);
        if (bad)
            report_written(&held[i], bad);
        pass_on(&held[i]);
    }
}

/* ---- the wrappers ---- */

#define CALLER __builtin_return_address(0)

/* The checks run inside the heap's hold too: they read the heap. */
BOOL WINAPI w_HeapFree(HANDLE heap, DWORD flags, LPVOID p)
{
    heap_serialize_judge("HeapFree", heap, flags, CALLER);
    void *entered = heap_serialize_enter("HeapFree", heap, CALLER);
    if (!check_block("HeapFree", heap, p, CALLER)) {
        heap_serialize_leave(entered);
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct freed evicted = {0};
    BOOL freed_ok = TRUE;
    if (!p || !note_free(heap, p, 0, 1, CALLER, &evicted))
        freed_ok = REAL(HeapFree)(heap, flags, p);
    heap_serialize_leave(entered);
    pass_on(&evicted);
    return freed_ok;
}

LPVOID WINAPI w_HeapReAlloc(HANDLE heap, DWORD flags, LPVOID p, SIZE_T n)
{
    heap_serialize_judge("HeapReAlloc", heap, flags, CALLER);
    void *entered = heap_serialize_enter("HeapReAlloc", heap, CALLER);
    if (!check_block("HeapReAlloc", heap, p, CALLER)) {
        heap_serialize_leave(entered);
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (p && n && fault_now(FAULT_MEMORY)) {
        heap_serialize_leave(entered);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    LPVOID block = REAL(HeapReAlloc)(heap, flags, p, n);
    heap_serialize_leave(entered);
    return block;
}

SIZE_T WINAPI w_HeapSize(HANDLE heap, DWORD flags, LPCVOID p)
{
    heap_serialize_judge("HeapSize", heap, flags, CALLER);
    void *entered = heap_serialize_enter("HeapSize", heap, CALLER);
    if (!check_block("HeapSize", heap, p, CALLER)) {
        heap_serialize_leave(entered);
        SetLastError(ERROR_INVALID_PARAMETER);
        return (SIZE_T)-1;
    }
    SIZE_T size = REAL(HeapSize)(heap, flags, p);
    heap_serialize_leave(entered);
    return size;
}

/* Held blocks of a destroyed heap are gone with it. */
BOOL WINAPI w_HeapDestroy(HANDLE heap)
{
    AcquireSRWLockExclusive(&freed_lock);
    for (unsigned i = 0; i < HELD; i++) {
        if (freed[i].heap == heap && !freed[i].crt)
            memset(&freed[i], 0, sizeof freed[i]);
    }
    ReleaseSRWLockExclusive(&freed_lock);
    return REAL(HeapDestroy)(heap);
}

/* A fixed HLOCAL is a block of the process heap; a moveable one is a
 * handle-table entry, never aligned to two pointers [wine]. */
static int local_check(const char *fn, HLOCAL h, void *caller)
{
    if (!h)
        return 1;
    DWORD err = GetLastError();
    int moveable = ((ULONG_PTR)h & (2 * sizeof(void *) - 1)) != 0;
    InterlockedIncrement(&n_checked);
    int ok = moveable ? LocalFlags(h) != LMEM_INVALID_HANDLE
                      : !is_held(h) && HeapValidate(GetProcessHeap(), 0, h);
    SetLastError(err);
    if (!ok)
        report_invalid(fn, GetProcessHeap(), h, caller);
    return ok;
}

HLOCAL WINAPI w_LocalFree(HLOCAL h)
{
    if (!local_check("LocalFree", h, CALLER)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return h;
    }
    HLOCAL r = REAL(LocalFree)(h);
    struct freed evicted = {0};
    if (h && !r)
        note_free(GetProcessHeap(), h, 0, 0, CALLER, &evicted);
    pass_on(&evicted);
    return r;
}

HLOCAL WINAPI w_LocalReAlloc(HLOCAL h, SIZE_T n, UINT flags)
{
    if (!local_check("LocalReAlloc", h, CALLER)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return REAL(LocalReAlloc)(h, n, flags);
}

HGLOBAL WINAPI w_GlobalFree(HGLOBAL h)
{
    if (!local_check("GlobalFree", h, CALLER)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return h;
    }
    return REAL(GlobalFree)(h);
}

HGLOBAL WINAPI w_GlobalReAlloc(HGLOBAL h, SIZE_T n, UINT flags)
{
    if (!local_check("GlobalReAlloc", h, CALLER)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return REAL(GlobalReAlloc)(h, n, flags);
}

void __cdecl w_free(void *p)
{
    HANDLE heap = crt_heap();
    if (!check_block("free", heap, p, CALLER))
        return;
    struct freed evicted = {0};
    if (!p || !heap || !note_free(heap, p, 1, 1, CALLER, &evicted))
        REAL(free)(p);
    pass_on(&evicted);
}

/* realloc(p, 0) frees p in msvcrt [wine]; either way p must be live. */
void *__cdecl w_realloc(void *p, size_t n)
{
    if (!check_block("realloc", crt_heap(), p, CALLER))
        return NULL;
    /* A failed realloc keeps p [doc]. */
    if (n && fault_now(FAULT_MEMORY))
        return NULL;
    return REAL(realloc)(p, n);
}

size_t __cdecl w__msize(void *p)
{
    if (!check_block("_msize", crt_heap(), p, CALLER))
        return (size_t)-1;
    return REAL(_msize)(p);
}
