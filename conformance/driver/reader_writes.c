/* Writes under a reader lock (see reader_writes.h). */
#include "reader_writes.h"

#include "crash.h"
#include "hooks_heap.h"
#include "hooks_locks.h"
#include "measure.h"
#include "out.h"

#include <stdint.h>
#include <stdio.h>

enum { RANGES = 16, STEPPING = 64, PAGE = 4096 };
enum { TRAP_FLAG = 0x100 };

struct range {
    uintptr_t lo;
    uintptr_t hi;
    DWORD was; /* the protection before the watch */
    char section[IMAGE_SIZEOF_SHORT_NAME + 1];
};

/* A thread let through one write: its page is made read-only again after
 * the instruction, at the single-step trap. */
struct stepping {
    volatile LONG tid;
    uintptr_t pages[2]; /* a write across a page boundary faults on both */
    int n_pages;
};

static struct range ranges[RANGES];
static int n_ranges;
static uintptr_t image_lo;
static uintptr_t image_hi;
static uintptr_t ntdll_lo; /* the locks' own code: its writes are not judged */
static uintptr_t ntdll_hi;
static struct stepping stepping[STEPPING];
static volatile LONG watching;
static volatile LONG seen;
static volatile LONG found;
static char found_text[700];
static PVOID handler;

static const struct range *range_at(uintptr_t a)
{
    for (int i = 0; i < n_ranges; i++) {
        if (a >= ranges[i].lo && a < ranges[i].hi)
            return &ranges[i];
    }
    return NULL;
}

/* LOCK-prefixed, or XCHG with memory (locked by itself): an atomic write. */
static int atomic_write(const unsigned char *pc)
{
    for (int i = 0; i < 15; i++) {
        unsigned char b = pc[i];
        if (b == 0xf0)
            return 1;
        int prefix = b == 0x66 || b == 0x67 || b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x36 ||
                     b == 0x3e || b == 0x26 || b == 0x64 || b == 0x65;
#ifdef _WIN64
        if (b >= 0x40 && b <= 0x4f)
            prefix = 1;
#endif
        if (!prefix)
            return b == 0x86 || b == 0x87;
    }
    return 0;
}

static int from_ntdll(const void *pc)
{
    return (uintptr_t)pc >= ntdll_lo && (uintptr_t)pc < ntdll_hi;
}

static void record(const struct range *r, uintptr_t a, CONTEXT *ctx, void *pc, const char *locks)
{
    if (InterlockedExchange(&found, 1))
        return;
    char at[300];
    char thread_frame[300];
    /* A write by another module's code (wcscpy into a global): the notifier's call of it. */
    thread_frame[0] = 0;
    if ((uintptr_t)pc >= image_lo && (uintptr_t)pc < image_hi) {
        caller_frame(pc, at, sizeof at);
    } else {
        module_of(pc, at, sizeof at);
        notifier_frame(ctx, thread_frame, sizeof thread_frame);
    }
    snprintf(found_text, sizeof found_text,
             "a plain write to the notifier's global at +%#llx (%s) by %s while the thread held "
             "only %s, shared, during %s%s%s",
             (unsigned long long)(a - image_lo), r->section, at, locks, hook_context(),
             thread_frame[0] ? "; notifier frame " : "", thread_frame);
}

static int step_slot_take(uintptr_t page)
{
    LONG tid = (LONG)GetCurrentThreadId();
    for (int i = 0; i < STEPPING; i++) {
        if (stepping[i].tid == tid) {
            if (stepping[i].n_pages < 2)
                stepping[i].pages[stepping[i].n_pages++] = page;
            return 1;
        }
    }
    for (int i = 0; i < STEPPING; i++) {
        if (!InterlockedCompareExchange(&stepping[i].tid, tid, 0)) {
            stepping[i].pages[0] = page;
            stepping[i].n_pages = 1;
            return 1;
        }
    }
    return 0;
}

static struct stepping *step_slot_of_this_thread(void)
{
    LONG tid = (LONG)GetCurrentThreadId();
    for (int i = 0; i < STEPPING; i++) {
        if (stepping[i].tid == tid)
            return &stepping[i];
    }
    return NULL;
}

static void set_page(uintptr_t page, DWORD protect)
{
    DWORD old;
    VirtualProtect((void *)page, PAGE, protect, &old);
}

static LONG CALLBACK on_write(EXCEPTION_POINTERS *ep)
{
    EXCEPTION_RECORD *rec = ep->ExceptionRecord;
    if (rec->ExceptionCode == EXCEPTION_SINGLE_STEP) {
        struct stepping *s = step_slot_of_this_thread();
        if (!s)
            return EXCEPTION_CONTINUE_SEARCH;
        for (int i = 0; watching && i < s->n_pages; i++)
            set_page(s->pages[i], PAGE_READONLY);
        s->n_pages = 0;
        InterlockedExchange(&s->tid, 0);
        ep->ContextRecord->EFlags &= ~TRAP_FLAG;
        return EXCEPTION_CONTINUE_EXECUTION;
    }
    if (rec->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || rec->NumberParameters < 2 ||
        rec->ExceptionInformation[0] != 1)
        return EXCEPTION_CONTINUE_SEARCH;
    uintptr_t a = (uintptr_t)rec->ExceptionInformation[1];
    const struct range *r = range_at(a);
    if (!r)
        return EXCEPTION_CONTINUE_SEARCH;
    DWORD err = GetLastError();
    InterlockedIncrement(&seen);
    void *pc = rec->ExceptionAddress;
    char locks[400];
    if (!found && !from_ntdll(pc) && !atomic_write(pc) && locks_shared_only(locks, sizeof locks))
        record(r, a, ep->ContextRecord, pc, locks);
    uintptr_t page = a & ~(uintptr_t)(PAGE - 1);
    set_page(page, r->was);
    if (step_slot_take(page))
        ep->ContextRecord->EFlags |= TRAP_FLAG;
    SetLastError(err);
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* The image's writable data sections, less the pages of its import address
 * table (the driver's hooks wrote it; the loader may again). */
static void find_ranges(HMODULE mod)
{
    const unsigned char *base = (const unsigned char *)mod;
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)base;
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)(base + dos->e_lfanew);
    const IMAGE_DATA_DIRECTORY *iat = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IAT];
    uintptr_t iat_lo = (uintptr_t)base + (iat->VirtualAddress & ~(DWORD)(PAGE - 1));
    uintptr_t iat_hi =
        (uintptr_t)base + ((iat->VirtualAddress + iat->Size + PAGE - 1) & ~(DWORD)(PAGE - 1));
    const IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    n_ranges = 0;
    for (int i = 0; i < nt->FileHeader.NumberOfSections && n_ranges < RANGES; i++) {
        DWORD c = sec[i].Characteristics;
        if (!(c & IMAGE_SCN_MEM_WRITE) || (c & IMAGE_SCN_MEM_EXECUTE))
            continue;
        DWORD size = sec[i].Misc.VirtualSize ? sec[i].Misc.VirtualSize : sec[i].SizeOfRawData;
        uintptr_t lo = (uintptr_t)base + sec[i].VirtualAddress;
        uintptr_t hi = (lo + size + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
        if (iat->Size && lo < iat_hi && hi > iat_lo)
            continue;
        MEMORY_BASIC_INFORMATION mbi;
        if (!VirtualQuery((void *)lo, &mbi, sizeof mbi) ||
            (mbi.Protect != PAGE_READWRITE && mbi.Protect != PAGE_WRITECOPY))
            continue;
        struct range *r = &ranges[n_ranges];
        r->lo = lo;
        r->hi = hi;
        r->was = mbi.Protect;
        snprintf(r->section, sizeof r->section, "%.8s", (const char *)sec[i].Name);
        n_ranges++;
    }
}

int reader_writes_begin(HMODULE mod)
{
    uintptr_t lo;
    uintptr_t hi;
    notifier_range(mod, &lo, &hi);
    if (!mod || lo == hi)
        return 0;
    image_lo = lo;
    image_hi = hi;
    notifier_range(GetModuleHandleW(L"ntdll.dll"), &ntdll_lo, &ntdll_hi);
    seen = 0;
    found = 0;
    found_text[0] = 0;
    find_ranges(mod);
    if (!n_ranges)
        return 0;
    handler = AddVectoredExceptionHandler(1, on_write);
    if (!handler)
        return 0;
    InterlockedExchange(&watching, 1);
    for (int i = 0; i < n_ranges; i++) {
        DWORD old;
        VirtualProtect((void *)ranges[i].lo, ranges[i].hi - ranges[i].lo, PAGE_READONLY, &old);
    }
    return 1;
}

void reader_writes_end(void)
{
    if (!handler)
        return;
    InterlockedExchange(&watching, 0);
    for (int i = 0; i < n_ranges; i++) {
        DWORD old;
        VirtualProtect((void *)ranges[i].lo, ranges[i].hi - ranges[i].lo, ranges[i].was, &old);
    }
    /* A thread between its write and its trap still needs the handler. */
    for (int tries = 0; tries < 100; tries++) {
        int busy = 0;
        for (int i = 0; i < STEPPING; i++)
            busy |= stepping[i].tid != 0;
        if (!busy)
            break;
        Sleep(1);
    }
    RemoveVectoredExceptionHandler(handler);
    handler = NULL;
    n_ranges = 0;
}

int reader_writes_found(char *buf, size_t cap)
{
    if (!found)
        return 0;
    snprintf(buf, cap, "%s", found_text);
    return 1;
}

long reader_writes_seen(void)
{
    return seen;
}
