/* System DLLs the notifier brings into the process, kept loaded (see pin_modules.h). */
#include "pin_modules.h"

#include <psapi.h>
#include <wchar.h>

unsigned pin_modules_now(HMODULE *out)
{
    DWORD bytes = 0;
    if (!EnumProcessModules(GetCurrentProcess(), out, PIN_MODULES_MAX * sizeof *out, &bytes))
        return 0;
    DWORD n = bytes / sizeof *out;
    return n > PIN_MODULES_MAX ? PIN_MODULES_MAX : (unsigned)n;
}

static int among(HMODULE m, const HMODULE *list, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (list[i] == m)
            return 1;
    }
    return 0;
}

unsigned pin_modules_new_system(const HMODULE *before, unsigned n_before)
{
    static HMODULE now[PIN_MODULES_MAX];
    WCHAR system[MAX_PATH];
    UINT system_units = GetSystemDirectoryW(system, MAX_PATH);
    if (system_units == 0 || system_units >= MAX_PATH)
        return 0;
    unsigned n = pin_modules_now(now);
    unsigned pinned = 0;
    for (unsigned i = 0; i < n; i++) {
        WCHAR path[MAX_PATH];
        if (among(now[i], before, n_before) || !GetModuleFileNameW(now[i], path, MAX_PATH))
            continue;
        if (_wcsnicmp(path, system, system_units) || path[system_units] != L'\\')
            continue;
        if (LoadLibraryW(path))
            pinned++;
    }
    return pinned;
}
