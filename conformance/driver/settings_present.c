/* The notifier's settings still in the registry (see settings_present.h). */
#include "settings_present.h"

#include "conform.h"
#include "out.h"
#include "reg_file_keys.h"

enum { PATH_UNITS = 300 };

struct missing {
    const char *when;
    unsigned count;
};

static void check_key(const WCHAR *below_software, void *arg)
{
    struct missing *m = arg;
    WCHAR path[PATH_UNITS];
    HKEY key;
    LONG rc = reg_file_key_open(below_software, KEY_QUERY_VALUE, &key, path, PATH_UNITS);
    if (rc == ERROR_BUFFER_OVERFLOW)
        return;
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
