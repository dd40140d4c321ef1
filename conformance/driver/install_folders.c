/* The folders an installer would have made (see install_folders.h). */
#include "install_folders.h"

#include "folders.h"
#include "out.h"

#include <wchar.h>

enum { MAX_MADE = 8, MAX_DEPTH = 4, MAX_FILES = 8 };

static WCHAR made[MAX_MADE][MAX_PATH];
static unsigned n_made;
static WCHAR files[MAX_FILES][MAX_PATH];
static unsigned n_files;
static SRWLOCK lock = SRWLOCK_INIT;

static int is_folder(const WCHAR *path)
{
    DWORD a = GetFileAttributesW(path);
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

/* Makes each missing folder of dir below root (at most MAX_DEPTH levels)
 * and remembers the topmost one made: the others are inside it. */
static void make_below(WCHAR *dir, size_t root_len)
{
    int remembered = 0;
    unsigned depth = 0;
    size_t len = wcslen(dir);
    for (size_t i = root_len; i <= len && depth < MAX_DEPTH; i++) {
        if (dir[i] != '\\' && dir[i] != '/' && dir[i] != 0)
            continue;
        WCHAR keep = dir[i];
        dir[i] = 0;
        depth++;
        if (!is_folder(dir) && CreateDirectoryW(dir, NULL) && !remembered && n_made < MAX_MADE) {
            wcscpy(made[n_made++], dir);
            metric("install_folder_made", "%ls", dir);
            remembered = 1;
        }
        dir[i] = keep;
    }
}

void install_folder_ensure(const WCHAR *full)
{
    WCHAR dir[MAX_PATH];
    const WCHAR *root = folder_installers_make(full);
    if (!root || wcslen(full) >= MAX_PATH)
        return;
    wcscpy(dir, full);
    WCHAR *slash = wcsrchr(dir, '\\');
    WCHAR *fwd = wcsrchr(dir, '/');
    if (fwd > slash)
        slash = fwd;
    size_t root_len = wcslen(root);
    if (!slash || (size_t)(slash - dir) < root_len)
        return;
    *slash = 0;
    if (is_folder(dir))
        return;
    AcquireSRWLockExclusive(&lock);
    make_below(dir, root_len);
    ReleaseSRWLockExclusive(&lock);
}

/* A name no installer writes: wildcards and characters Windows refuses in
 * file names (an ANSI path with '?' for a unit outside the code page). */
static int odd_name(const WCHAR *full)
{
    for (const WCHAR *p = full + 2; *p; p++) {
        if (*p < 32 || wcschr(L"?*<>|\":", *p))
            return 1;
    }
    return 0;
}

/* A program or library: never made empty (a wrong path to the notifier's
 * own DLL must stay wrong). */
static int executable(const WCHAR *full)
{
    const WCHAR *dot = wcsrchr(full, '.');
    return dot && (!_wcsicmp(dot, L".dll") || !_wcsicmp(dot, L".exe") || !_wcsicmp(dot, L".sys"));
}

void install_file_ensure(const WCHAR *full)
{
    if (wcslen(full) < 3 || wcslen(full) >= MAX_PATH || odd_name(full) || executable(full))
        return;
    /* Data folders only (ProgramData: both lists): what a notifier opens in
     * Program Files sits beside its DLL, where a missing file is the
     * notifier's wrong path (fx_self_check_ansi), not a missing install. */
    if (!folder_installers_make(full) || !folder_everyone_writes(full))
        return;
    DWORD a = GetFileAttributesW(full);
    if (a != INVALID_FILE_ATTRIBUTES)
        return;
    DWORD err = GetLastError();
    if (err != ERROR_FILE_NOT_FOUND && err != ERROR_PATH_NOT_FOUND)
        return;
    install_folder_ensure(full);
    AcquireSRWLockExclusive(&lock);
    if (n_files < MAX_FILES) {
        HANDLE h =
            CreateFileW(full, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h != INVALID_HANDLE_VALUE) {
            CloseHandle(h);
            wcscpy(files[n_files++], full);
            metric("install_file_made", "%ls", full);
        }
    }
    ReleaseSRWLockExclusive(&lock);
    SetLastError(err);
}

static void remove_tree(const WCHAR *dir, unsigned depth)
{
    WCHAR pattern[MAX_PATH];
    WIN32_FIND_DATAW fd;
    if (depth > MAX_DEPTH + 2 || _snwprintf(pattern, MAX_PATH, L"%ls\\*", dir) < 0)
        return;
    pattern[MAX_PATH - 1] = 0;
    HANDLE h = FindFirstFileW(pattern, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            WCHAR child[MAX_PATH];
            if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
                continue;
            if (_snwprintf(child, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName) < 0)
                continue;
            child[MAX_PATH - 1] = 0;
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                remove_tree(child, depth + 1);
            else
                DeleteFileW(child);
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    RemoveDirectoryW(dir);
}

void install_folders_remove(void)
{
    AcquireSRWLockExclusive(&lock);
    for (unsigned i = 0; i < n_files; i++)
        DeleteFileW(files[i]);
    n_files = 0;
    for (unsigned i = 0; i < n_made; i++)
        remove_tree(made[i], 0);
    n_made = 0;
    ReleaseSRWLockExclusive(&lock);
}
