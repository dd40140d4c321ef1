/* Answers kept from the thread's earlier calls: a notifier that sets a flag
 * on entry (a re-entry guard in TLS) and clears it on one path but not on an
 * early return answers every later call on that thread from the flag, not
 * from its policy: a refused share maps on a thread that once mapped a URL
 * (drive.reuse). Each name is asked on new threads, and on new threads that
 * first made an add and a cancel of every input shape and of names that are
 * no UNC name (a WebDAV URL, a bare server, an empty name). [design] */
#ifndef THREAD_ANSWERS_H
#define THREAD_ANSWERS_H

#include <stddef.h>
#include <windows.h>

/* 1 and the text when a name's add PRE, the same twice on new threads and twice after the
 * earlier calls, differs between the two; the text names the first earlier operation that
 * changes it. WN_ALREADY_CONNECTED after them is not a difference (a connection on Y: whose
 * cancel failed is still held). */
int thread_answers_differ(const WCHAR *const *names, unsigned n, char *text, size_t cap);

#endif
