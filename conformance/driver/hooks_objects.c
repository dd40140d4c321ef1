/* Named objects the notifier asks for (see hooks_objects.h). */
#include "hooks_objects.h"

#include "hook_reals.h"

#include <string.h>
#include <wchar.h>

enum { MAX_REQUESTS = 32 };

static struct object_request requests[MAX_REQUESTS];
static volatile LONG n_requests;
static CRITICAL_SECTION lock;
static INIT_ONCE lock_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK lock_init(INIT_ONCE *once, void *param, void **ctx)
{
    (void)once;
    (void)param;
    (void)ctx;
    InitializeCriticalSection(&lock);
    return TRUE;
}

static void note(const char *type, const WCHAR *name)
{
    if (!name || !name[0] || wcslen(name) >= OBJECT_NAME_UNITS)
        return;
    InitOnceExecuteOnce(&lock_once, lock_init, NULL, NULL);
    EnterCriticalSection(&lock);
    int seen = 0;
    for (LONG i = 0; i < n_requests && !seen; i++)
        seen = requests[i].type == type && !wcscmp(requests[i].name, name);
    if (!seen && n_requests < MAX_REQUESTS) {
        requests[n_requests].type = type;
        wcscpy(requests[n_requests].name, name);
        n_requests++;
    }
    LeaveCriticalSection(&lock);
}

static void note_ansi(const char *type, const char *name)
{
    WCHAR wide[OBJECT_NAME_UNITS];
    if (name && MultiByteToWideChar(CP_ACP, 0, name, -1, wide, OBJECT_NAME_UNITS))
        note(type, wide);
}

const struct object_request *object_requests(unsigned *n)
{
    *n = (unsigned)n_requests;
    return requests;
}

void object_request_file(const WCHAR *name)
{
    if (name && !_wcsnicmp(name, L"\\\\.\\pipe\\", 9))
        note("Pipe", name);
}

int object_requested_pipe(void)
{
    for (LONG i = 0; i < n_requests; i++) {
        if (!strcmp(requests[i].type, "Pipe"))
            return 1;
    }
    return 0;
}

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef HANDLE(WINAPI *CreateEventW_fn)(LPSECURITY_ATTRIBUTES, BOOL, BOOL, LPCWSTR);
typedef HANDLE(WINAPI *CreateEventA_fn)(LPSECURITY_ATTRIBUTES, BOOL, BOOL, LPCSTR);
typedef HANDLE(WINAPI *CreateEventExW_fn)(LPSECURITY_ATTRIBUTES, LPCWSTR, DWORD, DWORD);
typedef HANDLE(WINAPI *OpenW_fn)(DWORD, BOOL, LPCWSTR);
typedef HANDLE(WINAPI *OpenA_fn)(DWORD, BOOL, LPCSTR);
typedef HANDLE(WINAPI *CreateFileMappingW_fn)(HANDLE, LPSECURITY_ATTRIBUTES, DWORD, DWORD, DWORD,
                                              LPCWSTR);
typedef HANDLE(WINAPI *CreateFileMappingA_fn)(HANDLE, LPSECURITY_ATTRIBUTES, DWORD, DWORD, DWORD,
                                              LPCSTR);
typedef HANDLE(WINAPI *CreateSemaphoreW_fn)(LPSECURITY_ATTRIBUTES, LONG, LONG, LPCWSTR);
typedef HANDLE(WINAPI *CreateSemaphoreA_fn)(LPSECURITY_ATTRIBUTES, LONG, LONG, LPCSTR);

HANDLE WINAPI w_CreateEventW(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCWSTR name)
{
    note("Event", name);
    return REAL(CreateEventW, CreateEventW_fn)(sa, manual, initial, name);
}

HANDLE WINAPI w_CreateEventA(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCSTR name)
{
    note_ansi("Event", name);
    return REAL(CreateEventA, CreateEventA_fn)(sa, manual, initial, name);
}

HANDLE WINAPI w_CreateEventExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
    note("Event", name);
    return REAL(CreateEventExW, CreateEventExW_fn)(sa, name, flags, access);
}

HANDLE WINAPI w_OpenEventW(DWORD access, BOOL inherit, LPCWSTR name)
{
    note("Event", name);
    return REAL(OpenEventW, OpenW_fn)(access, inherit, name);
}

HANDLE WINAPI w_OpenEventA(DWORD access, BOOL inherit, LPCSTR name)
{
    note_ansi("Event", name);
    return REAL(OpenEventA, OpenA_fn)(access, inherit, name);
}

HANDLE WINAPI w_CreateFileMappingW(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect,
                                   DWORD size_high, DWORD size_low, LPCWSTR name)
{
    note("Section", name);
    return REAL(CreateFileMappingW, CreateFileMappingW_fn)(file, sa, protect, size_high, size_low,
                                                           name);
}

HANDLE WINAPI w_CreateFileMappingA(HANDLE file, LPSECURITY_ATTRIBUTES sa, DWORD protect,
                                   DWORD size_high, DWORD size_low, LPCSTR name)
{
    note_ansi("Section", name);
    return REAL(CreateFileMappingA, CreateFileMappingA_fn)(file, sa, protect, size_high, size_low,
                                                           name);
}

HANDLE WINAPI w_OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name)
{
    note("Section", name);
    return REAL(OpenFileMappingW, OpenW_fn)(access, inherit, name);
}

HANDLE WINAPI w_OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name)
{
    note_ansi("Section", name);
    return REAL(OpenFileMappingA, OpenA_fn)(access, inherit, name);
}

HANDLE WINAPI w_CreateSemaphoreW(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCWSTR name)
{
    note("Semaphore", name);
    return REAL(CreateSemaphoreW, CreateSemaphoreW_fn)(sa, initial, max, name);
}

HANDLE WINAPI w_CreateSemaphoreA(LPSECURITY_ATTRIBUTES sa, LONG initial, LONG max, LPCSTR name)
{
    note_ansi("Semaphore", name);
    return REAL(CreateSemaphoreA, CreateSemaphoreA_fn)(sa, initial, max, name);
}

HANDLE WINAPI w_OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name)
{
    note("Semaphore", name);
    return REAL(OpenSemaphoreW, OpenW_fn)(access, inherit, name);
}

/* A class given as an atom (MAKEINTATOM) has no name to register. */
static int class_name(const void *cls)
{
    return cls && !IS_INTRESOURCE(cls);
}

typedef HWND(WINAPI *FindWindowW_fn)(LPCWSTR, LPCWSTR);
typedef HWND(WINAPI *FindWindowA_fn)(LPCSTR, LPCSTR);
typedef HWND(WINAPI *FindWindowExW_fn)(HWND, HWND, LPCWSTR, LPCWSTR);
typedef HWND(WINAPI *FindWindowExA_fn)(HWND, HWND, LPCSTR, LPCSTR);

HWND WINAPI w_FindWindowW(LPCWSTR cls, LPCWSTR title)
{
    if (class_name(cls))
        note("Window", cls);
    return REAL(FindWindowW, FindWindowW_fn)(cls, title);
}

HWND WINAPI w_FindWindowA(LPCSTR cls, LPCSTR title)
{
    if (class_name(cls))
        note_ansi("Window", cls);
    return REAL(FindWindowA, FindWindowA_fn)(cls, title);
}

HWND WINAPI w_FindWindowExW(HWND parent, HWND after, LPCWSTR cls, LPCWSTR title)
{
    if (class_name(cls) && !parent)
        note("Window", cls);
    return REAL(FindWindowExW, FindWindowExW_fn)(parent, after, cls, title);
}

HWND WINAPI w_FindWindowExA(HWND parent, HWND after, LPCSTR cls, LPCSTR title)
{
    if (class_name(cls) && !parent)
        note_ansi("Window", cls);
    return REAL(FindWindowExA, FindWindowExA_fn)(parent, after, cls, title);
}
