/* Programs the notifier's settings name (ConsolePath = "C:\Program Files\...\console.exe"):
 * a notifier that trusts what such a program does (its windows, its processes) answers
 * differently only when it runs, so the gate runs them (owner_grant.h). */
#ifndef SETTING_PROGRAMS_H
#define SETTING_PROGRAMS_H

#include <stddef.h>
#include <windows.h>

enum { SETTING_PROGRAMS_MAX = 4 };

/* Keeps the full paths of programs (X:\...\name.exe, environment variables expanded) of a
 * value's text (len units; strings parted by ';' or NUL). setting_names_read calls it. */
void setting_programs_keep(const WCHAR *text, size_t len);
/* The paths kept, at most cap, into out; how many. */
unsigned setting_programs(const WCHAR **out, unsigned cap);

#endif
