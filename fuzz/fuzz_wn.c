/* Property: cn_wn_name and cn_wn_documented agree with the WN_* values of
 * winnetwk.h (a table written here apart from wn_names.c, values from
 * winerror.h) for any 32-bit value: the macro's name, the first one where
 * two share a value, NULL for a value no macro has; documented exactly when
 * named, but WN_CONNECTED_OTHER_PASSWORD_DEFAULT. */
#include <string.h>

#include "connotify/wn_names.h"
#include "fuzz_common.h"
#include "fuzz_data_producer.h"

/* [doc] winnetwk.h in header order (MinGW-w64 and the Windows SDK), each
 * macro's winerror.h value; WN_NO_ERROR and WN_WINDOWS_ERROR share the value
 * of a name before them. */
static const struct wn_row {
    uint32_t code;
    const char *name;
} winnetwk[] = {
    {0, "WN_SUCCESS"},
    {0, "WN_NO_ERROR"},
    {50, "WN_NOT_SUPPORTED"},
    {1223, "WN_CANCEL"},
    {1237, "WN_RETRY"},
    {59, "WN_NET_ERROR"},
    {234, "WN_MORE_DATA"},
    {487, "WN_BAD_POINTER"},
    {87, "WN_BAD_VALUE"},
    {2202, "WN_BAD_USER"},
    {86, "WN_BAD_PASSWORD"},
    {5, "WN_ACCESS_DENIED"},
    {170, "WN_FUNCTION_BUSY"},
    {59, "WN_WINDOWS_ERROR"},
    {8, "WN_OUT_OF_MEMORY"},
    {1222, "WN_NO_NETWORK"},
    {1208, "WN_EXTENDED_ERROR"},
    {124, "WN_BAD_LEVEL"},
    {6, "WN_BAD_HANDLE"},
    {1247, "WN_NOT_INITIALIZING"},
    {1248, "WN_NO_MORE_DEVICES"},
    {2250, "WN_NOT_CONNECTED"},
    {2401, "WN_OPEN_FILES"},
    {2404, "WN_DEVICE_IN_USE"},
    {67, "WN_BAD_NETNAME"},
    {1200, "WN_BAD_LOCALNAME"},
    {85, "WN_ALREADY_CONNECTED"},
    {31, "WN_DEVICE_ERROR"},
    {1201, "WN_CONNECTION_CLOSED"},
    {1203, "WN_NO_NET_OR_BAD_PATH"},
    {1204, "WN_BAD_PROVIDER"},
    {1205, "WN_CANNOT_OPEN_PROFILE"},
    {1206, "WN_BAD_PROFILE"},
    {66, "WN_BAD_DEV_TYPE"},
    {1202, "WN_DEVICE_ALREADY_REMEMBERED"},
    {2108, "WN_CONNECTED_OTHER_PASSWORD"},
    {2109, "WN_CONNECTED_OTHER_PASSWORD_DEFAULT"},
    {259, "WN_NO_MORE_ENTRIES"},
    {1207, "WN_NOT_CONTAINER"},
    {1244, "WN_NOT_AUTHENTICATED"},
    {1245, "WN_NOT_LOGGED_ON"},
    {1311, "WN_NOT_VALIDATED"},
};

#define ROWS (sizeof(winnetwk) / sizeof(winnetwk[0]))

/* [design] named in winnetwk.h, never a result the driver accepted. */
#define UNDOCUMENTED 2109u

static void check_code(uint32_t code)
{
    const char *want = NULL, *got = cn_wn_name(code);
    int documented = cn_wn_documented(code);

    for (size_t i = 0; i < ROWS && !want; i++)
        if (winnetwk[i].code == code)
            want = winnetwk[i].name;
    FUZZ_ASSERT((got == NULL) == (want == NULL) && (!got || strcmp(got, want) == 0),
                "cn_wn_name(%lu) is %s, winnetwk.h says %s", (unsigned long)code,
                got ? got : "NULL", want ? want : "none");
    FUZZ_ASSERT(documented == (want != NULL && code != UNDOCUMENTED),
                "cn_wn_documented(%lu) is %d (%s)", (unsigned long)code, documented,
                want ? want : "no WN_* value");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_data_producer p;
    uint32_t code;

    fdp_init(&p, data, size);
    code = fdp_u32(&p);
    check_code(code);
    check_code(code + 1u);
    /* One row of the table by the input, so every row is tried at once. */
    check_code(winnetwk[code % ROWS].code);
    return 0;
}
