/* References held on a loaded module (see module_refs.h). */
#include "module_refs.h"

#include <winternl.h>

/* The loader's entry of a module up to its DdagNode: the layout Windows 8 and
 * later and Wine share (MinGW's winternl.h declares only part of it). Wine keeps
 * the count in LoadCount (0xFFFF pinned) and leaves the node's at 0; Windows
 * keeps it in the node (0xFFFFFFFF pinned) [wine] [doc]. */
struct ldr_entry {
    LIST_ENTRY in_load_order;
    LIST_ENTRY in_memory_order;
    LIST_ENTRY in_init_order;
    void *base;
    void *entry_point;
    ULONG image_size;
    UNICODE_STRING full_name;
    UNICODE_STRING base_name;
    ULONG flags;
    USHORT load_count;
    USHORT tls_index;
    LIST_ENTRY hash_links;
    ULONG time_stamp;
    void *activation_context;
    void *lock;
    void *ddag_node;
};

/* The head of LDR_DDAG_NODE: its modules, its service tags, its load count. */
struct ddag_node {
    LIST_ENTRY modules;
    void *service_tags;
    ULONG load_count;
};

/* ntdll's own lock on its lists: a module loaded or freed meanwhile leaves them whole. */
NTSTATUS NTAPI LdrLockLoaderLock(ULONG flags, ULONG *disposition, ULONG_PTR *cookie);
NTSTATUS NTAPI LdrUnlockLoaderLock(ULONG flags, ULONG_PTR cookie);

/* GCC 12 takes MinGW's inline TEB read for an access past an array of size 0: a false
 * -Warray-bounds, silenced here only (as in state.c). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
int module_refs(HMODULE m, unsigned long *refs)
{
    PEB *peb = NtCurrentTeb()->ProcessEnvironmentBlock;
    /* PEB_LDR_DATA: Length, Initialized, SsHandle, then InLoadOrderModuleList. */
    LIST_ENTRY *head = (LIST_ENTRY *)((char *)peb->Ldr + 2 * sizeof(ULONG) + sizeof(void *));
    ULONG_PTR cookie = 0;
    int found = 0;
    if (LdrLockLoaderLock(0, NULL, &cookie) < 0)
        return 0;
    for (LIST_ENTRY *e = head->Flink; e && e != head && !found; e = e->Flink) {
        const struct ldr_entry *l = (const struct ldr_entry *)e;
        if (l->base != (void *)m)
            continue;
        const struct ddag_node *node = l->ddag_node;
        if (node && node->load_count)
            *refs = node->load_count;
        else if (l->load_count == 0xFFFF)
            *refs = MODULE_REFS_PINNED;
        else
            *refs = l->load_count;
        found = 1;
    }
    LdrUnlockLoaderLock(0, cookie);
    return found;
}
#pragma GCC diagnostic pop
