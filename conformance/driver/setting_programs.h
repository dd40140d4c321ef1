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

/* The file names of programs (wgdeploy.exe) the settings and the notifier's strings give, bare
 * or as the last part of a path, at most cap, into out; how many. A notifier that trusts the
 * calling program by its file name answers differently only in a program of that name. */
enum { SETTING_PROGRAM_NAMES_MAX = 4 };
unsigned setting_program_names(const WCHAR **out, unsigned cap);
/* Keeps a file name of a program found among the notifier's own strings (image_names.c). */
void setting_program_name_keep(const WCHAR *name, size_t len);

#endif
