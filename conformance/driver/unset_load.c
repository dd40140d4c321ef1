/* A load with the settings absent (see unset_load.h). */
#include "unset_load.h"

#include "child.h"
#include "conform.h"
#include "crash.h"
#include "out.h"
#include "reg_file_keys.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { MAX_KEYS = 8, PATH_UNITS = 300, CHILD_LIMIT_MS = 60000, OUTPUT_BYTES = 4096 };

static int child_role;

void unset_load_child_role(void)
{
    child_role = 1;
}

int unset_load_is_child(void)
{
    return child_role;
}

void unset_load_child(void)
{
    record_faults(1);
    HMODULE m = LoadLibraryW(cf.dll);
    DWORD err = GetLastError();
    char loading[400];
    snprintf(loading, sizeof loading, "%s", recorded_fault());
    if (loading[0]) {
        record_faults(0);
        out_line("UNSET\tfault\t%s during LoadLibrary (its DllMain; LoadLibrary then failed "
                 "with error %lu)",
                 loading, (unsigned long)err);
        return;
    }
    if (!m) {
        record_faults(0);
        out_line("UNSET\trefused\tLoadLibrary failed with error %lu%s", (unsigned long)err,
                 err == ERROR_DLL_INIT_FAILED ? " (DllMain returned FALSE)" : "");
        return;
    }
    FreeLibrary(m);
    record_faults(0);
    if (recorded_fault()[0]) {
        out_line("UNSET\tfault\t%s during FreeLibrary (its DllMain)", recorded_fault());
        return;
    }
    out_line("UNSET\tloaded\tloaded and freed");
}

/* The keys hidden: where each was and where its copy is. */
struct hidden {
    unsigned n;
    unsigned kept;
    WCHAR path[MAX_KEYS][PATH_UNITS];
    WCHAR names[PATH_UNITS * 2];
    WCHAR aside[PATH_UNITS];
};

/* Copies the key below SOFTWARE aside and deletes it; a key already gone with its parent
 * (the file names both) is passed over. */
static void hide_key(const WCHAR *below_software, void *arg)
{
    struct hidden *h = arg;
    if (h->n == MAX_KEYS)
        return;
    HKEY key;
    WCHAR *path = h->path[h->n];
    if (reg_file_key_open(below_software, KEY_READ, &key, path, PATH_UNITS))
        return;
    WCHAR copy_path[PATH_UNITS + 8];
    swprintf(copy_path, PATH_UNITS + 8, L"%ls\\%u", h->aside, h->n);
    HKEY copy;
    LONG r = RegCreateKeyExW(HKEY_LOCAL_MACHINE, copy_path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &copy,
                             NULL);
    if (!r) {
        r = RegCopyTreeW(key, NULL, copy);
        RegCloseKey(copy);
    }
    RegCloseKey(key);
    if (r || RegDeleteTreeW(HKEY_LOCAL_MACHINE, path))
        return;
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, path);
    size_t used = wcslen(h->names);
    swprintf(h->names + used, PATH_UNITS * 2 - used, L"%lsHKLM\\%ls", used ? L", " : L"", path);
    h->n++;
}

/* Puts every hidden key back from its copy; how many came back. */
static unsigned restore_keys(struct hidden *h)
{
    unsigned back = 0;
    for (unsigned i = 0; i < h->n; i++) {
        WCHAR copy_path[PATH_UNITS + 8];
        swprintf(copy_path, PATH_UNITS + 8, L"%ls\\%u", h->aside, i);
        HKEY copy;
        HKEY key;
        if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, copy_path, 0, KEY_READ, &copy))
            continue;
        if (!RegCreateKeyExW(HKEY_LOCAL_MACHINE, h->path[i], 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key,
                             NULL)) {
            back += RegCopyTreeW(copy, NULL, key) == ERROR_SUCCESS;
            RegCloseKey(key);
        }
        RegCloseKey(copy);
    }
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, h->aside);
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, h->aside);
    return back;
}

/* Runs the child with its output in a file; its UNSET line (kind, text) or "" into line. */
static int run_child(char *line, size_t cap, DWORD *code)
{
    WCHAR dir[MAX_PATH];
    WCHAR file[MAX_PATH];
    line[0] = 0;
    if (!GetTempPathW(MAX_PATH, dir) || !GetTempFileNameW(dir, L"cnu", 0, file))
        return 0;
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE out = CreateFileW(file, GENERIC_WRITE | GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE,
                             &sa, CREATE_ALWAYS, FILE_ATTRIBUTE_TEMPORARY, NULL);
    if (out == INVALID_HANDLE_VALUE)
        return 0;
    WCHAR args[MAX_PATH * 2];
    swprintf(args, MAX_PATH * 2, L"--unset-child load \"%ls\"", cf.dll);
    PROCESS_INFORMATION pi;
    int started = child_start(NULL, NULL, args, out, NULL, NULL, &pi);
    int ended = started && child_wait(&pi, CHILD_LIMIT_MS, code);
    static char text[OUTPUT_BYTES];
    DWORD got = 0;
    SetFilePointer(out, 0, NULL, FILE_BEGIN);
    if (!ReadFile(out, text, OUTPUT_BYTES - 1, &got, NULL))
        got = 0;
    text[got] = 0;
    CloseHandle(out);
    DeleteFileW(file);
    const char *at = strstr(text, "UNSET\t");
    if (at) {
        size_t n = strcspn(at + 6, "\r\n");
        snprintf(line, cap, "%.*s", (int)n, at + 6);
    }
    return started ? (ended ? 1 : -1) : 0;
}

void unset_load_judge(void)
{
    if (!cf.settings_file) {
        result("load.unset", "pass",
               "no settings file (--reg): every case loaded the notifier without settings of "
               "its own");
        return;
    }
    struct hidden h = {0};
    swprintf(h.aside, PATH_UNITS, L"SOFTWARE\\connotify-unset-%lu",
             (unsigned long)GetCurrentProcessId());
    announce_step("a load and unload in a child, with the settings file's keys absent");
    reg_file_keys(cf.settings_file, hide_key, &h);
    if (!h.n) {
        result("load.unset", "pass",
               "the settings file names no key below HKLM\\SOFTWARE this process could hide");
        return;
    }
    char line[600];
    DWORD code = 0;
    int ran = run_child(line, sizeof line, &code);
    unsigned back = restore_keys(&h);
    if (back != h.n) {
        result("load.unset", "incomplete",
               "%u of the %u keys hidden for a load without settings (%ls) came back: the "
               "run's other cases judge a notifier without them",
               back, h.n, h.names);
        return;
    }
    if (ran <= 0) {
        result("load.unset", "incomplete",
               "the child that loads the notifier with its settings absent %s",
               ran < 0 ? "did not end within 60 s" : "did not start");
        return;
    }
    if (!strncmp(line, "fault\t", 6)) {
        result_bad("load.unset",
                   "with its settings absent (%ls): %s: DllMain must load without its settings "
                   "(defaults) or refuse the load cleanly; when it returns FALSE the loader "
                   "calls it again with DLL_PROCESS_DETACH [doc: DllMain], which must handle "
                   "the attach it left half done",
                   h.names, line + 6);
        return;
    }
    if (!line[0]) {
        result_bad("load.unset",
                   "with its settings absent (%ls), the process that loaded and freed the "
                   "notifier ended with status %#lx before it said what happened: DllMain "
                   "must load without its settings or refuse the load cleanly",
                   h.names, (unsigned long)code);
        return;
    }
    const char *text = strchr(line, '\t');
    result("load.unset", "pass", "with its settings absent (%ls): %s, no exception", h.names,
           text ? text + 1 : line);
}
