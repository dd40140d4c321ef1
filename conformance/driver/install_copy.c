/* The notifier copied to an install path (see install_copy.h). */
#include "install_copy.h"

#include "out.h"

#include <psapi.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Paths inside the copy may pass MAX_PATH (a config with a longer name than
 * the DLL's): every file operation there takes the \\?\ form. */
enum { LONG_UNITS = 1024 };

static const WCHAR vendor_name[] = L"Connotify Vendor";

/* Folder names as installers make them: words, spaces, a version. */
static const WCHAR *const segments[] = {
    L"Network Drive Agent",
    L"Version 10.4 Build 2215",
    L"Components for All Users",
    L"Drive Mapping Notifications",
};

static int long_form(WCHAR *out, const WCHAR *path)
{
    if (!wcsncmp(path, L"\\\\", 2))
        return swprintf(out, LONG_UNITS, L"%ls", path) > 0;
    return swprintf(out, LONG_UNITS, L"\\\\?\\%ls", path) > 0;
}

static int make_folder(const WCHAR *path)
{
    WCHAR full[LONG_UNITS];
    if (!long_form(full, path))
        return 0;
    return CreateDirectoryW(full, NULL) || GetLastError() == ERROR_ALREADY_EXISTS;
}

/* Appends name and a '\' to the folder path (with its final '\') and makes
 * that folder. */
static int add_folder(WCHAR *path, const WCHAR *name)
{
    size_t n = wcslen(path);
    if (n + wcslen(name) + 2 > MAX_PATH)
        return 0;
    swprintf(path + n, MAX_PATH - n, L"%ls\\", name);
    return make_folder(path);
}

/* A folder name of exactly units units of words and spaces, ending in a
 * letter (Windows drops a final space or dot). */
static void filler_name(WCHAR *name, size_t units)
{
    static const WCHAR words[] = L"Long Install Folder ";
    size_t n = wcslen(words);
    for (size_t i = 0; i < units; i++)
        name[i] = words[i % n];
    name[units] = 0;
    if (units && name[units - 1] == L' ')
        name[units - 1] = L'x';
}

static const WCHAR *file_name_of(const WCHAR *path)
{
    const WCHAR *slash = wcsrchr(path, L'\\');
    const WCHAR *fwd = wcsrchr(path, L'/');
    if (fwd > slash)
        slash = fwd;
    return slash ? slash + 1 : path;
}

WCHAR install_wide_char(void)
{
    static const WCHAR candidates[] = {0x03A9, 0x0416, 0x4E2D};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        char ansi[8];
        BOOL lost = FALSE;
        int n = WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, &candidates[i], 1, ansi,
                                    sizeof ansi, NULL, &lost);
        if (!n || lost)
            return candidates[i];
    }
    return 0;
}

/* INSTALL_WIDE's folder below the product's: "Components <char>" (a
 * localised name). The product's own name stays ASCII: the runner reads it
 * from a metric to remove it after a crash. */
static int add_wide_folder(WCHAR *dir)
{
    WCHAR name[32];
    swprintf(name, 32, L"Components %lc", install_wide_char());
    return add_folder(dir, name);
}

/* Grows dir (a folder with its final '\') by folders of words to exactly
 * want units. */
static int grow_to(WCHAR *dir, size_t want)
{
    /* Each folder added leaves 0 or at least 2 units (a name and its '\'). */
    for (size_t i = 0; i < sizeof segments / sizeof segments[0]; i++) {
        size_t after = wcslen(dir) + wcslen(segments[i]) + 1;
        if (after > want || want - after == 1)
            continue;
        if (!add_folder(dir, segments[i]))
            return 0;
    }
    size_t used = wcslen(dir);
    if (want < used + 2)
        return 1;
    WCHAR last[MAX_PATH];
    filler_name(last, want - used - 1);
    return add_folder(dir, last);
}

/* Makes <base>\\Connotify Vendor\\ into dir, base where installers put
 * products: %ProgramFiles%, or %LOCALAPPDATA%\\Programs (where per-user
 * installers do) for a process that cannot make a folder there (no
 * administrator on Windows). */
static int make_vendor_folder(WCHAR *dir)
{
    static const WCHAR *const bases[][2] = {
        {L"ProgramFiles", L""},
        {L"LOCALAPPDATA", L"\\Programs"},
    };
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        DWORD n = GetEnvironmentVariableW(bases[i][0], dir, MAX_PATH);
        if (!n || n > 120)
            continue;
        wcscat(dir, bases[i][1]);
        wcscat(dir, L"\\");
        /* Programs: made as a per-user installer makes it. */
        if (bases[i][1][0])
            make_folder(dir);
        if (add_folder(dir, vendor_name))
            return 1;
    }
    return 0;
}

/* Makes the folders: %ProgramFiles%\Connotify Vendor\Drive Notifier <pid>\
 * (c->root), then for INSTALL_LONG folders of words until the copy's path,
 * file name included, is INSTALL_PATH_UNITS units, for INSTALL_WIDE one
 * with a character outside the ANSI code page; writes the path to c->dll. */
static int make_layout(struct install_copy *c, const WCHAR *name, enum install_layout layout)
{
    WCHAR dir[MAX_PATH];
    if (layout == INSTALL_WIDE && !install_wide_char()) {
        SetLastError(ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    WCHAR product[64];
    unsigned long pid = GetCurrentProcessId();
    swprintf(product, 64, L"Drive Notifier %lu", pid);
    size_t name_units = wcslen(name);
    /* The folder's units with its final '\'. */
    size_t want = INSTALL_PATH_UNITS > name_units ? INSTALL_PATH_UNITS - name_units : 0;
    if (!make_vendor_folder(dir))
        return 0;
    size_t base = wcslen(dir) + wcslen(product) + 1;
    if (layout == INSTALL_LONG && want < base) {
        RemoveDirectoryW(dir);
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return 0;
    }
    /* A folder after it needs 2 units at least: the product's gets one. */
    if (layout == INSTALL_LONG && want == base + 1)
        swprintf(product, 64, L"Drive Notifier #%lu", pid);
    if (!add_folder(dir, product))
        return 0;
    wcscpy(c->root, dir);
    /* The runner removes it if this process ends before it does. */
    metric("install_folder_made", "%ls", dir);
    if (layout == INSTALL_LONG && !grow_to(dir, want))
        return 0;
    if (layout == INSTALL_WIDE && !add_wide_folder(dir))
        return 0;
    if (wcslen(dir) + name_units >= MAX_PATH) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return 0;
    }
    swprintf(c->dll, MAX_PATH, L"%ls%ls", dir, name);
    c->units = (unsigned)wcslen(c->dll);
    return 1;
}

/* The DLLs to copy: full source paths, the notifier first. */
struct dll_list {
    WCHAR path[INSTALL_MAX_DLLS][MAX_PATH];
    unsigned n;
};

static int listed(const struct dll_list *l, const WCHAR *path)
{
    for (unsigned i = 0; i < l->n; i++) {
        if (!_wcsicmp(l->path[i], path))
            return 1;
    }
    return 0;
}

static void list_add(struct dll_list *l, const WCHAR *path)
{
    if (l->n < INSTALL_MAX_DLLS && wcslen(path) < MAX_PATH && !listed(l, path))
        wcscpy(l->path[l->n++], path);
}

/* The imported DLL name, if a file of that name lies in folder (with its
 * final '\'). */
static void add_if_beside(struct dll_list *l, const WCHAR *folder, const char *name)
{
    WCHAR path[MAX_PATH];
    size_t used = wcslen(folder);
    if (used >= MAX_PATH)
        return;
    wcscpy(path, folder);
    if (!MultiByteToWideChar(CP_ACP, 0, name, -1, path + used, (int)(MAX_PATH - used)))
        return;
    DWORD attributes = GetFileAttributesW(path);
    if (attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY))
        list_add(l, path);
}

/* The import and delay-load tables of the image at path, mapped without
 * running it: each imported DLL that lies in folder is listed. */
static void add_imports_beside(struct dll_list *l, const WCHAR *path, const WCHAR *folder)
{
    HMODULE h = LoadLibraryExW(path, NULL, LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    if (!h)
        return;
    /* A resource mapping's handle carries flags in its low bits. */
    BYTE *base = (BYTE *)((ULONG_PTR)h & ~(ULONG_PTR)3);
    const IMAGE_NT_HEADERS *nt =
        (const IMAGE_NT_HEADERS *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    DWORD n_dirs = nt->OptionalHeader.NumberOfRvaAndSizes;
    const IMAGE_DATA_DIRECTORY *imports =
        &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    const IMAGE_DATA_DIRECTORY *delayed =
        &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT];
    if (n_dirs > IMAGE_DIRECTORY_ENTRY_IMPORT && imports->VirtualAddress) {
        const IMAGE_IMPORT_DESCRIPTOR *d =
            (const IMAGE_IMPORT_DESCRIPTOR *)(base + imports->VirtualAddress);
        for (; d->Name; d++)
            add_if_beside(l, folder, (const char *)(base + d->Name));
    }
    if (n_dirs > IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT && delayed->VirtualAddress) {
        const IMAGE_DELAYLOAD_DESCRIPTOR *d =
            (const IMAGE_DELAYLOAD_DESCRIPTOR *)(base + delayed->VirtualAddress);
        /* Only the RVA-based form (bit 0 of the attributes): the old one
         * holds addresses of the image as linked. */
        for (; d->DllNameRVA; d++) {
            if (d->Attributes.AllAttributes & 1)
                add_if_beside(l, folder, (const char *)(base + d->DllNameRVA));
        }
    }
    FreeLibrary(h);
}

/* Modules this process loaded from folder: plugins the notifier loaded by
 * its own path (the driver's program aside). */
static void add_loaded_beside(struct dll_list *l, const WCHAR *folder)
{
    HMODULE mods[512];
    DWORD bytes = 0;
    if (!EnumProcessModules(GetCurrentProcess(), mods, sizeof mods, &bytes))
        return;
    DWORD n = bytes / sizeof mods[0];
    if (n > sizeof mods / sizeof mods[0])
        n = sizeof mods / sizeof mods[0];
    size_t folder_units = wcslen(folder);
    for (DWORD i = 0; i < n; i++) {
        WCHAR path[MAX_PATH];
        DWORD len = GetModuleFileNameW(mods[i], path, MAX_PATH);
        if (mods[i] == GetModuleHandleW(NULL) || !len || len >= MAX_PATH)
            continue;
        if (!_wcsnicmp(path, folder, folder_units) && !wcschr(path + folder_units, L'\\'))
            list_add(l, path);
    }
}

static int copy_into(const WCHAR *src, const WCHAR *dest_folder, const WCHAR *name)
{
    WCHAR from[LONG_UNITS];
    WCHAR to[LONG_UNITS];
    WCHAR dest[LONG_UNITS];
    if (swprintf(dest, LONG_UNITS, L"%ls%ls", dest_folder, name) < 0)
        return 0;
    if (!long_form(from, src) || !long_form(to, dest))
        return 0;
    return CopyFileW(from, to, FALSE);
}

static int is_pe(const WCHAR *path)
{
    HANDLE f = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, 0, NULL);
    if (f == INVALID_HANDLE_VALUE)
        return 1;
    char head[2] = {0, 0};
    DWORD got = 0;
    BOOL read = ReadFile(f, head, sizeof head, &got, NULL);
    CloseHandle(f);
    return !read || (got == 2 && head[0] == 'M' && head[1] == 'Z');
}

/* The small non-PE files of folder (configs) into dest_folder. */
static unsigned copy_others(const WCHAR *folder, const WCHAR *dest_folder)
{
    WCHAR pattern[MAX_PATH + 2];
    WIN32_FIND_DATAW fd;
    unsigned copied = 0;
    if (swprintf(pattern, MAX_PATH + 2, L"%ls*", folder) < 0)
        return 0;
    HANDLE find = FindFirstFileW(pattern, &fd);
    for (BOOL more = find != INVALID_HANDLE_VALUE; more && copied < INSTALL_MAX_OTHERS;
         more = FindNextFileW(find, &fd)) {
        WCHAR src[LONG_UNITS];
        if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || fd.nFileSizeHigh ||
            fd.nFileSizeLow > INSTALL_MAX_OTHER_BYTES)
            continue;
        if (swprintf(src, LONG_UNITS, L"%ls%ls", folder, fd.cFileName) < 0 || is_pe(src))
            continue;
        if (copy_into(src, dest_folder, fd.cFileName))
            copied++;
    }
    if (find != INVALID_HANDLE_VALUE)
        FindClose(find);
    return copied;
}

int install_copy_make(struct install_copy *c, const WCHAR *dll, enum install_layout layout)
{
    memset(c, 0, sizeof *c);
    static struct dll_list list;
    WCHAR folder[MAX_PATH];
    if (wcslen(dll) >= MAX_PATH) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return 0;
    }
    wcscpy(folder, dll);
    *(WCHAR *)file_name_of(folder) = 0;
    if (!make_layout(c, file_name_of(dll), layout))
        return 0;
    list.n = 0;
    list_add(&list, dll);
    add_loaded_beside(&list, folder);
    for (unsigned i = 0; i < list.n; i++)
        add_imports_beside(&list, list.path[i], folder);
    WCHAR dest_folder[MAX_PATH];
    wcscpy(dest_folder, c->dll);
    *(WCHAR *)file_name_of(dest_folder) = 0;
    for (unsigned i = 0; i < list.n; i++) {
        if (!copy_into(list.path[i], dest_folder, file_name_of(list.path[i])))
            return 0;
        c->dlls++;
    }
    c->others = copy_others(folder, dest_folder);
    return 1;
}

/* dir: a \\?\ folder path with its final '\'. */
static void remove_tree(const WCHAR *dir, unsigned depth)
{
    WCHAR pattern[LONG_UNITS];
    WIN32_FIND_DATAW fd;
    if (depth > 16 || swprintf(pattern, LONG_UNITS, L"%ls*", dir) < 0)
        return;
    HANDLE find = FindFirstFileW(pattern, &fd);
    for (BOOL more = find != INVALID_HANDLE_VALUE; more; more = FindNextFileW(find, &fd)) {
        WCHAR path[LONG_UNITS];
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        if (swprintf(path, LONG_UNITS, L"%ls%ls", dir, fd.cFileName) < 0)
            continue;
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
            wcscat(path, L"\\");
            remove_tree(path, depth + 1);
        } else {
            SetFileAttributesW(path, FILE_ATTRIBUTE_NORMAL);
            DeleteFileW(path);
        }
    }
    if (find != INVALID_HANDLE_VALUE)
        FindClose(find);
    RemoveDirectoryW(dir);
}

void install_copy_remove(struct install_copy *c)
{
    WCHAR root[LONG_UNITS];
    if (!c->root[0] || !long_form(root, c->root))
        return;
    remove_tree(root, 0);
    /* The vendor folder goes when no other run's product is in it. */
    WCHAR *end = root + wcslen(root) - 1;
    *end = 0;
    *(WCHAR *)file_name_of(root) = 0;
    if (wcslen(root) > wcslen(vendor_name) + 1) {
        root[wcslen(root) - 1] = 0;
        if (!wcscmp(file_name_of(root), vendor_name))
            RemoveDirectoryW(root);
    }
    c->root[0] = 0;
}

void install_path_abbreviated(const WCHAR *path, char *out, size_t cap)
{
    const WCHAR *p = path;
    for (int i = 0; i < 3 && p; i++) {
        p = wcschr(p, L'\\');
        if (p)
            p++;
    }
    const WCHAR *name = file_name_of(path);
    if (!p || p >= name)
        snprintf(out, cap, "%ls", path);
    else
        snprintf(out, cap, "%.*ls...\\%ls", (int)(p - path), path, name);
}
