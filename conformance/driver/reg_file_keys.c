/* The keys a settings file names (see reg_file_keys.h). */
#include "reg_file_keys.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void reg_file_keys(const WCHAR *path, reg_file_key_fn each, void *arg)
{
    static const WCHAR head[] = L"[HKEY_LOCAL_MACHINE\\SOFTWARE\\";
    HANDLE f = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (f == INVALID_HANDLE_VALUE)
        return;
    DWORD size = GetFileSize(f, NULL);
    BYTE *bytes = size != INVALID_FILE_SIZE && size < (1u << 24) ? calloc(size + 2, 1) : NULL;
    DWORD got = 0;
    int ok = bytes && ReadFile(f, bytes, size, &got, NULL) && got == size;
    CloseHandle(f);
    WCHAR *text = NULL;
    if (ok && size >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) {
        text = calloc(size / 2 + 1, sizeof(WCHAR));
        if (text)
            memcpy(text, bytes + 2, size - 2);
    } else if (ok) {
        int skip = size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        int units = MultiByteToWideChar(CP_UTF8, 0, (char *)bytes + skip, -1, NULL, 0);
        text = units > 0 ? calloc((size_t)units, sizeof(WCHAR)) : NULL;
        if (text)
            MultiByteToWideChar(CP_UTF8, 0, (char *)bytes + skip, -1, text, units);
    }
    free(bytes);
    for (WCHAR *line = text; line && *line;) {
        WCHAR *end = line + wcscspn(line, L"\r\n");
        WCHAR *next = *end ? end + 1 : end;
        *end = 0;
        size_t n = wcslen(head);
        WCHAR *close = wcschr(line, L']');
        if (!_wcsnicmp(line, head, n) && close) {
            *close = 0;
            each(line + n, arg);
        }
        line = next;
    }
    free(text);
}

LONG reg_file_key_open(const WCHAR *below_software, REGSAM sam, HKEY *key, WCHAR *path,
                       size_t units)
{
    if (swprintf(path, units, L"SOFTWARE\\%ls", below_software) < 0)
        return ERROR_BUFFER_OVERFLOW;
    return RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, sam, key);
}
