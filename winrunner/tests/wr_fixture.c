/* Fixture programs of the runner's tests, one behaviour per mode:
 *   pass ARGS...   the arguments arrive unchanged: "two words", quote"inside, trailing\;
 *                  WR_SAY is the runner's --env value, not the test's
 *   fail           one planted failure (exit status 1)
 *   crash          NULL write: an unhandled access violation
 *   hang CHILD     starts itself as "sleep" and sleeps: the runner's time
 *                  limit must end both processes
 *   sleep          sleeps forever
 *   skip           exit 77 (skipped)
 *   cwd SUFFIX     runs in a working directory ending in SUFFIX
 *   registry       what the runner registered from winrunner-test.reg is
 *                  there, in the 64-bit view (and the 32-bit one on i686)
 *   tamper         writes a value the .reg does not name: the runner leaves
 *                  it, and check.sh must see the registry changed
 *   regdump        prints the keys the .reg touches, in the 64-bit view (and
 *                  the 32-bit one on i686), for check.sh's before/after
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "wtest.h"

#define ORDER    L"SYSTEM\\CurrentControlSet\\Control\\NetworkProvider\\Order"
#define PROVIDER L"SYSTEM\\CurrentControlSet\\Services\\WinrunnerTestProvider\\NetworkProvider"
#define NESTED   L"SOFTWARE\\connotify-winrunner\\nested"

static void test_args(int argc, char **argv)
{
    static const char *const want[] = {"two words", "quote\"inside", "trailing\\"};
    int i;

    ok(argc == 5, "argc %d, want 5\n", argc);
    for (i = 0; i < 3 && i + 2 < argc; i++)
        ok(!strcmp(argv[i + 2], want[i]), "argument %d is [%s], want [%s]\n", i, argv[i + 2],
           want[i]);
}

static void test_env(void)
{
    const char *say = getenv("WR_SAY");

    ok(say && !strcmp(say, "caller"), "WR_SAY is %s, want caller (--env wins)\n",
       say ? say : "(unset)");
}

static void test_cwd(const char *suffix)
{
    WCHAR cwd[MAX_PATH];
    char here[MAX_PATH * 3];
    size_t n;
    size_t s = strlen(suffix);

    GetCurrentDirectoryW(MAX_PATH, cwd);
    WideCharToMultiByte(CP_UTF8, 0, cwd, -1, here, sizeof(here), NULL, NULL);
    n = strlen(here);
    ok(n >= s && !_stricmp(here + n - s, suffix), "working directory %s, want ...%s\n", here,
       suffix);
}

/* Reads a value in VIEW; returns the type, 0 when missing. */
static DWORD query(REGSAM view, const WCHAR *path, const WCHAR *name, void *data, DWORD size)
{
    HKEY key;
    DWORD type = 0;
    LSTATUS rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | view, &key);

    memset(data, 0, size);
    if (rc != ERROR_SUCCESS)
        return 0;
    size -= sizeof(WCHAR);
    if (RegQueryValueExW(key, name, NULL, &type, data, &size) != ERROR_SUCCESS)
        type = 0;
    RegCloseKey(key);
    return type;
}

static void test_view(REGSAM view, const char *what)
{
    WCHAR text[256];
    DWORD count = 0;
    BYTE bytes[8];
    DWORD type;

    wtest_push_context("%s view", what);
    type = query(view, NESTED, L"Text", text, sizeof(text));
    ok(type == REG_SZ, "Text type %lu\n", type);
    ok(!wcscmp(text, L"a \"quoted\" \\ value"), "Text is %ls\n", text);
    type = query(view, NESTED, L"Count", &count, sizeof(count) + sizeof(WCHAR));
    ok(type == REG_DWORD && count == 42, "Count type %lu value %lu\n", type, count);
    type = query(view, NESTED, L"Bytes", bytes, sizeof(bytes));
    ok(type == REG_BINARY && bytes[0] == 1 && bytes[1] == 2 && bytes[2] == 0xff,
       "Bytes type %lu: %02x %02x %02x\n", type, bytes[0], bytes[1], bytes[2]);
    type = query(view, L"SOFTWARE\\connotify", L"LogPath", text, sizeof(text));
    ok(type == 0, "LogPath (deleted by the .reg) has type %lu\n", type);
    wtest_pop_context();
}

static void test_registry(void)
{
    WCHAR text[512];
    WCHAR expanded[512];
    DWORD type;

    test_view(KEY_WOW64_64KEY, "64-bit");
#ifndef _WIN64
    test_view(KEY_WOW64_32KEY, "32-bit");
#endif
    /* [design] Only the providers the .reg defines: nothing falls through
     * to a real network provider. */
    type = query(KEY_WOW64_64KEY, ORDER, L"ProviderOrder", text, sizeof(text));
    ok(type == REG_SZ && !wcscmp(text, L"WinrunnerTestProvider"), "ProviderOrder %ls\n", text);
    type = query(KEY_WOW64_64KEY, PROVIDER, L"ProviderPath", text, sizeof(text));
    ok(type == REG_EXPAND_SZ, "ProviderPath type %lu\n", type);
    ExpandEnvironmentStringsW(text, expanded, 512);
    ok(GetFileAttributesW(expanded) != INVALID_FILE_ATTRIBUTES, "ProviderPath %ls -> %ls missing\n",
       text, expanded);
    ok(GetEnvironmentVariableW(L"CONNOTIFY_LOG", text, 512) > 0, "CONNOTIFY_LOG not set\n");
    ok(GetEnvironmentVariableW(L"CONNOTIFY_JUNIT_DIR", text, 512) > 0 &&
           (GetFileAttributesW(text) & FILE_ATTRIBUTE_DIRECTORY),
       "CONNOTIFY_JUNIT_DIR %ls\n", text);
}

/* Every value and subkey of PATH in VIEW, one line each, data in hex. */
static void dump(REGSAM view, const WCHAR *path)
{
    HKEY key;
    DWORD i;
    WCHAR name[256];
    BYTE data[1024];

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | view, &key) != ERROR_SUCCESS) {
        printf("%ls: absent\n", path);
        return;
    }
    printf("%ls:\n", path);
    for (i = 0;; i++) {
        DWORD nn = 256;
        DWORD dn = sizeof(data);
        DWORD type;
        DWORD b;

        if (RegEnumValueW(key, i, name, &nn, NULL, &type, data, &dn) != ERROR_SUCCESS)
            break;
        printf("  %ls type %lu:", name, type);
        for (b = 0; b < dn; b++)
            printf(" %02x", data[b]);
        printf("\n");
    }
    for (i = 0;; i++) {
        DWORD nn = 256;
        WCHAR sub[600];

        if (RegEnumKeyExW(key, i, name, &nn, NULL, NULL, NULL, NULL) != ERROR_SUCCESS)
            break;
        swprintf(sub, 600, L"%ls\\%ls", path, name);
        dump(view, sub);
    }
    RegCloseKey(key);
}

static int regdump(void)
{
    static const REGSAM views[] = {KEY_WOW64_64KEY, KEY_WOW64_32KEY};
    static const WCHAR *const keys[] = {
        ORDER, L"SYSTEM\\CurrentControlSet\\Services\\WinrunnerTestProvider",
        L"SOFTWARE\\connotify", L"SOFTWARE\\connotify-winrunner"};
    size_t v;
    size_t k;

    for (v = 0; v < (sizeof(void *) == 4 ? 2 : 1); v++) {
        printf("== %s view\n", v ? "32-bit" : "64-bit");
        for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
            dump(views[v], keys[k]);
    }
    return 0;
}

static int tamper(void)
{
    HKEY key;
    DWORD one = 1;
    LSTATUS rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\connotify", 0, NULL, 0,
                                 KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL);

    if (rc == ERROR_SUCCESS) {
        rc = RegSetValueExW(key, L"Tampered", 0, REG_DWORD, (BYTE *)&one, sizeof(one));
        RegCloseKey(key);
    }
    printf("tamper: HKLM\\SOFTWARE\\connotify Tampered=1: %ld\n", (long)rc);
    return rc == ERROR_SUCCESS ? 0 : 1;
}

static void hang(const char *self)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char line[MAX_PATH + 16];

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" sleep", self);
    if (!CreateProcessA(self, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        printf("cannot start the child: %lu\n", GetLastError());
        exit(2);
    }
    printf("hang: child %lu started, sleeping\n", pi.dwProcessId);
    fflush(stdout);
    Sleep(INFINITE);
}

/* volatile: the compiler cannot turn the write into a trap instruction. */
static int *volatile null_int;

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";

    if (!strcmp(mode, "crash")) {
        puts("crash: writing to NULL");
        fflush(stdout);
        *null_int = 0;
        return 0;
    }
    if (!strcmp(mode, "hang"))
        hang(argv[0]);
    if (!strcmp(mode, "sleep"))
        Sleep(INFINITE);
    if (!strcmp(mode, "regdump"))
        return regdump();
    if (!strcmp(mode, "tamper"))
        return tamper();
    if (!strcmp(mode, "skip")) {
        puts("wr_fixture: Tests skipped: planted skip");
        return 77;
    }
    wtest_start("wr_fixture");
    if (!strcmp(mode, "pass")) {
        test_args(argc, argv);
        test_env();
    } else if (!strcmp(mode, "fail"))
        ok(0, "planted failure\n");
    else if (!strcmp(mode, "cwd") && argc > 2)
        test_cwd(argv[2]);
    else if (!strcmp(mode, "registry"))
        test_registry();
    else
        ok(0, "unknown mode [%s]\n", mode);
    return wtest_end();
}
