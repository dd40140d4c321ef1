/* A window of another process, to pass as hwndOwner: this program started again (from where
 * it is, or copied to a path a setting names) shows a top-level window and pumps its messages
 * until it is ended. */
#ifndef OWNER_PROCESS_H
#define OWNER_PROCESS_H

#include <windows.h>

struct owner_process {
    WCHAR image[MAX_PATH];
    int copied;                   /* image is a copy of this program, deleted at the end */
    WCHAR made_dirs[8][MAX_PATH]; /* folders made for the copy, innermost last */
    unsigned n_made_dirs;
    PROCESS_INFORMATION pi;
    HWND window;
};

/* Starts this program from image (NULL: where it is), copied there first when no file is
 * there (a file that is not a copy of this program is not run), and finds its window.
 * 0 and why (a text) when there is no window. */
int owner_process_start(struct owner_process *o, const WCHAR *image, char *why, size_t cap);
/* Ends the process and deletes the copy and the folders made for it. */
void owner_process_end(struct owner_process *o);
/* The process itself (main: --owner-window PARENT_PID): its window until the parent ends. */
int owner_process_child(const WCHAR *parent_pid);

#endif
