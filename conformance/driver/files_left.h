/* Files a notifier leaves behind per call [design]: the files in the
 * process's temporary folder and in the folders of the files the notifier
 * wrote, two levels deep, counted before and after a loop of calls. */
#ifndef FILES_LEFT_H
#define FILES_LEFT_H

#include <windows.h>

#define FILES_LEFT_DIRS 8

struct files_left {
    unsigned n_dirs;
    WCHAR dir[FILES_LEFT_DIRS][MAX_PATH];
    long count[FILES_LEFT_DIRS];
};

/* Picks the folders (the temporary folder, then those of the files written
 * so far) and counts their files. */
void files_left_mark(struct files_left *m);
/* Only the folders of the files written so far, not counted. */
void files_left_written_folders(struct files_left *m);
/* Counts the folders of `first` again into m. */
void files_left_again(const struct files_left *first, struct files_left *m);
/* The folder that grew most from a to b, and by how many files (its index
 * in *dir_index). */
long files_left_growth(const struct files_left *a, const struct files_left *b, unsigned *dir_index);

/* Bytes the notifier's ReadFile calls returned so far (hooks_handles.c
 * counts them): reading more per call the more calls were made is work
 * that grows with its history. */
void files_read_note(DWORD bytes);
long long files_read_bytes(void);

#endif
