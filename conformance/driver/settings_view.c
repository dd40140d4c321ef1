/* The view of the notifier's machine settings (see settings_view.h). */
#include "settings_view.h"

#include "conform.h"
#include "out.h"
#include "reg_file_keys.h"
#include "registry_views.h"

#include <wchar.h>

enum { MAX_KEYS = 32 };

static struct registry_view keys[MAX_KEYS];
static unsigned n_keys;

static int own_bits(void)
{
    return (int)(8 * sizeof(void *));
}

/* A key of the settings file: "Wow6432Node\X" is X in the 32-bit view, X
 * the view of the notifier's own architecture (where its installer writes). */
static void note_key(const WCHAR *below_software, void *arg)
{
    static const WCHAR wow[] = L"Wow6432Node\\";
    (void)arg;
    if (n_keys == MAX_KEYS)
        return;
    int bits = own_bits();
    if (!_wcsnicmp(below_software, wow, wcslen(wow))) {
        bits = 32;
        below_software += wcslen(wow);
    }
    if (wcslen(below_software) >= REGISTRY_VIEWS_UNITS)
        return;
    wcscpy(keys[n_keys].below_software, below_software);
    keys[n_keys].bits = bits;
    n_keys++;
}

/* Whether key is the opened path or below it ("" is SOFTWARE itself). */
static int reaches(const WCHAR *opened, const WCHAR *key)
{
    size_t n = wcslen(opened);
    if (!n)
        return 1;
    return !_wcsnicmp(key, opened, n) && (key[n] == 0 || key[n] == '\\');
}

static const char *flag_of(int bits)
{
    return bits == 32 ? "KEY_WOW64_32KEY or a Wow6432Node path" : "KEY_WOW64_64KEY";
}

void settings_view_judge(void)
{
    unsigned n_views = registry_views_count();
    if (!cf.settings_file) {
        for (unsigned i = 0; i < n_views; i++) {
            const struct registry_view *v = registry_view_at(i);
            if (v->bits == own_bits())
                continue;
            result("settings.view", "notjudged",
                   "opened HKLM\\SOFTWARE\\%.150ls through the %d-bit view (%s); without "
                   "--reg the gate cannot tell which view its installer writes",
                   v->below_software, v->bits, flag_of(v->bits));
            return;
        }
        result("settings.view", "pass",
               "%u key(s) below HKLM\\SOFTWARE opened, each in the %d-bit view of the "
               "notifier itself (no --reg file to compare with)",
               n_views, own_bits());
        return;
    }
    reg_file_keys(cf.settings_file, note_key, NULL);
    for (unsigned i = 0; i < n_views; i++) {
        const struct registry_view *v = registry_view_at(i);
        for (unsigned k = 0; k < n_keys; k++) {
            if (!reaches(v->below_software, keys[k].below_software) || v->bits == keys[k].bits)
                continue;
            result_bad("settings.view",
                       "opened HKLM\\SOFTWARE\\%.120ls through the %d-bit view (%s); the "
                       "settings file puts HKLM\\SOFTWARE\\%.120ls in the %d-bit view, where a "
                       "%d-bit installer writes: the notifier runs without that policy",
                       v->below_software, v->bits, flag_of(v->bits), keys[k].below_software,
                       keys[k].bits, keys[k].bits);
            return;
        }
    }
    result("settings.view", "pass",
           "%u key(s) of the settings file; %u key(s) below HKLM\\SOFTWARE opened, each in "
           "the view the settings file puts it in",
           n_keys, n_views);
}
