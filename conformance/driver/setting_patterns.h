/* Wildcard server patterns of the notifier's settings ("nas-*-prod", "*.corp.example",
 * "fs??"), as written, with the list each came from (setting_names.h keeps them). A pattern
 * names every server it matches: '*' any run of units, '?' one unit, in any case. [design] */
#ifndef SETTING_PATTERNS_H
#define SETTING_PATTERNS_H

#include "setting_names.h"

#include <stddef.h>
#include <windows.h>

/* Keeps the pattern t (n units) of a value of list `list`. */
void setting_pattern_keep(const WCHAR *t, size_t n, enum setting_list list);

/* The server the pattern t (n units) stands for, into out (cap units): '*' as "qx", '?' as
 * 'q' ("hr-*" -> "hr-qx", "*.corp" -> "qx.corp"), and the '*' at deep_at (SIZE_MAX: none) as
 * "qx", the unit after it, "qx". Its length, or 0 when t holds no wildcard or the server
 * does not fit. */
size_t setting_pattern_instance(const WCHAR *t, size_t n, size_t deep_at, WCHAR *out, size_t cap);

/* 1 when a kept pattern matches the server (n units). */
int setting_pattern_matches(const WCHAR *server, size_t n);

/* Two servers the i-th pattern of list `kind` matches, as \\server\share names (cap units
 * each): plain, its '*' as "qx", and deep, whose first '*' takes a run holding the unit that
 * follows it in the pattern ("nas-*-prod": nas-qx-prod and nas-qx-qx-prod). A matcher that
 * never gives back what a '*' took answers them differently. Only a '*' followed by a unit
 * other than '.' and a wildcard: "*." may mean one DNS label, as in a certificate. 1 and
 * *pattern (as written) then; 0 when the pattern has no such '*'; -1 when there is no i-th. */
int setting_pattern_pair(enum setting_list kind, unsigned i, WCHAR *plain, WCHAR *deep, size_t cap,
                         const WCHAR **pattern);

#endif
