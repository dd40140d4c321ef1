/* The WN_* table: value, name, and whether the value counts as a
 * documented result. Values are winnetwk.h's (winerror.h codes);
 * reference/tests/test_wn.c compares them with winnetwk.h under MinGW. */
#include "connotify/wn_names.h"

#include <stddef.h>

static const struct wn {
    uint32_t code;
    const char *name;
    int documented;
} wn_table[] = {
    {0, "WN_SUCCESS", 1},
    {50, "WN_NOT_SUPPORTED", 1},
    {1223, "WN_CANCEL", 1},
    {1237, "WN_RETRY", 1},
    {59, "WN_NET_ERROR", 1},
    {234, "WN_MORE_DATA", 1},
    {487, "WN_BAD_POINTER", 1},
    {87, "WN_BAD_VALUE", 1},
    {2202, "WN_BAD_USER", 1},
    {86, "WN_BAD_PASSWORD", 1},
    {5, "WN_ACCESS_DENIED", 1},
    {170, "WN_FUNCTION_BUSY", 1},
    {8, "WN_OUT_OF_MEMORY", 1},
    {1222, "WN_NO_NETWORK", 1},
    {1208, "WN_EXTENDED_ERROR", 1},
    {124, "WN_BAD_LEVEL", 1},
    {6, "WN_BAD_HANDLE", 1},
    {1247, "WN_NOT_INITIALIZING", 1},
    {1248, "WN_NO_MORE_DEVICES", 1},
    {2250, "WN_NOT_CONNECTED", 1},
    {2401, "WN_OPEN_FILES", 1},
    {2404, "WN_DEVICE_IN_USE", 1},
    {67, "WN_BAD_NETNAME", 1},
    {1200, "WN_BAD_LOCALNAME", 1},
    {85, "WN_ALREADY_CONNECTED", 1},
    {31, "WN_DEVICE_ERROR", 1},
    {1201, "WN_CONNECTION_CLOSED", 1},
    {1203, "WN_NO_NET_OR_BAD_PATH", 1},
    {1204, "WN_BAD_PROVIDER", 1},
    {1205, "WN_CANNOT_OPEN_PROFILE", 1},
    {1206, "WN_BAD_PROFILE", 1},
    {66, "WN_BAD_DEV_TYPE", 1},
    {1202, "WN_DEVICE_ALREADY_REMEMBERED", 1},
    {2108, "WN_CONNECTED_OTHER_PASSWORD", 1},
    {259, "WN_NO_MORE_ENTRIES", 1},
    {1207, "WN_NOT_CONTAINER", 1},
    {1244, "WN_NOT_AUTHENTICATED", 1},
    {1245, "WN_NOT_LOGGED_ON", 1},
    {1311, "WN_NOT_VALIDATED", 1},
    /* [design] in winnetwk.h, but not a result the driver's [doc] check
     * has ever accepted: named, not documented. */
    {2109, "WN_CONNECTED_OTHER_PASSWORD_DEFAULT", 0},
};

static const struct wn *find(uint32_t code)
{
    for (size_t i = 0; i < sizeof(wn_table) / sizeof(wn_table[0]); i++)
        if (wn_table[i].code == code)
            return &wn_table[i];
    return NULL;
}

const char *cn_wn_name(uint32_t code)
{
    const struct wn *w = find(code);

    return w ? w->name : NULL;
}

int cn_wn_documented(uint32_t code)
{
    const struct wn *w = find(code);

    return w ? w->documented : 0;
}
