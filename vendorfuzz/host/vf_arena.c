/* Guarded buffers (vf_arena.h). */
#include "vf_arena.h"
#include "vf_sys.h"

#include <stdio.h>
#include <string.h>

#define PAGE       4096u
#define COLD       16u /* retired after each call */
#define WARM       8u  /* armed once, never retired */
#define SLOTS      (COLD + WARM)
#define NAME_PAGES 17u /* 32768 UTF-16 units and a NUL */

static const unsigned region_pages[VF_R_COUNT] = {1, NAME_PAGES, NAME_PAGES, NAME_PAGES};

struct region_use {
    size_t start; /* offset of the data in the region */
    int used;
    char label[48];
};

struct slot_use {
    struct region_use r[VF_R_COUNT];
    unsigned long call; /* serial number of the call */
};

static unsigned char *view;  /* what the notifier sees */
static unsigned char *alias; /* read-write view of the same pages */
static unsigned char *trap;
static size_t region_off[VF_R_COUNT]; /* offset of each region in a slot */
static size_t slot_size;
static struct slot_use slots[SLOTS];
static unsigned cur;
static unsigned next_cold, next_warm;
static unsigned long calls;

int vf_arena_init(void)
{
    size_t off = 0;
    for (int i = 0; i < VF_R_COUNT; i++) {
        region_off[i] = off;
        off += (region_pages[i] + 1u) * PAGE;
    }
    slot_size = off;
    HANDLE s = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                                  (DWORD)(slot_size * SLOTS), NULL);
    if (!s)
        return 0;
    view = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);
    alias = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);
    CloseHandle(s);
    trap = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
    if (!view || !alias || !trap)
        return 0;
    DWORD old;
    if (!VirtualProtect(view, slot_size * SLOTS, PAGE_NOACCESS, &old))
        return 0;
    for (unsigned w = COLD; w < SLOTS; w++) {
        for (int r = 0; r < VF_R_COUNT; r++) {
            DWORD prot = r == VF_R_CALL ? PAGE_READWRITE : PAGE_READONLY;
            if (!VirtualProtect(view + w * slot_size + region_off[r], region_pages[r] * PAGE, prot,
                                &old))
                return 0;
        }
    }
    vf_sys_init();
    return 1;
}

void vf_arena_begin(int cold)
{
    if (cold) {
        cur = next_cold;
        next_cold = (next_cold + 1u) % COLD;
    } else {
        cur = COLD + next_warm;
        next_warm = (next_warm + 1u) % WARM;
    }
    memset(slots[cur].r, 0, sizeof slots[cur].r);
    slots[cur].call = ++calls;
}

void *vf_arena_buf(enum vf_region region, size_t size, const char *label, int writable,
                   void **alias_out)
{
    size_t cap = region_pages[region] * PAGE;
    if (size > cap)
        size = cap;
    size_t start = cap - size;
    size_t base = cur * slot_size + region_off[region];
    size_t first = start & ~(size_t)(PAGE - 1u);
    struct region_use *u = &slots[cur].r[region];
    u->start = start;
    u->used = 1;
    snprintf(u->label, sizeof u->label, "%s", label);
    if (cur < COLD && first < cap)
        vf_protect(view + base + first, cap - first, writable ? PAGE_READWRITE : PAGE_READONLY);
    *alias_out = alias + base + start;
    return view + base + start;
}

void vf_arena_retire(void)
{
    if (cur < COLD)
        vf_protect(view + cur * slot_size, slot_size, PAGE_NOACCESS);
}

void *vf_arena_trap(void)
{
    return trap;
}

int vf_arena_explain(ULONG_PTR addr, int write, char *buf, size_t cap, char *kind, size_t kcap)
{
    const char *rw = write ? "write" : "read";
    if (!view || !trap)
        return 0; /* not set up yet: a fault while the DLL loads */
    if (addr >= (ULONG_PTR)trap && addr < (ULONG_PTR)trap + PAGE) {
        snprintf(buf, cap, "%s of NOTIFYCANCEL.lpProvider in PRE, where it is undefined [doc]", rw);
        snprintf(kind, kcap, "%s-undefined-provider", rw);
        return 1;
    }
    if (addr < (ULONG_PTR)view || addr >= (ULONG_PTR)view + slot_size * SLOTS)
        return 0;
    size_t off = (size_t)(addr - (ULONG_PTR)view);
    unsigned s = (unsigned)(off / slot_size);
    size_t in = off % slot_size;
    int r = VF_R_COUNT - 1;
    while (r > 0 && in < region_off[r])
        r--;
    size_t at = in - region_off[r];
    size_t data_end = region_pages[r] * PAGE;
    struct region_use *u = &slots[s].r[r];
    const char *label = u->used ? u->label : "an unused buffer";
    if (s >= COLD && at < data_end) {
        /* Warm pages fault only on a write (names are read-only). */
        snprintf(buf, cap, "%s into %s, an [in] buffer%s", rw, label,
                 s == cur ? "" : " of an earlier call");
        snprintf(kind, kcap, "write-to-input");
    } else if (s != cur && s < COLD) {
        snprintf(buf, cap, "%s of %s of an earlier call (%lu calls ago) after that call returned",
                 rw, label, calls - slots[s].call);
        snprintf(kind, kcap, "use-after-return-%s", rw);
    } else if (at >= data_end) {
        snprintf(buf, cap, "%s past the end of %s (%lu bytes past)", rw, label,
                 (unsigned long)(at - data_end));
        snprintf(kind, kcap, "%s-overflow", rw);
    } else if (at < u->start) {
        snprintf(buf, cap, "%s before the start of %s (%lu bytes before)", rw, label,
                 (unsigned long)(u->start - at));
        snprintf(kind, kcap, "%s-underflow", rw);
    } else {
        snprintf(buf, cap, "%s into %s, an [in] buffer", rw, label);
        snprintf(kind, kcap, "write-to-input");
    }
    return 1;
}
