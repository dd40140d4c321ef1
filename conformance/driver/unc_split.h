/* A remote name's first two parts, \\server\share, as callers and settings
 * write them. */
#ifndef UNC_SPLIT_H
#define UNC_SPLIT_H

#include <stddef.h>
#include <wchar.h>

/* \\server\share...: the server's units, and the share's (up to '\' or '/') in *share_units;
 * 0 when the name is not of that form (no server, or no share after it). */
size_t unc_split(const wchar_t *name, size_t *share_units);

#endif
