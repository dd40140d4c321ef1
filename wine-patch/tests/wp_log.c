/* Reads the reference notifier's log back (see wp_log.h). */
#include <stdlib.h>
#include <string.h>

#include "wp_log.h"
#include "wtest.h"

const WCHAR *wp_log_path(void)
{
    static WCHAR path[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(L"CONNOTIFY_LOG", path, MAX_PATH);
    return n && n < MAX_PATH ? path : NULL;
}

BOOL wp_log_clear(const WCHAR *path)
{
    return DeleteFileW(path) || GetLastError() == ERROR_FILE_NOT_FOUND;
}

BOOL wp_log_read(const WCHAR *path, wp_log *log)
{
    HANDLE h;
    LARGE_INTEGER size;
    char *buf, *line, *end;
    DWORD got = 0;
    size_t cap = 0;

    memset(log, 0, sizeof(*log));
    /* The notifier keeps the file open for appending. */
    h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    NULL, OPEN_EXISTING, 0, NULL);
    if (!ok(h != INVALID_HANDLE_VALUE, "cannot open log %ls: error %lu\n", path, GetLastError()))
        return FALSE;
    if (!GetFileSizeEx(h, &size) || size.QuadPart > 256 * 1024 * 1024) {
        ok(0, "log %ls: bad size\n", path);
        CloseHandle(h);
        return FALSE;
    }
    buf = malloc((size_t)size.QuadPart + 1);
    if (!buf || !ReadFile(h, buf, (DWORD)size.QuadPart, &got, NULL)) {
        ok(0, "cannot read log %ls: error %lu\n", path, GetLastError());
        free(buf);
        CloseHandle(h);
        return FALSE;
    }
    CloseHandle(h);
    buf[got] = 0;

    for (line = buf; line < buf + got; line = end + 1) {
        size_t off = 0;
        cn_parse_result r;

        end = memchr(line, '\n', (size_t)(buf + got - line));
        if (!end) {
            ok(0, "log line %lu has no newline (torn write?)\n", (unsigned long)(log->count + log->bad + 1));
            log->bad++;
            break;
        }
        if (log->count == cap) {
            cap = cap ? cap * 2 : 256;
            log->rec = realloc(log->rec, cap * sizeof(*log->rec));
            if (!log->rec) {
                ok(0, "out of memory\n");
                free(buf);
                return FALSE;
            }
        }
        r = cn_record_parse(line, (size_t)(end - line), &log->rec[log->count], &off);
        if (r == CN_PARSE_OK)
            log->count++;
        else {
            ok(0, "log line %lu refused: %s at byte %lu: %.*s\n",
               (unsigned long)(log->count + log->bad + 1), cn_parse_result_name(r),
               (unsigned long)off, (int)(end - line), line);
            log->bad++;
        }
    }
    free(buf);
    return TRUE;
}

void wp_log_free(wp_log *log)
{
    size_t i;

    for (i = 0; i < log->count; i++)
        cn_record_free(&log->rec[i]);
    free(log->rec);
    memset(log, 0, sizeof(*log));
}

int wp_name_eq(const char *name, size_t len, const char *s)
{
    if (!name || !s)
        return !name && !s;
    return len == strlen(s) && !memcmp(name, s, len);
}
