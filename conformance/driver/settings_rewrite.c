/* The settings written again unchanged (see settings_rewrite.h). */
#include "settings_rewrite.h"

#include "conform.h"
#include "reg_file_keys.h"

#include <stdlib.h>

enum { PATH_UNITS = 300, VALUE_NAME_UNITS = 16384, DATA_BYTES = 1 << 16 };
#define TOUCH_VALUE L"connotify-settings-touch"

struct rewrite {
    WCHAR *name;
    BYTE *data;
    unsigned written;
};

void settings_key_touch(HKEY key)
{
    DWORD one = 1;
    if (!RegSetValueExW(key, TOUCH_VALUE, 0, REG_DWORD, (const BYTE *)&one, sizeof one))
        RegDeleteValueW(key, TOUCH_VALUE);
}

/* Every value of HKLM\SOFTWARE\below_software set again as it is. */
static void rewrite_key(const WCHAR *below_software, void *arg)
{
    struct rewrite *rw = arg;
    WCHAR path[PATH_UNITS];
    HKEY key;
    if (reg_file_key_open(below_software, KEY_QUERY_VALUE | KEY_SET_VALUE, &key, path, PATH_UNITS))
        return;
    for (DWORD i = 0;; i++) {
        DWORD name_units = VALUE_NAME_UNITS;
        DWORD type = 0;
        DWORD size = DATA_BYTES;
        LONG rc = RegEnumValueW(key, i, rw->name, &name_units, NULL, &type, rw->data, &size);
        if (rc == ERROR_NO_MORE_ITEMS)
            break;
        if (rc != ERROR_SUCCESS)
            continue;
        if (!RegSetValueExW(key, rw->name, 0, type, rw->data, size))
            rw->written++;
    }
    settings_key_touch(key);
    RegCloseKey(key);
}

unsigned settings_rewrite(void)
{
    struct rewrite rw = {NULL, NULL, 0};
    if (!cf.settings_file)
        return 0;
    rw.name = malloc(VALUE_NAME_UNITS * sizeof(WCHAR));
    rw.data = malloc(DATA_BYTES);
    if (rw.name && rw.data)
        reg_file_keys(cf.settings_file, rewrite_key, &rw);
    free(rw.name);
    free(rw.data);
    return rw.written;
}
