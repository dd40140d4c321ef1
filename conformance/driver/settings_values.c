/* The settings file's values, walked (see settings_values.h). */
#include "settings_values.h"

#include "conform.h"
#include "reg_file_keys.h"

#include <stdlib.h>

enum { PATH_UNITS = 300, VALUE_NAME_UNITS = 16384, DATA_BYTES = 1 << 16 };
#define TOUCH_VALUE L"connotify-settings-touch"

struct walk {
    settings_value_fn each;
    settings_key_end_fn key_end;
    void *arg;
    WCHAR *name;
    BYTE *data;
};

void settings_key_touch(HKEY key)
{
    DWORD one = 1;
    if (!RegSetValueExW(key, TOUCH_VALUE, 0, REG_DWORD, (const BYTE *)&one, sizeof one))
        RegDeleteValueW(key, TOUCH_VALUE);
}

static void walk_key(const WCHAR *below_software, void *arg)
{
    struct walk *w = arg;
    WCHAR path[PATH_UNITS];
    HKEY key;
    if (reg_file_key_open(below_software, KEY_QUERY_VALUE | KEY_SET_VALUE, &key, path, PATH_UNITS))
        return;
    for (DWORD i = 0;; i++) {
        DWORD name_units = VALUE_NAME_UNITS;
        DWORD type = 0;
        DWORD size = DATA_BYTES;
        LONG rc = RegEnumValueW(key, i, w->name, &name_units, NULL, &type, w->data, &size);
        if (rc == ERROR_NO_MORE_ITEMS)
            break;
        if (rc != ERROR_SUCCESS)
            continue;
        struct settings_value v = {key, below_software, w->name, type, w->data, size};
        w->each(&v, w->arg);
    }
    if (w->key_end)
        w->key_end(key, w->arg);
    RegCloseKey(key);
}

void settings_values_walk(settings_value_fn each, settings_key_end_fn key_end, void *arg)
{
    struct walk w = {each, key_end, arg, NULL, NULL};
    if (!cf.settings_file)
        return;
    w.name = malloc(VALUE_NAME_UNITS * sizeof(WCHAR));
    w.data = malloc(DATA_BYTES);
    if (w.name && w.data)
        reg_file_keys(cf.settings_file, walk_key, &w);
    free(w.name);
    free(w.data);
}
