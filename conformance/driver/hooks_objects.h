/* Named sections, events and semaphores the notifier asks for: every name
 * it passes to Create* or Open*, also when the open fails (an object a peer
 * makes: a tray program's event), the window classes it looks for with
 * FindWindow (a tray program's window) and the local pipes it opens as a
 * client (an agent service's). files.squatted makes them first. */
#ifndef HOOKS_OBJECTS_H
#define HOOKS_OBJECTS_H

#include <windows.h>

enum { OBJECT_NAME_UNITS = 300 };

struct object_request {
    const char *type; /* "Section", "Event", "Semaphore", "Window", "Pipe" */
    WCHAR name[OBJECT_NAME_UNITS];
};

/* The names asked for so far, each once (at most 32); *n gets how many. */
const struct object_request *object_requests(unsigned *n);
/* A name the notifier opened with CreateFile: noted when it is a local pipe (\\.\pipe\). */
void object_request_file(const WCHAR *name);
/* 1 when the notifier opened a local pipe as a client in this process. */
int object_requested_pipe(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
HANDLE WINAPI w_CreateEventW(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCWSTR name);
HANDLE WINAPI w_CreateEventA(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCSTR name);
HANDLE WINAPI w_CreateEventExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access);
HANDLE WINAPI w_OpenEventW(DWORD access, BOOL inherit, LPCWSTR name);
HANDLE WINAPI w_OpenEventA(DWORD access, BOOL inherit, LPCSTR name);
HANDLE WINAPI w_CreateFileMappingW(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect,
                                   DWORD size_high, DWORD size_low, LPCWSTR name);
HANDLE WINAPI w_CreateFileMappingA(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect,
                                   DWORD size_high, DWORD size_low, LPCSTR name);
HANDLE WINAPI w_OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name);
HANDLE WINAPI w_OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name);
HANDLE WINAPI w_CreateSemaphoreW(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCWSTR name);
HANDLE WINAPI w_CreateSemaphoreA(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCSTR name);
HANDLE WINAPI w_OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name);
HWND WINAPI w_FindWindowW(LPCWSTR cls, LPCWSTR title);
HWND WINAPI w_FindWindowA(LPCSTR cls, LPCSTR title);
HWND WINAPI w_FindWindowExW(HWND parent, HWND after, LPCWSTR cls, LPCWSTR title);
HWND WINAPI w_FindWindowExA(HWND parent, HWND after, LPCSTR cls, LPCSTR title);

#endif
