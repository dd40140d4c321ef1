/* The full name of an open registry key (see reg_key_name.h). */
#include "reg_key_name.h"

#include <stdlib.h>
#include <string.h>

/* KEY_NAME_INFORMATION of NtQueryKey (class 3). */
struct key_name_info {
    ULONG length; /* bytes */
    WCHAR name[];
};
typedef LONG(WINAPI *NtQueryKey_fn)(HANDLE, int, void *, ULONG, ULONG *);
enum { KEY_NAME_INFORMATION_CLASS = 3 };

int reg_key_full_name(HKEY key, WCHAR *name, size_t units)
{
    static NtQueryKey_fn query;
    if (!query)
        query = (NtQueryKey_fn)(void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryKey");
    size_t size = sizeof(struct key_name_info) + units * sizeof(WCHAR);
    struct key_name_info *info = calloc(1, size);
    int ok = 0;
    ULONG got = 0;
    if (query && info && units &&
        query(key, KEY_NAME_INFORMATION_CLASS, info, (ULONG)(size - sizeof(WCHAR)), &got) >= 0 &&
        info->length < units * sizeof(WCHAR)) {
        memcpy(name, info->name, info->length);
        name[info->length / sizeof(WCHAR)] = 0;
        ok = 1;
    }
    free(info);
    return ok;
}
