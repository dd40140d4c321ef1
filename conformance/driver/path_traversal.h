/* Names with ".." components: a notifier that builds a file path from a
 * caller's name (a state file per share, a folder per server) and keeps its
 * ".." walks out of its own folder and creates or overwrites files
 * anywhere it may write (files.traversal). [design] */
#ifndef PATH_TRAVERSAL_H
#define PATH_TRAVERSAL_H

/* Adds and cancels names whose ".." components lead to a marker, then
 * judges the files the notifier opened for writing. */
void traversal_judge(void);

#endif
