/* Names the import that stopped LoadLibrary of the notifier: the image is
 * mapped as a resource (no DllMain, no import resolution), its import
 * directory walked, and each imported DLL loaded by the same search order
 * LoadLibrary used for the notifier. (A missing function does not stop a
 * load under Wine, which binds it to a stub, so only modules are named.) */
#include "load_diagnose.h"

#include <stdio.h>
#include <string.h>

static void append(char *out, size_t cap, int *count, const char *item)
{
    size_t len = strlen(out);
    snprintf(out + len, cap - len, "%s%s", *count > 0 ? ", " : "", item);
    (*count)++;
}

/* Whether NAME exists in the folder of DLL (the notifier's own folder). */
static int beside(const WCHAR *dll, const char *name)
{
    WCHAR path[MAX_PATH * 2];
    size_t n = wcslen(dll);
    if (n >= MAX_PATH)
        return 0;
    wcscpy(path, dll);
    WCHAR *slash = wcsrchr(path, L'\\');
    WCHAR *fwd = wcsrchr(path, L'/');
    if (fwd > slash)
        slash = fwd;
    if (!slash)
        return 0;
    slash[1] = 0;
    size_t used = wcslen(path);
    if (MultiByteToWideChar(CP_ACP, 0, name, -1, path + used, (int)(MAX_PATH * 2 - used)) == 0)
        return 0;
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

static void explain_module(const WCHAR *dll, const char *name, char *out, size_t cap, int *count)
{
    HMODULE m = LoadLibraryA(name);
    if (m) {
        FreeLibrary(m);
        return;
    }
    DWORD err = GetLastError();
    char where[MAX_PATH];
    char item[MAX_PATH + 400];
    if (SearchPathA(NULL, name, NULL, sizeof where, where, NULL))
        snprintf(item, sizeof item, "%s (found as %s, but it does not load: error %lu)", name,
                 where, (unsigned long)err);
    else if (beside(dll, name))
        snprintf(item, sizeof item,
                 "%s (only beside the notifier: LoadLibrary of the notifier's path does not "
                 "search its folder for the DLLs it imports)",
                 name);
    else
        snprintf(item, sizeof item, "%s (not found on the DLL search path)", name);
    append(out, cap, count, item);
}

int load_diagnose(const WCHAR *dll, DWORD err, char *out, size_t cap)
{
    int count = 0;
    if (!cap)
        return 0;
    out[0] = 0;
    if (err != ERROR_MOD_NOT_FOUND)
        return 0;
    HMODULE h = LoadLibraryExW(dll, NULL, LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    if (!h)
        return 0;
    /* A resource mapping's handle carries flags in its low bits. */
    HMODULE image = (HMODULE)((ULONG_PTR)h & ~(ULONG_PTR)3);
    BYTE *base = (BYTE *)image;
    const IMAGE_NT_HEADERS *nt =
        (const IMAGE_NT_HEADERS *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    const IMAGE_DATA_DIRECTORY *dir =
        &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    if (nt->OptionalHeader.NumberOfRvaAndSizes > IMAGE_DIRECTORY_ENTRY_IMPORT &&
        dir->VirtualAddress) {
        const IMAGE_IMPORT_DESCRIPTOR *d =
            (const IMAGE_IMPORT_DESCRIPTOR *)(base + dir->VirtualAddress);
        for (; d->Name; d++)
            explain_module(dll, (const char *)(base + d->Name), out, cap, &count);
    }
    FreeLibrary(h);
    return count;
}
