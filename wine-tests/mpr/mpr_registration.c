/* The registrations of connotify.reg as MPR reads them: the provider in
 * ProviderOrder and Services\<name>\NetworkProvider, the notifiers in
 * Notifyees, the reference notifier's LogPath; each REG_EXPAND_SZ path
 * expands to a DLL that loads and exports what MPR looks up. */
#include <stdio.h>
#include <string.h>

#include "mprtest.h"

#define ORDER_KEY L"SYSTEM\\CurrentControlSet\\Control\\NetworkProvider\\Order"
#define PROVIDER_KEY L"SYSTEM\\CurrentControlSet\\Services\\ConnotifyTestProvider\\NetworkProvider"
#define NOTIFYEES_KEY L"SYSTEM\\CurrentControlSet\\Control\\NetworkProvider\\Notifyees"
#define CONFIG_KEY L"SOFTWARE\\connotify"
/* [design] The 64-bit view in both builds: the reference notifier reads
 * SOFTWARE\connotify through KEY_WOW64_64KEY on i686 too; HKLM\SYSTEM is one
 * key for both views. */
#define VIEW KEY_WOW64_64KEY

/* Reads a string value; returns its type, 0 when missing. */
static DWORD read_value(const WCHAR *key, const WCHAR *name, WCHAR *buf, DWORD chars)
{
    HKEY k;
    DWORD type = 0, size = (chars - 1) * sizeof(WCHAR);
    LONG r;

    buf[0] = 0;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, key, 0, KEY_READ | VIEW, &k))
        return 0;
    r = RegQueryValueExW(k, name, NULL, &type, (BYTE *)buf, &size);
    RegCloseKey(k);
    if (r)
        return 0;
    buf[size / sizeof(WCHAR)] = 0;
    return type;
}

/* Expands, checks the file and its exports; returns the module or NULL. */
static HMODULE check_dll(const WCHAR *raw, const char *const *exports, int optional)
{
    WCHAR path[MAX_PATH];
    DWORD n = ExpandEnvironmentStringsW(raw, path, MAX_PATH);
    HMODULE mod;

    ok(n > 0 && n <= MAX_PATH, "[doc] ExpandEnvironmentStrings(%s) failed: %lu\n", mt_wstr(raw), GetLastError());
    ok(!wcsstr(path, L"%"), "[design] %s expands fully (is CONNOTIFY_BIN set?), got %s\n", mt_wstr(raw), mt_wstr(path));
    if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES) {
        if (optional) {
            skip("%s not built yet\n", mt_wstr(path));
            return NULL;
        }
        ok(0, "[design] %s exists: error %lu\n", mt_wstr(path), GetLastError());
        return NULL;
    }
    mod = LoadLibraryW(path);
    ok(mod != NULL, "[doc] LoadLibrary(%s) failed: %lu\n", mt_wstr(path), GetLastError());
    if (!mod)
        return NULL;
    for (const char *const *e = exports; *e; e++)
        ok(GetProcAddress(mod, *e) != NULL, "[doc] %s exports %s by its plain name\n", mt_wstr(path), *e);
    return mod;
}

static void test_ProviderOrder(void)
{
    WCHAR buf[1024];
    DWORD type = read_value(ORDER_KEY, L"ProviderOrder", buf, 1024);

    ok(type == REG_SZ, "[doc] ProviderOrder type: expected REG_SZ, got %lu\n", type);
    ok(wcsstr(buf, L"ConnotifyTestProvider") != NULL, "[doc] ProviderOrder lists ConnotifyTestProvider: %s\n",
       mt_wstr(buf));
}

static void test_Provider(void)
{
    static const char *const exports[] = {"NPGetCaps", "NPAddConnection", "NPAddConnection3",
                                          "NPCancelConnection", "NPGetConnection", NULL};
    WCHAR buf[MAX_PATH], name[256];
    DWORD type, caps, size = 256;
    HKEY k;
    DWORD cls = 0, cls_size = sizeof(cls);
    HMODULE mod;

    type = read_value(PROVIDER_KEY, L"Name", name, 256);
    ok(type == REG_SZ && !wcscmp(name, TR_PROVIDER_NAME), "[doc] provider Name: got type %lu, %s\n", type, mt_wstr(name));
    type = read_value(PROVIDER_KEY, L"ProviderPath", buf, MAX_PATH);
    ok(type == REG_EXPAND_SZ, "[doc] ProviderPath type: expected REG_EXPAND_SZ, got %lu\n", type);
    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, PROVIDER_KEY, 0, KEY_READ | VIEW, &k)) {
        ok(!RegQueryValueExW(k, L"Class", NULL, &type, (BYTE *)&cls, &cls_size) && type == REG_DWORD && cls == 1,
           "[doc] provider Class: expected WN_NETWORK_CLASS (1), got %lu (type %lu)\n", cls, type);
        RegCloseKey(k);
    }
    mod = check_dll(buf, exports, 0);
    if (mod) {
        DWORD (WINAPI *get_caps)(DWORD) = (void *)GetProcAddress(mod, "NPGetCaps");
        caps = get_caps ? get_caps(WNNC_CONNECTION) : 0;
        ok(caps == (WNNC_CON_ADDCONNECTION | WNNC_CON_ADDCONNECTION3 | WNNC_CON_CANCELCONNECTION |
                    WNNC_CON_GETCONNECTIONS),
           "[design] NPGetCaps(WNNC_CONNECTION) = %#lx\n", caps);
    }
    /* MPR loaded the provider from the expanded path at its start: it knows
     * the provider by its net type. */
    size = 256;
    name[0] = 0;
    ok(WNetGetProviderNameW(WNNC_NET_RDR2SAMPLE, name, &size) == WN_SUCCESS && !wcscmp(name, TR_PROVIDER_NAME),
       "[wine] MPR loaded the provider from the REG_EXPAND_SZ ProviderPath: WNetGetProviderName gave %s (error %lu)\n",
       mt_wstr(name), GetLastError());
}

static void test_Notifyees(void)
{
    static const char *const exports[] = {"AddConnectNotify", "CancelConnectNotify", NULL};
    static const WCHAR *const values[] = {L"connotify_probe1", L"connotify_probe2", L"connotify_notifier"};
    WCHAR buf[MAX_PATH];

    for (unsigned i = 0; i < 3; i++) {
        DWORD type = read_value(NOTIFYEES_KEY, values[i], buf, MAX_PATH);
        wtest_push_context("%s", mt_wstr(values[i]));
        ok(type == REG_EXPAND_SZ, "[doc] Notifyees value type: expected REG_EXPAND_SZ, got %lu\n", type);
        if (type)
            check_dll(buf, exports, i == 2);
        wtest_pop_context();
    }
}

static void test_LogPath(void)
{
    WCHAR buf[MAX_PATH], path[MAX_PATH], env[MAX_PATH];
    DWORD type = read_value(CONFIG_KEY, L"LogPath", buf, MAX_PATH);

    ok(type == REG_EXPAND_SZ, "[design] LogPath type: expected REG_EXPAND_SZ, got %lu\n", type);
    ExpandEnvironmentStringsW(buf, path, MAX_PATH);
    if (!GetEnvironmentVariableW(L"CONNOTIFY_LOG", env, MAX_PATH)) {
        skip("CONNOTIFY_LOG not set: the reference notifier has no log\n");
        return;
    }
    ok(!wcscmp(path, env), "[design] LogPath expands to CONNOTIFY_LOG: %s for %s\n", mt_wstr(path), mt_wstr(env));
}

int main(void)
{
    mt_init("mpr_registration");
    test_ProviderOrder();
    test_Provider();
    test_Notifyees();
    test_LogPath();
    return mt_finish();
}
