/* See loaded_proc.h. */
#include "loaded_proc.h"

FARPROC loaded_proc(const WCHAR *module, const char *name, FARPROC *cache)
{
    if (cache && *cache)
        return *cache;
    HMODULE m = GetModuleHandleW(module);
    FARPROC f = m ? GetProcAddress(m, name) : NULL;
    if (cache)
        *cache = f;
    return f;
}
