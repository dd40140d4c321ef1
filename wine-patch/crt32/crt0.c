/* What Wine's winecrt0 gives a PE DLL, for an i686 build without
 * libwine-dev:i386: the entry point and the stub of an unimplemented
 * export. The __wine_dbg_* functions come from ntdll (ntdll-wine.def). */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved);

BOOL WINAPI DllMainCRTStartup(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    return DllMain(instance, reason, reserved);
}

/* Wine's code for a call to a stub export: EXCEPTION_WINE_STUB. */
#define STUB_EXCEPTION 0x80000100

void __cdecl __wine_spec_unimplemented_stub(const char *module, const char *function)
{
    ULONG_PTR args[2];
    args[0] = (ULONG_PTR)module;
    args[1] = (ULONG_PTR)function;
    RaiseException(STUB_EXCEPTION, EXCEPTION_NONCONTINUABLE, 2, args);
}
