/* The loader lock held for a hang limit with the notifier's code on its
 * owner's stack: a DllMain (THREAD_ATTACH or DETACH too) or a call under the
 * loader lock that waits for a lock another thread holds while that thread
 * waits for the loader lock. Then no thread of the host starts or ends and
 * no DLL loads. The watch ends the case with a HANG line (thread field
 * `loaderlock`); without the notifier's code on the owner's stack it says
 * nothing, and the case's own deadline tells whose time it was. [design] */
#ifndef LOADER_LOCK_WATCH_H
#define LOADER_LOCK_WATCH_H

/* Finds the loader lock (the PEB's pointer, checked by taking it) and
 * starts the watch; nothing if it is not found. */
void loader_lock_watch_start(unsigned hang_ms);

#endif
