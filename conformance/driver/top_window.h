/* Top-level windows of the calling thread, as UI threads own: Wine makes
 * none without a graphics driver (the prefixes name the null driver). */
#ifndef TOP_WINDOW_H
#define TOP_WINDOW_H

#include <windows.h>

/* A window of class and title name (DefWindowProc), style as given; NULL
 * (GetLastError tells) when none can be made. */
HWND top_level_window(const WCHAR *name, DWORD style);
/* The same with the class's window procedure proc. */
HWND top_level_window_with(const WCHAR *name, DWORD style, WNDPROC proc);

#endif
