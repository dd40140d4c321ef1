/* Object types by NtQueryObject (see object_types.h). */
#include "object_types.h"

#include <wchar.h>
#include <winternl.h>

/* PUBLIC_OBJECT_TYPE_INFORMATION begins with the name; its text follows in the buffer. */
struct type_info {
    UNICODE_STRING name;
    WCHAR buf[64];
};

int object_type_of(HANDLE h, WCHAR *out, size_t cap)
{
    struct type_info ti;
    ULONG len = 0;
    if (!h || h == INVALID_HANDLE_VALUE || !cap)
        return 0;
    if (NtQueryObject(h, ObjectTypeInformation, &ti, sizeof ti, &len) < 0 || !ti.name.Buffer)
        return 0;
    size_t n = ti.name.Length / sizeof(WCHAR);
    if (n >= cap)
        return 0;
    wmemcpy(out, ti.name.Buffer, n);
    out[n] = 0;
    return 1;
}

int object_type_is(HANDLE h, const WCHAR *type)
{
    WCHAR name[64];
    return object_type_of(h, name, 64) && !wcscmp(name, type);
}
