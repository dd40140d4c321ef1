#include <connotify/filetime.h>
#include <stdio.h>
#include <wchar.h>

#include "dll_test_util.h"
#include "wtest.h"

LONG dlltest_set_logpath(const WCHAR *value)
{
    HKEY key;
    LONG err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\connotify", 0, NULL, 0,
                               KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL);
    if (err)
        return err;
    if (value)
        err = RegSetValueExW(key, L"LogPath", 0, REG_EXPAND_SZ, (const BYTE *)value,
                             (DWORD)((wcslen(value) + 1) * sizeof(WCHAR)));
    else if ((err = RegDeleteValueW(key, L"LogPath")) == ERROR_FILE_NOT_FOUND)
        err = 0;
    RegCloseKey(key);
    return err;
}

LONG dlltest_set_dword(const WCHAR *name, DWORD value, int present)
{
    HKEY key;
    LONG err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\connotify", 0, NULL, 0,
                               KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL);
    if (err)
        return err;
    if (present)
        err = RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&value, sizeof(value));
    else if ((err = RegDeleteValueW(key, name)) == ERROR_FILE_NOT_FOUND)
        err = 0;
    RegCloseKey(key);
    return err;
}

static struct {
    int saved, present;
    DWORD type, size;
    BYTE data[4096];
} saved_logpath;

void dlltest_save_logpath(void)
{
    HKEY key;

    saved_logpath.saved = 1;
    saved_logpath.present = 0;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\connotify", 0,
                      KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key))
        return;
    saved_logpath.size = sizeof(saved_logpath.data);
    saved_logpath.present = RegQueryValueExW(key, L"LogPath", NULL, &saved_logpath.type,
                                             saved_logpath.data, &saved_logpath.size) == 0;
    RegCloseKey(key);
}

void dlltest_restore_logpath(void)
{
    HKEY key;

    if (!saved_logpath.saved)
        return;
    if (!saved_logpath.present) {
        dlltest_set_logpath(NULL);
        return;
    }
    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\connotify", 0, NULL, 0,
                        KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL))
        return;
    ok(RegSetValueExW(key, L"LogPath", 0, saved_logpath.type, saved_logpath.data,
                      saved_logpath.size) == 0, "cannot restore LogPath\n");
    RegCloseKey(key);
}

int dlltest_dll_path(WCHAR *path, size_t cap)
{
    DWORD n = GetEnvironmentVariableW(L"CONNOTIFY_NOTIFIER_DLL", path, (DWORD)cap);
    WCHAR *slash;

    if (n && n < cap)
        return 0;
    n = GetModuleFileNameW(NULL, path, (DWORD)cap);
    slash = n && n < cap ? wcsrchr(path, L'\\') : NULL;
    if (!slash || (size_t)(slash - path) + 24 > cap)
        return 1;
    wcscpy(slash + 1, L"connotify_notifier.dll");
    return 0;
}

int dlltest_load(dlltest_dll *d)
{
    WCHAR path[MAX_PATH + 32];

    if (dlltest_dll_path(path, MAX_PATH + 32)) {
        ok(0, "cannot find the test program's directory\n");
        return 1;
    }
    memset(d, 0, sizeof(*d));
    d->mod = LoadLibraryW(path);
    if (!ok(d->mod != NULL, "LoadLibrary(%ls) failed: %lu\n", path, GetLastError()))
        return 1;
    /* [doc] MPR finds the entry points by these plain names. */
    d->add = (PF_AddConnectNotify)(void (*)(void))GetProcAddress(d->mod, "AddConnectNotify");
    d->cancel = (PF_CancelConnectNotify)(void (*)(void))GetProcAddress(d->mod, "CancelConnectNotify");
    ok(d->add != NULL, "[doc] GetProcAddress(AddConnectNotify) failed: %lu\n", GetLastError());
    ok(d->cancel != NULL, "[doc] GetProcAddress(CancelConnectNotify) failed: %lu\n", GetLastError());
    if (!d->add || !d->cancel) {
        dlltest_unload(d);
        return 1;
    }
    return 0;
}

void dlltest_unload(dlltest_dll *d)
{
    if (d->mod)
        ok(FreeLibrary(d->mod), "FreeLibrary failed: %lu\n", GetLastError());
    memset(d, 0, sizeof(*d));
}

void dlltest_add_pair(const dlltest_dll *d, const char *what)
{
    NOTIFYINFO info = { NOTIFY_PRE, WN_SUCCESS, NULL };
    NOTIFYADD add;
    DWORD ret;

    memset(&add, 0, sizeof(add));
    add.NetResource.dwType = RESOURCETYPE_DISK;
    add.NetResource.lpLocalName = (WCHAR *)L"Y:";
    add.NetResource.lpRemoteName = (WCHAR *)L"\\\\srv\\sink";
    ret = d->add(&info, &add);
    ok(ret == WN_SUCCESS, "[design] %s: AddConnectNotify PRE returned %lu\n", what, ret);
    ok(info.lpContext != NULL, "[design] %s: PRE left lpContext NULL\n", what);
    info.dwNotifyStatus = NOTIFY_POST;
    ret = d->add(&info, &add);
    ok(ret == WN_SUCCESS, "[design] %s: AddConnectNotify POST returned %lu\n", what, ret);
}

const cn_stats *dlltest_stats(void)
{
    static const cn_stats *view;
    WCHAR name[64];
    HANDLE h;

    if (view)
        return view;
    _snwprintf(name, 64, CN_STATS_NAME_FMT, (unsigned long)GetCurrentProcessId());
    name[63] = 0;
    if (!(h = OpenFileMappingW(FILE_MAP_READ, FALSE, name)))
        return NULL;
    /* The handle stays open for the process: the section survives reloads. */
    view = MapViewOfFile(h, FILE_MAP_READ, 0, 0, sizeof(cn_stats));
    return view;
}

size_t dlltest_temp_dir(const WCHAR *tag, WCHAR *out, size_t cap)
{
    WCHAR tmp[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, tmp);
    int len;

    if (!n || n >= MAX_PATH)
        wcscpy(tmp, L"C:\\windows\\temp\\");
    len = _snwprintf(out, cap, L"%lsconnotify-dll-%lu-%ls", tmp,
                     (unsigned long)GetCurrentProcessId(), tag);
    if (len < 0 || (size_t)len >= cap) {
        out[cap - 1] = 0;
        return 0;
    }
    CreateDirectoryW(out, NULL);
    return (size_t)len;
}

char *dlltest_read_file(const WCHAR *path, size_t *len)
{
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, 0, NULL);
    LARGE_INTEGER size;
    char *buf = NULL;
    DWORD done;

    *len = 0;
    if (h == INVALID_HANDLE_VALUE)
        return NULL;
    if (GetFileSizeEx(h, &size) && size.QuadPart < 0x40000000
        && (buf = HeapAlloc(GetProcessHeap(), 0, (SIZE_T)size.QuadPart + 1))) {
        if (ReadFile(h, buf, (DWORD)size.QuadPart, &done, NULL) && done == size.QuadPart) {
            buf[done] = 0;
            *len = done;
        } else {
            HeapFree(GetProcessHeap(), 0, buf);
            buf = NULL;
        }
    }
    CloseHandle(h);
    return buf;
}

size_t dlltest_count_lines(const char *buf, size_t len, size_t *tail)
{
    size_t n = 0, last = 0;

    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n') {
            n++;
            last = i + 1;
        }
    *tail = len - last;
    return n;
}

uint64_t dlltest_now_ms(void)
{
    return cn_now_unix_ms();
}
