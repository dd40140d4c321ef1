/* Whole appends across processes (see append_lock.h). */
#include "append_lock.h"

#include <stdio.h>
#include <winternl.h>

/* OBJECT_BASIC_INFORMATION (56 bytes; a smaller buffer is refused): its attributes, the
 * access granted, then counts and sizes not read here. */
struct basic_info {
    ULONG attributes;
    ACCESS_MASK granted;
    ULONG rest[9];
    LARGE_INTEGER created;
};

static int append_only(HANDLE file)
{
    struct basic_info info;
    ULONG len = 0;
    if (NtQueryObject(file, ObjectBasicInformation, &info, sizeof info, &len) < 0)
        return 0;
    return (info.granted & FILE_APPEND_DATA) && !(info.granted & FILE_WRITE_DATA);
}

HANDLE append_lock_take(HANDLE file, const OVERLAPPED *ov)
{
    BY_HANDLE_FILE_INFORMATION id;
    WCHAR name[80];
    DWORD err = GetLastError();
    HANDLE lock = NULL;
    /* The access first: it rules out almost every handle (GENERIC_WRITE holds
     * FILE_WRITE_DATA) in one call. */
    if (!ov && append_only(file) && GetFileType(file) == FILE_TYPE_DISK &&
        GetFileInformationByHandle(file, &id)) {
        _snwprintf(name, ARRAYSIZE(name), L"Local\\connotify-append-%08lx-%08lx%08lx",
                   (unsigned long)id.dwVolumeSerialNumber, (unsigned long)id.nFileIndexHigh,
                   (unsigned long)id.nFileIndexLow);
        name[ARRAYSIZE(name) - 1] = 0;
        lock = CreateMutexW(NULL, FALSE, name);
    }
    /* Abandoned by a process that ended mid-write: held all the same. */
    if (lock && WaitForSingleObject(lock, INFINITE) == WAIT_FAILED) {
        CloseHandle(lock);
        lock = NULL;
    }
    SetLastError(err);
    return lock;
}

void append_lock_give(HANDLE lock)
{
    if (!lock)
        return;
    DWORD err = GetLastError();
    ReleaseMutex(lock);
    CloseHandle(lock);
    SetLastError(err);
}
