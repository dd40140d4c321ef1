/* The files below a folder, a number of folder levels down: counted, and
 * handed to a callback each; each subfolder handed over after its files. */
#ifndef FOLDER_WALK_H
#define FOLDER_WALK_H

#include <windows.h>

typedef void (*folder_walk_fn)(const WCHAR *path, void *arg);

/* dir with or without a trailing '\'. Stops once cap files were seen;
 * returns how many. on_file and on_folder may be NULL. */
long folder_walk(const WCHAR *dir, int depth, long cap, folder_walk_fn on_file,
                 folder_walk_fn on_folder, void *arg);

#endif
