/* The registry a conformance run changes, saved to a file before the first
 * write and put back from it: at the end of the run, on Ctrl-C, and at the
 * start of the next run when this one died (crash, TerminateProcess). */
#ifndef WINMAIN_REGSAVE_H
#define WINMAIN_REGSAVE_H

#include <windows.h>

/* HKLM keys a run writes (the driver's mpr case and the reference's log):
 * each key's values are saved byte for byte; a key that did not exist is
 * deleted with its tree. Parents before children. */
extern const WCHAR *const regsave_keys[];

/* Saves every key of regsave_keys in VIEW (KEY_WOW64_64KEY or
 * KEY_WOW64_32KEY) to FILE. 0, or -1 with a message on stderr. */
int regsave_save(const WCHAR *file, REGSAM view);

/* Puts back what FILE holds and deletes FILE. Prints one line per key or
 * value it changed when LOUD. Returns the number of failures; -1 when FILE
 * cannot be read (0 when it does not exist). */
int regsave_restore(const WCHAR *file, int loud);

/* Where a run keeps its saved state: %TEMP%\connotify-conform-registry.txt. */
const WCHAR *regsave_file(void);

#endif
