/* A caller thread older than the notifier's load. MPR loads the notifiers
 * at a process's first connection call, so every other thread of the
 * process already exists then and gets no DLL_THREAD_ATTACH [doc: DllMain]:
 * per-thread state made only in DllMain is missing on it. */
#ifndef OLDER_THREAD_H
#define OLDER_THREAD_H

#include <windows.h>

/* Starts the thread, waiting: before load_notifier. 0 if it could not. */
int older_thread_start(void);
/* Runs every input shape on it; 0 if it did not finish within ms. */
int older_thread_run(unsigned n_shapes, DWORD ms);

#endif
