/* COM for caller threads (see com_runtime.h). */
#include "com_runtime.h"

typedef HRESULT(WINAPI *co_init_fn)(void *, DWORD);
typedef void(WINAPI *co_uninit_fn)(void);

static co_init_fn co_init;
static co_uninit_fn co_uninit;

HRESULT com_enter(DWORD model)
{
    if (!co_init || !co_uninit) {
        HMODULE ole = LoadLibraryExW(L"ole32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
        if (!ole)
            return E_NOTIMPL;
        co_init = (co_init_fn)(void *)GetProcAddress(ole, "CoInitializeEx");
        co_uninit = (co_uninit_fn)(void *)GetProcAddress(ole, "CoUninitialize");
    }
    return co_init && co_uninit ? co_init(NULL, model) : E_NOTIMPL;
}

void com_leave(void)
{
    if (co_uninit)
        co_uninit();
}
