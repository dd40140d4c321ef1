/* Records that reach the disk (files.kept) [design]: the host may free the
 * notifier or exit after any call (MPR loads and frees it as it likes), and
 * every call of one process may come within one tick of the clock. A
 * notifier that writes a record per operation must have each on disk, and
 * none written over by the next, once it is freed: records batched in memory
 * and never flushed at FreeLibrary, or files named by the time to the
 * millisecond and renamed over each other, lose operations for good.
 *
 * 1632 successful add and cancel cycles back to back, each with a share name
 * of its own, 16 nested in pairs on one thread, 1280 on 4 threads at once,
 * the last 640 of them while a second process makes as many of its own; the
 * notifier freed, loaded, one more cycle, freed; the files in the folders it
 * wrote, changed since, read back (UTF-8/ANSI and UTF-16LE, any case). Judged
 * only when they hold some of the names: a notifier that records no names, or
 * not in files, passes. The second process's records are judged by
 * files.whole and files.numbers only: Wine's appends from two handles at once
 * are not atomic, so a record of either may be written over. */
#ifndef RECORDS_KEPT_H
#define RECORDS_KEPT_H

#include <windows.h>

/* Runs the cycles, frees and loads the notifier again, prints files.kept, files.whole and
 * files.numbers. */
void records_kept_judge(void);

/* --records-child MARKER: this process is the second one, whose cycles on threads run with
 * the first's (records_peer_run, in place of case files). */
void records_peer_role(const WCHAR *marker);
int records_is_peer(void);
void records_peer_run(void);

#endif
