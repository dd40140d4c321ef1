/* A remote name's first two parts (see unc_split.h). */
#include "unc_split.h"

size_t unc_split(const wchar_t *name, size_t *share_units)
{
    if (name[0] != '\\' || name[1] != '\\')
        return 0;
    const wchar_t *server = name + 2;
    size_t n = wcscspn(server, L"\\");
    if (n == 0 || server[n] != '\\')
        return 0;
    *share_units = wcscspn(server + n + 1, L"\\/");
    return *share_units ? n : 0;
}
