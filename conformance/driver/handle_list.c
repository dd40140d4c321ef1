/* The handles this process has open now (see handle_list.h). */
#include "handle_list.h"

#include "measure.h"

#include <winternl.h>

/* SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX and SYSTEM_HANDLE_INFORMATION_EX of
 * information class 64, SystemExtendedHandleInformation; not in the MinGW
 * headers. */
struct handle_entry {
    PVOID object;
    ULONG_PTR process_id;
    ULONG_PTR handle_value;
    ULONG granted_access;
    USHORT creator_back_trace_index;
    USHORT object_type_index;
    ULONG handle_attributes;
    ULONG reserved;
};

struct handle_table {
    ULONG_PTR count;
    ULONG_PTR reserved;
    struct handle_entry entries[1];
};

enum { EXTENDED_HANDLE_INFORMATION = 64, FIRST_SIZE = 1 << 16, LAST_SIZE = 1 << 28 };

#define STATUS_INFO_LENGTH_MISMATCH ((NTSTATUS)0xC0000004L)

/* The system's handle table in memory of its own (VirtualAlloc: no heap
 * block the leak and heap checks would see), or NULL; *size for the free. */
static struct handle_table *system_table(SIZE_T *size)
{
    for (SIZE_T cap = FIRST_SIZE; cap <= LAST_SIZE; cap *= 2) {
        struct handle_table *t = VirtualAlloc(NULL, cap, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
        ULONG needed = 0;
        if (!t)
            return NULL;
        NTSTATUS status = NtQuerySystemInformation(
            (SYSTEM_INFORMATION_CLASS)EXTENDED_HANDLE_INFORMATION, t, (ULONG)cap, &needed);
        if (status >= 0) {
            *size = cap;
            return t;
        }
        VirtualFree(t, 0, MEM_RELEASE);
        if (status != STATUS_INFO_LENGTH_MISMATCH)
            return NULL;
    }
    return NULL;
}

void handles_each(handles_each_fn each, void *arg)
{
    SIZE_T size = 0;
    struct handle_table *t = system_table(&size);
    if (!t) {
        for (unsigned i = 0; i < HANDLE_SLOTS; i++) {
            if (handle_slot_open(i))
                each(handle_at_slot(i), arg);
        }
        return;
    }
    ULONG_PTR self = GetCurrentProcessId();
    ULONG_PTR fits = (size - offsetof(struct handle_table, entries)) / sizeof t->entries[0];
    ULONG_PTR count = t->count < fits ? t->count : fits;
    for (ULONG_PTR i = 0; i < count; i++) {
        if (t->entries[i].process_id == self)
            each((HANDLE)t->entries[i].handle_value, arg);
    }
    VirtualFree(t, 0, MEM_RELEASE);
}
