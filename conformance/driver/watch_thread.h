/* The driver's watch threads: the watchdog, the case's deadline, the heap-lock and the
 * loader-lock watches. Each reports with lines written straight to the output handle and
 * ends the process, while another thread may hold the output lock, a heap's lock or the
 * loader lock: nothing they do after they start allocates or takes a lock. A write to a
 * handle used before needs no wineserver; ending the process does. */
#ifndef WATCH_THREAD_H
#define WATCH_THREAD_H

#include <windows.h>

/* Runs body on a thread of its own (64 KiB of stack) and returns once it runs (at most
 * 5 s). Before body, the thread formats one line: the C runtime allocates a thread's data
 * at its first formatting, here rather than while the notifier holds the heap's lock. */
void watch_start(void (*body)(void));
/* The notifier's file name, from its path, taken at the first watch_start
 * (GetModuleFileName allocates and takes the loader lock). */
const char *watch_dll_name(void);
/* One protocol line (the newline added), straight to the output handle, cut at 1 KiB. */
void watch_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
