/* One buffer, reused: a caller keeps the name it passes in the same buffer
 * from one mapping to the next (a loop over a list, a dialog's edit field).
 * A notifier that keeps its answers by the name's address answers a new
 * name with the old one's decision: a refused share maps, or an allowed
 * one is refused (drive.reuse). [design] */
#ifndef BUFFER_REUSE_H
#define BUFFER_REUSE_H

#include <windows.h>

/* Among names, one the add PRE allows and one it refuses, twice each in
 * fresh buffers; then both in turn in one heap buffer, twice over. */
void buffer_reuse_judge(const WCHAR *const *names, unsigned n);

#endif
