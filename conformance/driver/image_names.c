/* Share names from the notifier's own strings (see image_names.h). */
#include "image_names.h"

#include "setting_names.h"
#include "setting_programs.h"

#include <stdlib.h>

enum { MAX_IMAGE = 32 << 20, MAX_UNITS = 200 };

static int name_char(unsigned c)
{
    return c > ' ' && c < 0x7f && c != ';' && c != ',' && c != '"';
}

static int host_start(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The name starting at unit i of a string of `width` bytes a unit. */
static void keep_at(const unsigned char *raw, size_t size, size_t at, size_t width)
{
    WCHAR name[MAX_UNITS + 1];
    size_t n = 0;
    for (size_t o = at; o + width <= size && n < MAX_UNITS; o += width) {
        unsigned c = width == 2 ? raw[o] | (unsigned)raw[o + 1] << 8 : raw[o];
        if (!name_char(c))
            break;
        name[n++] = (WCHAR)c;
    }
    if (n > 3 && n < MAX_UNITS)
        setting_names_keep(name, n, 1);
}

static int file_name_char(unsigned c)
{
    return name_char(c) && c != '\\' && c != '/' && c != ':';
}

/* A program's file name ending with the ".exe" at byte `dot` of a string of `width` bytes a
 * unit: the units before it back to the string's start or a separator. */
static void keep_program_at(const unsigned char *raw, size_t size, size_t dot, size_t width)
{
    enum { MAX_FILE_NAME = 60 };
    if (dot + 4 * width > size)
        return;
    static const char ext[] = ".exe";
    for (size_t k = 0; k < 4; k++) {
        unsigned c = raw[dot + k * width] | 0x20u;
        if (c != (unsigned)(ext[k] | 0x20) || (width == 2 && raw[dot + k * width + 1]))
            return;
    }
    size_t end = dot + 4 * width;
    if (end + width <= size) {
        unsigned next = width == 2 ? raw[end] | (unsigned)raw[end + 1] << 8 : raw[end];
        if (file_name_char(next))
            return;
    }
    size_t start = dot;
    size_t units = 0;
    while (start >= width && units < MAX_FILE_NAME) {
        size_t o = start - width;
        unsigned c = width == 2 ? raw[o] | (unsigned)raw[o + 1] << 8 : raw[o];
        if (!file_name_char(c))
            break;
        start = o;
        units++;
    }
    if (!units || units >= MAX_FILE_NAME)
        return;
    WCHAR name[MAX_FILE_NAME + 5];
    size_t n = 0;
    for (size_t o = start; o < end; o += width)
        name[n++] = (WCHAR)(width == 2 ? raw[o] | (unsigned)raw[o + 1] << 8 : raw[o]);
    setting_program_name_keep(name, n);
}

void image_names_read(const WCHAR *dll)
{
    HANDLE h = CreateFileW(dll, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return;
    DWORD size = GetFileSize(h, NULL);
    unsigned char *raw = size != INVALID_FILE_SIZE && size < MAX_IMAGE ? malloc(size) : NULL;
    DWORD got = 0;
    int ok = raw && ReadFile(h, raw, size, &got, NULL) && got == size;
    CloseHandle(h);
    for (size_t o = 0; ok && o + 6 <= size; o++) {
        /* UTF-16LE "\\" and a letter or digit, on an even offset. */
        if (o % 2 == 0 && raw[o] == '\\' && !raw[o + 1] && raw[o + 2] == '\\' && !raw[o + 3] &&
            host_start(raw[o + 4]) && !raw[o + 5])
            keep_at(raw, size, o, 2);
        /* ASCII, not inside a longer run of backslashes. */
        else if (raw[o] == '\\' && raw[o + 1] == '\\' && host_start(raw[o + 2]) &&
                 (o == 0 || raw[o - 1] != '\\'))
            keep_at(raw, size, o, 1);
        if (raw[o] == '.' && o % 2 == 0)
            keep_program_at(raw, size, o, 2);
        if (raw[o] == '.')
            keep_program_at(raw, size, o, 1);
    }
    free(raw);
}
