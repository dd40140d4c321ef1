/* A host process's unusual identity (see host_identity.h). */
#include "host_identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Folder names of several scripts: Latin with diacritics, CJK, an emoji
 * (a surrogate pair), spaces and dots; none fits one ANSI code page. */
static const WCHAR *const segments[] = {
    L"Ünïcödé Földer",      L"中文文件夹 データ", L"emoji \xD83D\xDE42 dir",
    L"Ελληνικά. κατάλογος", L"with  two  spaces", L"Кириллица папка",
};

static const WCHAR *const profile_vars[] = {
    L"TEMP",         L"TMP",         L"USERPROFILE",     L"APPDATA",
    L"LOCALAPPDATA", L"ProgramData", L"ALLUSERSPROFILE", L"PUBLIC",
};

const char *host_identity_variables(void)
{
    return "TEMP, TMP, USERPROFILE, APPDATA, LOCALAPPDATA, ProgramData, ALLUSERSPROFILE, PUBLIC";
}

static int append(WCHAR *path, size_t cap, const WCHAR *name, int folder)
{
    size_t n = wcslen(path);
    size_t add = wcslen(name) + (folder ? 1 : 0);
    if (n + add + 1 > cap)
        return 0;
    wcscpy(path + n, name);
    if (folder)
        wcscat(path, L"\\");
    return !folder || CreateDirectoryW(path, NULL) || GetLastError() == ERROR_ALREADY_EXISTS;
}

/* Grows path (a folder, with its final '\') by nested folders to exactly
 * units units. */
static int grow_to(WCHAR *path, size_t units)
{
    for (size_t i = 0;; i++) {
        const WCHAR *seg = segments[i % (sizeof segments / sizeof segments[0])];
        if (wcslen(path) + wcslen(seg) + 1 + 8 > units)
            break;
        if (!append(path, MAX_PATH, seg, 1))
            return 0;
    }
    size_t left = units - wcslen(path);
    WCHAR last[MAX_PATH];
    if (left < 2)
        return 0;
    for (size_t i = 0; i < left - 1; i++)
        last[i] = i % 2 ? L'x' : L'é';
    last[left - 1] = 0;
    return append(path, MAX_PATH, last, 1);
}

static int name_is(const WCHAR *entry, const WCHAR *name)
{
    size_t n = wcslen(name);
    return !_wcsnicmp(entry, name, n) && entry[n] == L'=';
}

/* PATH=...: this process's entries, then `folder` again and again up to
 * HOST_PATH_UNITS units (a developer's or build agent's PATH): a notifier's
 * child that prints its environment into a pipe fills the pipe. */
static WCHAR *long_path(WCHAR *w, const WCHAR *entry, const WCHAR *folder)
{
    size_t n = wcslen(entry);
    size_t add = wcslen(folder) - 1;
    wcscpy(w, entry);
    while (n + 1 + add <= HOST_PATH_UNITS) {
        w[n] = L';';
        wcsncpy(w + n + 1, folder, add);
        n += 1 + add;
    }
    w[n] = 0;
    return w + n + 1;
}

/* The environment of this process with the profile variables replaced and
 * PATH made long. */
static WCHAR *environment_with(const WCHAR *folder)
{
    WCHAR *env = GetEnvironmentStringsW();
    size_t nvars = sizeof profile_vars / sizeof profile_vars[0];
    size_t total = 0;
    for (const WCHAR *p = env; p && *p; p += wcslen(p) + 1)
        total += wcslen(p) + 1;
    total += nvars * (MAX_PATH + 32) + HOST_PATH_UNITS + 8;
    WCHAR *block = malloc(total * sizeof *block);
    if (!block) {
        FreeEnvironmentStringsW(env);
        return NULL;
    }
    WCHAR *w = block;
    for (const WCHAR *p = env; p && *p; p += wcslen(p) + 1) {
        int replaced = 0;
        for (size_t v = 0; v < nvars; v++)
            replaced |= name_is(p, profile_vars[v]);
        if (replaced)
            continue;
        if (name_is(p, L"PATH") && wcslen(p) < HOST_PATH_UNITS) {
            w = long_path(w, p, folder);
            continue;
        }
        wcscpy(w, p);
        w += wcslen(p) + 1;
    }
    for (size_t v = 0; v < nvars; v++) {
        /* The folder without its final '\', as Windows sets them. */
        int n = swprintf(w, MAX_PATH + 32, L"%ls=%.*ls", profile_vars[v], (int)wcslen(folder) - 1,
                         folder);
        w += n + 1;
    }
    *w = 0;
    FreeEnvironmentStringsW(env);
    return block;
}

/* head, then text without quotes up to HOST_COMMAND_UNITS units. */
static WCHAR *command_line(const WCHAR *head)
{
    static const WCHAR fill[] = L" ünï cöde 中文 \xD83D\xDE42 x:\\dir\\file.txt /option:value";
    size_t at = wcslen(head);
    if (at >= HOST_COMMAND_UNITS)
        return NULL;
    WCHAR *cmd = malloc((HOST_COMMAND_UNITS + 1) * sizeof *cmd);
    if (!cmd)
        return NULL;
    wcscpy(cmd, head);
    size_t fill_len = wcslen(fill);
    for (size_t i = 0; at < HOST_COMMAND_UNITS; i++) {
        WCHAR c = fill[i % fill_len];
        /* Never end inside a surrogate pair. */
        if (at + 1 == HOST_COMMAND_UNITS && c >= 0xD800 && c <= 0xDBFF)
            c = L'x';
        cmd[at++] = c;
    }
    cmd[at] = 0;
    return cmd;
}

int host_identity_make(struct host_identity *h, const WCHAR *command_head)
{
    memset(h, 0, sizeof *h);
    WCHAR temp[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, temp);
    if (!n || n > 120)
        return 0;
    swprintf(h->root, MAX_PATH, L"%lsconnotify host %lu\\", temp,
             (unsigned long)GetCurrentProcessId());
    if (!CreateDirectoryW(h->root, NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
        return 0;
    wcscpy(h->folder, h->root);
    if (!append(h->folder, MAX_PATH, L"profile", 1) || !grow_to(h->folder, HOST_FOLDER_UNITS))
        return 0;
    static const WCHAR exe_name[] = L"cn_conform host ü 中.exe";
    WCHAR dir[MAX_PATH];
    wcscpy(dir, h->root);
    if (!append(dir, MAX_PATH, L"image", 1) ||
        !grow_to(dir, HOST_IMAGE_UNITS - (sizeof exe_name / sizeof exe_name[0] - 1)))
        return 0;
    swprintf(h->image, MAX_PATH, L"%ls%ls", dir, exe_name);
    WCHAR self[MAX_PATH];
    if (!GetModuleFileNameW(NULL, self, MAX_PATH) || !CopyFileW(self, h->image, FALSE))
        return 0;
    h->environment = environment_with(h->folder);
    h->command = command_line(command_head);
    if (!h->environment || !h->command) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    return 1;
}

static void remove_tree(const WCHAR *dir)
{
    WCHAR pattern[1024];
    WIN32_FIND_DATAW fd;
    swprintf(pattern, sizeof pattern / sizeof pattern[0], L"%ls*", dir);
    HANDLE f = FindFirstFileW(pattern, &fd);
    for (BOOL more = f != INVALID_HANDLE_VALUE; more; more = FindNextFileW(f, &fd)) {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        WCHAR path[1024];
        swprintf(path, sizeof path / sizeof path[0], L"%ls%ls", dir, fd.cFileName);
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
            wcscat(path, L"\\");
            remove_tree(path);
        } else {
            SetFileAttributesW(path, FILE_ATTRIBUTE_NORMAL);
            DeleteFileW(path);
        }
    }
    if (f != INVALID_HANDLE_VALUE)
        FindClose(f);
    RemoveDirectoryW(dir);
}

void host_identity_remove(struct host_identity *h)
{
    if (h->root[0])
        remove_tree(h->root);
    free(h->environment);
    free(h->command);
    h->environment = NULL;
    h->command = NULL;
}
