/* The calling program's file name is no identity (drive.reuse [design]). Any user can copy or
 * rename a program: a notifier that exempts callers running a program of a certain file name
 * (a deployment tool, an inventory agent: GetModuleFileName(NULL)) exempts every caller that
 * names a copy so. The names a restricted caller is refused are asked again by the same
 * caller in a copy of the gate's program named as each program the settings or the
 * notifier's strings give (setting_programs.h), in a folder of its own. */
#ifndef CALLER_PROGRAM_H
#define CALLER_PROGRAM_H

#include <stddef.h>
#include <windows.h>

/* 1 and the text when a name is let through in such a copy. */
int caller_program_differs(const WCHAR *const *names, unsigned n, char *text, size_t cap);

#endif
