/* Records that reach the disk (files.kept) [design]: the host may free the
 * notifier or exit after any call (MPR loads and frees it as it likes), and
 * every call of one process may come within one tick of the clock. A
 * notifier that writes a record per operation must have each on disk, and
 * none written over by the next, once it is freed: records batched in memory
 * and never flushed at FreeLibrary, or files named by the time to the
 * millisecond and renamed over each other, lose operations for good.
 *
 * 960 successful add and cancel cycles back to back, each with a share name
 * of its own, 16 nested in pairs on one thread, 640 on 4 threads at once; the
 * notifier freed, loaded, one more cycle, freed; the files in the folders it
 * wrote, changed since, read back (UTF-8/ANSI and UTF-16LE, any case). Judged only when
 * they hold some of the names: a notifier that records no names, or not in
 * files, passes. */
#ifndef RECORDS_KEPT_H
#define RECORDS_KEPT_H

/* Runs the cycles, frees and loads the notifier again, prints files.kept. */
void records_kept_judge(void);

#endif
