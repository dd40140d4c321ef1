/* A caller's name as a verdict shows it: ASCII as is, other units as <U+XXXX> (the runner's
 * output is ASCII; %ls would convert to the ANSI code page, or to '?'). */
#ifndef SHOWN_NAME_H
#define SHOWN_NAME_H

#include <stddef.h>
#include <windows.h>

/* At most SHOWN_NAME_UNITS units of w into buf; returns buf. */
enum { SHOWN_NAME_UNITS = 100 };
const char *shown_name(const WCHAR *w, char *buf, size_t cap);
/* The same for bytes (an ANSI string): other bytes than printable ASCII as <XX>. */
const char *shown_bytes(const char *s, char *buf, size_t cap);

#endif
