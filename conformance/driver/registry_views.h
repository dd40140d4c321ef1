/* The registry view the notifier opens its machine settings through: each
 * key below HKEY_LOCAL_MACHINE\SOFTWARE it opens, creates or reads (by name
 * from the HKEY_LOCAL_MACHINE root), in the view KEY_WOW64_32KEY or
 * KEY_WOW64_64KEY (RRF_SUBKEY_WOW64xxKEY) or a Wow6432Node path names, else
 * its own, so that settings.view can compare it with where the settings
 * file puts the keys. A 64-bit installer writes the 64-bit view, a 32-bit one the 32-bit
 * view (WOW6432Node) [doc: Registry redirector]. */
#ifndef REGISTRY_VIEWS_H
#define REGISTRY_VIEWS_H

#include <windows.h>

enum { REGISTRY_VIEWS_MAX = 32, REGISTRY_VIEWS_UNITS = 260 };

struct registry_view {
    WCHAR below_software[REGISTRY_VIEWS_UNITS]; /* "" for SOFTWARE itself */
    int bits;                                   /* 32 or 64 */
};

/* An open of key\sub (key HKEY_LOCAL_MACHINE only) with sam's view flags (0: its own). */
void registry_views_noteW(HKEY key, const WCHAR *sub, REGSAM sam);
void registry_views_noteA(HKEY key, const char *sub, REGSAM sam);
unsigned registry_views_count(void);
const struct registry_view *registry_view_at(unsigned i);

#endif
