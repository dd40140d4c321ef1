/* The registry views the notifier names (see registry_views.h). */
#include "registry_views.h"

#include <wchar.h>

static struct registry_view views[REGISTRY_VIEWS_MAX];
static volatile LONG n_views;
static SRWLOCK lock = SRWLOCK_INIT;

void registry_views_noteW(HKEY key, const WCHAR *sub, REGSAM sam)
{
    static const WCHAR software[] = L"SOFTWARE";
    size_t n = wcslen(software);
    static const WCHAR wow[] = L"Wow6432Node\\";
    int bits = sam & KEY_WOW64_32KEY ? 32 : sam & KEY_WOW64_64KEY ? 64 : (int)(8 * sizeof(void *));
    if (key != HKEY_LOCAL_MACHINE || !sub || _wcsnicmp(sub, software, n))
        return;
    if (sub[n] && sub[n] != '\\')
        return;
    const WCHAR *below = sub[n] ? sub + n + 1 : sub + n;
    /* SOFTWARE\Wow6432Node\X by name: the 32-bit view of X. */
    if (!_wcsnicmp(below, wow, wcslen(wow))) {
        bits = 32;
        below += wcslen(wow);
    }
    if (wcslen(below) >= REGISTRY_VIEWS_UNITS)
        return;
    AcquireSRWLockExclusive(&lock);
    int seen = 0;
    for (LONG i = 0; i < n_views && !seen; i++)
        seen = views[i].bits == bits && !_wcsicmp(views[i].below_software, below);
    if (!seen && n_views < REGISTRY_VIEWS_MAX) {
        wcscpy(views[n_views].below_software, below);
        views[n_views].bits = bits;
        n_views++;
    }
    ReleaseSRWLockExclusive(&lock);
}

void registry_views_noteA(HKEY key, const char *sub, REGSAM sam)
{
    WCHAR wide[REGISTRY_VIEWS_UNITS + 16];
    if (sub && MultiByteToWideChar(CP_ACP, 0, sub, -1, wide, REGISTRY_VIEWS_UNITS + 16))
        registry_views_noteW(key, wide, sam);
}

unsigned registry_views_count(void)
{
    return (unsigned)n_views;
}

const struct registry_view *registry_view_at(unsigned i)
{
    return i < (unsigned)n_views ? &views[i] : NULL;
}
