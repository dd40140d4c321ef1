/* The notifier's COM initialisations (see hooks_com.h). */
#include "hooks_com.h"

#include "hook_reals.h"
#include "state_calls.h"

#include <stdio.h>

#define REAL(idx, type) ((type)hook_real_at(idx))

static volatile LONG com_inits;
/* This thread's initialisations by the notifier not yet balanced, and the first of them. */
static __thread LONG balance;
static __thread char first_init[80];

LONG hooks_com_inits(void)
{
    return com_inits;
}

static HRESULT counted(const char *what, HRESULT hr)
{
    if (SUCCEEDED(hr) && balance++ == 0)
        snprintf(first_init, sizeof first_init, "%s returned %s", what,
                 hr == S_FALSE ? "S_FALSE (the thread was initialised already)" : "S_OK");
    return hr;
}

static void uncounted(void)
{
    if (balance > 0)
        balance--;
}

int hooks_com_left(char *buf, size_t cap)
{
    if (balance <= 0)
        return 0;
    snprintf(buf, cap,
             "%s on the caller's thread, %ld initialisation(s) without CoUninitialize: each "
             "successful CoInitializeEx, S_FALSE too, needs its CoUninitialize [doc: "
             "CoInitializeEx]; the caller's own CoUninitialize then no longer ends its COM",
             first_init, (long)balance);
    return 1;
}

typedef HRESULT(WINAPI *coinit_fn)(LPVOID);
typedef void(WINAPI *couninit_fn)(void);
typedef HRESULT(WINAPI *coinitex_fn)(LPVOID, DWORD);

HRESULT WINAPI w_CoInitialize(LPVOID reserved)
{
    InterlockedIncrement(&com_inits);
    hooks_note_state_call("CoInitialize");
    return counted("CoInitialize", REAL(HK_CoInitialize, coinit_fn)(reserved));
}

HRESULT WINAPI w_CoInitializeEx(LPVOID reserved, DWORD model)
{
    InterlockedIncrement(&com_inits);
    hooks_note_state_call("CoInitializeEx(%#lx)", (unsigned long)model);
    char what[40];
    snprintf(what, sizeof what, "CoInitializeEx(%#lx)", (unsigned long)model);
    return counted(what, REAL(HK_CoInitializeEx, coinitex_fn)(reserved, model));
}

HRESULT WINAPI w_OleInitialize(LPVOID reserved)
{
    InterlockedIncrement(&com_inits);
    hooks_note_state_call("OleInitialize");
    return counted("OleInitialize", REAL(HK_OleInitialize, coinit_fn)(reserved));
}

void WINAPI w_CoUninitialize(void)
{
    uncounted();
    REAL(HK_CoUninitialize, couninit_fn)();
}

void WINAPI w_OleUninitialize(void)
{
    uncounted();
    REAL(HK_OleUninitialize, couninit_fn)();
}
