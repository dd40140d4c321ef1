/* The notifier's own cancels (see wnet_cancels.h). */
#include "wnet_cancels.h"

#include "out.h"

#include <string.h>
#include <wchar.h>

enum { NOTED = 64, NAME_UNITS = 64 };

struct noted_cancel {
    WCHAR name[NAME_UNITS];
    ULONGLONG at;
    int forced;
    int in_call;
};

/* The notifier's cancels, and the driver's declined ones, the last NOTED of each. */
static struct noted_cancel asked[NOTED];
static unsigned n_asked;
static struct noted_cancel declined[NOTED];
static unsigned n_declined;
static SRWLOCK lock = SRWLOCK_INIT;

static void keep(struct noted_cancel *table, unsigned *n, const struct noted_cancel *c)
{
    AcquireSRWLockExclusive(&lock);
    table[*n % NOTED] = *c;
    (*n)++;
    ReleaseSRWLockExclusive(&lock);
}

/* fForce's position for the cancel functions; 0 for any other. WNetCancelConnection(name,
 * fForce), WNetCancelConnection2(name, dwFlags, fForce). */
static int force_arg(const char *fn)
{
    if (!strcmp(fn, "WNetCancelConnectionW") || !strcmp(fn, "WNetCancelConnectionA"))
        return 2;
    if (!strcmp(fn, "WNetCancelConnection2W") || !strcmp(fn, "WNetCancelConnection2A"))
        return 3;
    return 0;
}

/* The name as UTF-16, cut to the table's width; 0 for a name not readable. */
static int name_of(const char *fn, ULONG_PTR arg, WCHAR out[NAME_UNITS])
{
    out[0] = 0;
    if (!arg)
        return 0;
    if (fn[strlen(fn) - 1] == 'A') {
        const char *text = (const char *)arg;
        if (IsBadStringPtrA(text, NAME_UNITS))
            return 0;
        int n = MultiByteToWideChar(CP_ACP, 0, text, -1, out, NAME_UNITS - 1);
        out[n > 0 ? n : 0] = 0;
        return 1;
    }
    const WCHAR *text = (const WCHAR *)arg;
    if (IsBadStringPtrW(text, NAME_UNITS))
        return 0;
    wcsncpy(out, text, NAME_UNITS - 1);
    out[NAME_UNITS - 1] = 0;
    return 1;
}

void wnet_cancels_note(const char *fn, const ULONG_PTR *args)
{
    int at = force_arg(fn);
    if (!at)
        return;
    DWORD err = GetLastError();
    struct noted_cancel c = {.at = GetTickCount64(), .forced = args[at - 1] != 0};
    c.in_call = in_notifier_call();
    if (name_of(fn, args[0], c.name))
        keep(asked, &n_asked, &c);
    SetLastError(err);
}

void wnet_cancels_declined(const WCHAR *name)
{
    struct noted_cancel c = {.at = GetTickCount64()};
    if (!name || IsBadStringPtrW(name, NAME_UNITS))
        return;
    wcsncpy(c.name, name, NAME_UNITS - 1);
    keep(declined, &n_declined, &c);
}

ULONGLONG wnet_cancels_last_declined(void)
{
    AcquireSRWLockShared(&lock);
    ULONGLONG at = n_declined ? declined[(n_declined - 1) % NOTED].at : 0;
    ReleaseSRWLockShared(&lock);
    return at;
}

int wnet_cancels_overridden(WCHAR *name, size_t cap, long long *after_ms)
{
    int found = 0;
    AcquireSRWLockShared(&lock);
    for (unsigned i = 0; !found && i < n_asked && i < NOTED; i++) {
        const struct noted_cancel *a = &asked[i];
        for (unsigned j = 0; a->forced && !a->in_call && j < n_declined && j < NOTED; j++) {
            const struct noted_cancel *d = &declined[j];
            if (a->at < d->at || _wcsicmp(a->name, d->name))
                continue;
            wcsncpy(name, a->name, cap - 1);
            name[cap - 1] = 0;
            *after_ms = (long long)(a->at - d->at);
            found = 1;
            break;
        }
    }
    ReleaseSRWLockShared(&lock);
    return found;
}
