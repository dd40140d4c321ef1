/* The DLL winrunner-test.reg registers as a network provider's path: the
 * bundle must carry it. Never loaded by the tests (no WNet call). */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
        DisableThreadLibraryCalls(inst);
    return TRUE;
}
