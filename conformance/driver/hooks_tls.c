/* The notifier's TLS slots (see hooks_tls.h). */
#include "hooks_tls.h"

#include "hook_reals.h"
#include "out.h"

#define REAL(idx, type) ((type)hook_real_at(idx))
/* TLS_MINIMUM_AVAILABLE plus the expansion slots. */
#define MAX_INDEX 1088

static volatile LONG tls_balance;
/* Bit i: the notifier freed index i and has not had it from TlsAlloc since. */
static volatile LONG freed[(MAX_INDEX + 31) / 32];

LONG hooks_tls_balance(void)
{
    return tls_balance;
}

void hooks_tls_new_instance(void)
{
    for (size_t i = 0; i < sizeof freed / sizeof freed[0]; i++)
        InterlockedExchange(&freed[i], 0);
}

static int was_freed(DWORD index)
{
    return index < MAX_INDEX && (freed[index / 32] & (1L << (index % 32)));
}

static void mark_freed(DWORD index, int on)
{
    if (index >= MAX_INDEX)
        return;
    LONG bit = 1L << (index % 32);
    if (on)
        InterlockedOr(&freed[index / 32], bit);
    else
        InterlockedAnd(&freed[index / 32], ~bit);
}

static void stale(const char *how, DWORD index)
{
    const char *during = hook_context();
    result_bad("state.tls",
               "%s(%lu) of a TLS index the notifier had freed with TlsFree: a stale index kept "
               "in a global; TlsAlloc gives freed indices out again, and the slot is then the "
               "host's (its value overwritten, read or freed)%s%s",
               how, (unsigned long)index, during[0] ? ", during " : "", during);
}

typedef DWORD(WINAPI *tls_alloc_fn)(void);
typedef BOOL(WINAPI *tls_free_fn)(DWORD);
typedef BOOL(WINAPI *tls_set_fn)(DWORD, LPVOID);
typedef LPVOID(WINAPI *tls_get_fn)(DWORD);

DWORD WINAPI w_TlsAlloc(void)
{
    DWORD s = REAL(HK_TlsAlloc, tls_alloc_fn)();
    if (s != TLS_OUT_OF_INDEXES) {
        InterlockedIncrement(&tls_balance);
        mark_freed(s, 0);
    }
    return s;
}

BOOL WINAPI w_TlsFree(DWORD index)
{
    if (was_freed(index))
        stale("TlsFree", index);
    BOOL r = REAL(HK_TlsFree, tls_free_fn)(index);
    if (r) {
        InterlockedDecrement(&tls_balance);
        mark_freed(index, 1);
    }
    return r;
}

BOOL WINAPI w_TlsSetValue(DWORD index, LPVOID value)
{
    if (was_freed(index))
        stale("TlsSetValue", index);
    return REAL(HK_TlsSetValue, tls_set_fn)(index, value);
}

LPVOID WINAPI w_TlsGetValue(DWORD index)
{
    if (was_freed(index)) {
        DWORD err = GetLastError();
        stale("TlsGetValue", index);
        SetLastError(err);
    }
    return REAL(HK_TlsGetValue, tls_get_fn)(index);
}
