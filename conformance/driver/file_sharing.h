/* Files the notifier keeps open, as another process sees them: every
 * process that maps a drive loads the notifier, and the one in the next
 * process opens the same log [design]. */
#ifndef FILE_SHARING_H
#define FILE_SHARING_H

#include <stddef.h>

/* Opens each file the notifier wrote (hooks_files.h) for appending, sharing
 * everything, as a second writer would. Files whose name holds this
 * process's id are its own. Returns how many refused the open with a sharing
 * violation, several times over half a second; `why` lists them. */
unsigned files_refusing_writers(char *why, size_t cap, unsigned *probed);

#endif
