/* Lookalike names: one share spelt another way is the same share, and
 * another host that looks like an allowed one is another host [design]
 * (drive.lookalike). */
#ifndef LOOKALIKE_H
#define LOOKALIKE_H

#include <windows.h>

/* Judges drive.lookalike over the remote names (\\server\share...) the
 * spelling case collected, each added on Y: as RESOURCETYPE_DISK; prints
 * its RESULT. */
void lookalike_judge(const WCHAR *const *names, unsigned n);

#endif
