/* Top-level windows of the calling thread (see top_window.h). */
#include "top_window.h"

HWND top_level_window_with(const WCHAR *name, DWORD style, WNDPROC proc)
{
    WNDCLASSW wc = {0};
    wc.lpfnWndProc = proc;
    wc.hInstance = GetModuleHandleW(NULL);
    wc.lpszClassName = name;
    RegisterClassW(&wc);
    return CreateWindowExW(0, name, name, style, 0, 0, 320, 200, NULL, NULL, wc.hInstance, NULL);
}

HWND top_level_window(const WCHAR *name, DWORD style)
{
    return top_level_window_with(name, style, DefWindowProcW);
}
