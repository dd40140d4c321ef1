/* Unit tests of the WN_* table (connotify/wn_names.h); under MinGW every
 * row is compared with winnetwk.h. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "connotify/wn_names.h"
#include "wtest.h"

#ifdef _WIN32
#include <windows.h>
#include <winnetwk.h>
#endif

static void test_wn_known(void)
{
    const char *name = cn_wn_name(67);

    ok(name && !strcmp(name, "WN_BAD_NETNAME"), "67: %s\n", name ? name : "NULL");
    name = cn_wn_name(0);
    ok(name && !strcmp(name, "WN_SUCCESS"), "0: %s\n", name ? name : "NULL");
    name = cn_wn_name(59);
    ok(name && !strcmp(name, "WN_NET_ERROR"), "59 (shared with WN_WINDOWS_ERROR): %s\n",
       name ? name : "NULL");
    ok(cn_wn_documented(1223), "WN_CANCEL not documented\n");
    ok(!cn_wn_documented(2109), "WN_CONNECTED_OTHER_PASSWORD_DEFAULT documented\n");
    ok(cn_wn_name(2109) != NULL, "WN_CONNECTED_OTHER_PASSWORD_DEFAULT has no name\n");
}

static void test_wn_unknown(void)
{
    static const uint32_t codes[] = {1, 2, 1209, 0x80070035u, UINT32_MAX};

    for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        const char *name = cn_wn_name(codes[i]);
        ok(!name, "%lu named %s\n", (unsigned long)codes[i], name ? name : "");
        ok(!cn_wn_documented(codes[i]), "%lu documented\n", (unsigned long)codes[i]);
    }
}

/* Every value below 65536 with a name: names are unique, and 39 values are
 * documented (the set the conformance driver has always accepted). */
static void test_wn_table(void)
{
    const char *seen[64];
    unsigned named = 0, documented = 0, dup = 0, stray = 0;

    for (uint32_t c = 0; c < 65536; c++) {
        const char *name = cn_wn_name(c);
        if (!name) {
            stray += cn_wn_documented(c) != 0;
            continue;
        }
        for (unsigned i = 0; i < named && i < 64; i++)
            dup += !strcmp(seen[i], name);
        if (named < 64)
            seen[named] = name;
        named++;
        documented += cn_wn_documented(c) != 0;
    }
    ok(named == 40, "%u values named\n", named);
    ok(documented == 39, "%u values documented\n", documented);
    ok(dup == 0, "%u names given to two values\n", dup);
    ok(stray == 0, "%u values documented without a name\n", stray);
}

#ifdef _WIN32
/* Each WN_* macro of winnetwk.h has the value the table gives its name. */
static void test_wn_winnetwk(void)
{
#define WN(x) {x, #x},
    static const struct {
        DWORD code;
        const char *name;
    } sdk[] = {
        /* clang-format off */
        WN(WN_SUCCESS) WN(WN_NOT_SUPPORTED) WN(WN_CANCEL) WN(WN_RETRY) WN(WN_NET_ERROR)
        WN(WN_MORE_DATA) WN(WN_BAD_POINTER) WN(WN_BAD_VALUE) WN(WN_BAD_USER)
        WN(WN_BAD_PASSWORD) WN(WN_ACCESS_DENIED) WN(WN_FUNCTION_BUSY) WN(WN_OUT_OF_MEMORY)
        WN(WN_NO_NETWORK) WN(WN_EXTENDED_ERROR) WN(WN_BAD_LEVEL) WN(WN_BAD_HANDLE)
        WN(WN_NOT_INITIALIZING) WN(WN_NO_MORE_DEVICES) WN(WN_NOT_CONNECTED) WN(WN_OPEN_FILES)
        WN(WN_DEVICE_IN_USE) WN(WN_BAD_NETNAME) WN(WN_BAD_LOCALNAME) WN(WN_ALREADY_CONNECTED)
        WN(WN_DEVICE_ERROR) WN(WN_CONNECTION_CLOSED) WN(WN_NO_NET_OR_BAD_PATH)
        WN(WN_BAD_PROVIDER) WN(WN_CANNOT_OPEN_PROFILE) WN(WN_BAD_PROFILE) WN(WN_BAD_DEV_TYPE)
        WN(WN_DEVICE_ALREADY_REMEMBERED) WN(WN_CONNECTED_OTHER_PASSWORD)
        WN(WN_CONNECTED_OTHER_PASSWORD_DEFAULT) WN(WN_NO_MORE_ENTRIES) WN(WN_NOT_CONTAINER)
        WN(WN_NOT_AUTHENTICATED) WN(WN_NOT_LOGGED_ON) WN(WN_NOT_VALIDATED)
        /* clang-format on */
    };
#undef WN

    for (unsigned i = 0; i < sizeof(sdk) / sizeof(sdk[0]); i++) {
        const char *name = cn_wn_name(sdk[i].code);
        ok(name && !strcmp(name, sdk[i].name), "%s is %lu, table names %s\n", sdk[i].name,
           sdk[i].code, name ? name : "nothing");
    }
}
#endif

int main(void)
{
    wtest_start("core.wn");
    test_wn_known();
    test_wn_unknown();
    test_wn_table();
#ifdef _WIN32
    test_wn_winnetwk();
#endif
    return wtest_end();
}
