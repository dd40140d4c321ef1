/* The notifier's settings still in the registry (see settings_present.h). */
#include "settings_present.h"

#include "conform.h"
#include "out.h"
#include "reg_file_keys.h"

#include <stdio.h>
#include <wchar.h>

enum { PATH_UNITS = 300 };

struct missing {
    const char *when;
    unsigned count;
};

/* The gate imports the file in the view of the notifier's architecture (/reg:64 or
 * /reg:32), the view of this process: no view flag. */
static void check_key(const WCHAR *below_software, void *arg)
{
    struct missing *m = arg;
    WCHAR path[PATH_UNITS];
    if (swprintf(path, PATH_UNITS, L"SOFTWARE\\%ls", below_software) < 0)
        return;
    HKEY key;
    LONG rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_QUERY_VALUE, &key);
    if (rc == ERROR_SUCCESS) {
        RegCloseKey(key);
        return;
    }
    out_line("SETTINGSGONE\t%s\tHKLM\\%ls (error %ld)", m->when, path, (long)rc);
    m->count++;
}

unsigned settings_present_check(const char *when)
{
    struct missing m = {when, 0};
    if (cf.settings_file)
        reg_file_keys(cf.settings_file, check_key, &m);
    return m.count;
}
