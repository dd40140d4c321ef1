/* The notifier's COM initialisations (see hooks_com.h). */
#include "hooks_com.h"

#include "hook_reals.h"
#include "state_calls.h"

#define REAL(idx, type) ((type)hook_real_at(idx))

static volatile LONG com_inits;

LONG hooks_com_inits(void)
{
    return com_inits;
}

typedef HRESULT(WINAPI *coinit_fn)(LPVOID);
typedef HRESULT(WINAPI *coinitex_fn)(LPVOID, DWORD);

HRESULT WINAPI w_CoInitialize(LPVOID reserved)
{
    InterlockedIncrement(&com_inits);
    hooks_note_state_call("CoInitialize");
    return REAL(HK_CoInitialize, coinit_fn)(reserved);
}

HRESULT WINAPI w_CoInitializeEx(LPVOID reserved, DWORD model)
{
    InterlockedIncrement(&com_inits);
    hooks_note_state_call("CoInitializeEx(%#lx)", (unsigned long)model);
    return REAL(HK_CoInitializeEx, coinitex_fn)(reserved, model);
}

HRESULT WINAPI w_OleInitialize(LPVOID reserved)
{
    InterlockedIncrement(&com_inits);
    hooks_note_state_call("OleInitialize");
    return REAL(HK_OleInitialize, coinit_fn)(reserved);
}
