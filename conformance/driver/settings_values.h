/* The values of the keys the --reg file names below HKLM\SOFTWARE, one at a
 * time, each key opened to read and to set values in the driver's own view
 * (reg_file_keys.h): what settings_rewrite.c and settings_push.c change. */
#ifndef SETTINGS_VALUES_H
#define SETTINGS_VALUES_H

#include <windows.h>

struct settings_value {
    HKEY key;
    const WCHAR *below_software; /* the key's path below HKLM\SOFTWARE */
    const WCHAR *name;
    DWORD type;
    const BYTE *data;
    DWORD size;
};

typedef void (*settings_value_fn)(const struct settings_value *v, void *arg);
/* After the last value of a key, with the key still open. */
typedef void (*settings_key_end_fn)(HKEY key, void *arg);

/* Calls each for every value of every key of cf.settings_file, then key_end for the key. */
void settings_values_walk(settings_value_fn each, settings_key_end_fn key_end, void *arg);

/* Makes and deletes the gate's own value in key (opened with KEY_SET_VALUE): Wine's server
 * tells a key's watchers nothing when a value gets the data it holds [wine]. */
void settings_key_touch(HKEY key);

#endif
