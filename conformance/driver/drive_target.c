/* A drive letter made real for a phase (see drive_target.h). */
#include "drive_target.h"

#include "folder_walk.h"
#include "prefix_turn.h"

#include <winioctl.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Wine's mount manager extension (its include/ddk/mountmgr.h): a drive letter on a Unix
 * folder; a type of DRIVE_NO_ROOT_DIR and no folder removes it. */
#define IOCTL_DEFINE_UNIX_DRIVE \
    CTL_CODE((ULONG)'m', 32, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)

struct unix_drive {
    ULONG size;
    ULONG type;
    ULONG fs_type;
    DWORD serial;
    ULONGLONG unix_dev;
    WCHAR letter;
    USHORT mount_point_offset;
    USHORT device_offset;
    USHORT label_offset;
};

typedef char *(CDECL *unix_name_fn)(const WCHAR *dos_name);

/* Letters tried in turn: none of them is a name the cases use. */
static const WCHAR letters[] = L"DKMOQ";
static const WCHAR marker[] = L"connotify-drive.txt";

static unix_name_fn unix_name(void)
{
    HMODULE kernel32 = GetModuleHandleW(L"kernel32.dll");
    return kernel32 ? (unix_name_fn)(void *)GetProcAddress(kernel32, "wine_get_unix_file_name")
                    : NULL;
}

/* The letter's root holds our marker: a run killed while it held the drive left it. */
static int left_by_a_run(WCHAR letter)
{
    WCHAR path[16];
    swprintf(path, 16, L"%lc:\\%ls", (wint_t)letter, marker);
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

static void delete_file(const WCHAR *path, void *arg)
{
    (void)arg;
    DeleteFileW(path);
}

static int final_path(const WCHAR *folder, WCHAR *out, DWORD cap)
{
    HANDLE h = CreateFileW(folder, FILE_READ_ATTRIBUTES,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return 0;
    DWORD n = GetFinalPathNameByHandleW(h, out, cap, FILE_NAME_NORMALIZED);
    CloseHandle(h);
    return n > 0 && n < cap;
}

int drive_target_take(struct drive_target *d, char *why, size_t cap)
{
    memset(d, 0, sizeof *d);
    d->wine = unix_name() != NULL;
    d->turn = prefix_turn_take(L"connotify-drive-target", 120000, why, cap);
    if (!d->turn)
        return 0;
    DWORD in_use = GetLogicalDrives();
    for (const WCHAR *l = letters; *l; l++) {
        if (!(in_use & (1u << (*l - L'A'))) || left_by_a_run(*l)) {
            d->device[0] = *l;
            d->device[1] = L':';
            break;
        }
    }
    WCHAR windows[MAX_PATH];
    UINT n = GetWindowsDirectoryW(windows, MAX_PATH);
    if (!d->device[0] || !n || n >= MAX_PATH) {
        snprintf(why, cap, "no free drive letter among %ls", letters);
        drive_target_release(d);
        return 0;
    }
    /* C:\connotify-drive: one folder for every run of this prefix, each in its turn. */
    swprintf(d->folder, MAX_PATH, L"%.2ls\\connotify-drive", windows);
    CreateDirectoryW(d->folder, NULL);
    folder_walk(d->folder, 1, LONG_MAX, delete_file, NULL, NULL);
    WCHAR mark[MAX_PATH + 32];
    swprintf(mark, MAX_PATH + 32, L"%ls\\%ls", d->folder, marker);
    HANDLE h = CreateFileW(mark, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
    if (h == INVALID_HANDLE_VALUE || !final_path(d->folder, d->final, MAX_PATH)) {
        snprintf(why, cap, "the drive's folder %ls: error %lu", d->folder, GetLastError());
        drive_target_release(d);
        return 0;
    }
    return 1;
}

static int mount_manager(WCHAR letter, const char *unix_folder, DWORD *error)
{
    char buffer[sizeof(struct unix_drive) + 4 * MAX_PATH];
    struct unix_drive *drive = (struct unix_drive *)buffer;
    size_t size = sizeof *drive;
    memset(buffer, 0, sizeof buffer);
    drive->size = sizeof *drive;
    drive->letter = (WCHAR)(letter - L'A' + L'a');
    drive->type = DRIVE_NO_ROOT_DIR;
    if (unix_folder) {
        size_t len = strlen(unix_folder) + 1;
        if (len > sizeof buffer - size) {
            *error = ERROR_FILENAME_EXCED_RANGE;
            return 0;
        }
        drive->type = DRIVE_REMOTE;
        drive->mount_point_offset = (USHORT)size;
        memcpy(buffer + size, unix_folder, len);
        size += len;
    }
    HANDLE manager = CreateFileW(L"\\\\.\\MountPointManager", GENERIC_READ | GENERIC_WRITE,
                                 FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (manager == INVALID_HANDLE_VALUE) {
        *error = GetLastError();
        return 0;
    }
    DWORD got = 0;
    BOOL ok =
        DeviceIoControl(manager, IOCTL_DEFINE_UNIX_DRIVE, buffer, (DWORD)size, NULL, 0, &got, NULL);
    *error = ok ? 0 : GetLastError();
    CloseHandle(manager);
    return ok;
}

int drive_target_define(struct drive_target *d, char *why, size_t cap)
{
    DWORD error = 0;
    int ok;
    if (d->wine) {
        char *unix_folder = unix_name()(d->folder);
        if (!unix_folder) {
            snprintf(why, cap, "no Unix name for %ls", d->folder);
            return 0;
        }
        ok = mount_manager(d->device[0], unix_folder, &error);
        HeapFree(GetProcessHeap(), 0, unix_folder);
    } else {
        ok = DefineDosDeviceW(0, d->device, d->folder);
        error = ok ? 0 : GetLastError();
    }
    if (!ok) {
        snprintf(why, cap, "%ls could not be defined on %ls: error %lu", d->device, d->folder,
                 error);
        return 0;
    }
    d->defined = 1;
    return 1;
}

void drive_target_remove(struct drive_target *d)
{
    DWORD error = 0;
    if (!d->defined)
        return;
    if (d->wine)
        mount_manager(d->device[0], NULL, &error);
    else
        DefineDosDeviceW(DDD_REMOVE_DEFINITION | DDD_EXACT_MATCH_ON_REMOVE, d->device, d->folder);
    d->defined = 0;
}

void drive_target_release(struct drive_target *d)
{
    drive_target_remove(d);
    prefix_turn_give(d->turn);
    d->turn = NULL;
}

/* The length of `prefix` when `path` starts with it (case-insensitive), then ends or goes on
 * with a backslash; else 0. */
static size_t under(const WCHAR *path, const WCHAR *prefix)
{
    size_t n = wcslen(prefix);
    while (n && prefix[n - 1] == L'\\')
        n--;
    return n && !_wcsnicmp(path, prefix, n) && (path[n] == 0 || path[n] == L'\\') ? n : 0;
}

static size_t drive_part(const struct drive_target *d, const WCHAR *final_path)
{
    WCHAR root[8];
    swprintf(root, 8, L"\\\\?\\%ls", d->device);
    size_t n = under(final_path, d->final);
    return n ? n : under(final_path, root);
}

int drive_target_holds(const struct drive_target *d, const WCHAR *final_path)
{
    return drive_part(d, final_path) != 0;
}

void drive_target_shown(const struct drive_target *d, const WCHAR *final_path, WCHAR *out,
                        size_t cap)
{
    const WCHAR *rest = final_path + drive_part(d, final_path);
    swprintf(out, cap, L"%ls%ls", d->device, *rest ? rest : L"\\");
}
