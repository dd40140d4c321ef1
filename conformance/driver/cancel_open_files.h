/* Files a notifier keeps open on the drive being cancelled. An unforced cancel (fForce FALSE)
 * fails while a file is open on the connection [doc: WNetCancelConnection2, NOTIFYCANCEL]; a
 * handle the notifier holds there when the cancel's PRE returns makes the provider's cancel
 * fail with WN_OPEN_FILES, and one closed only on a POST that says success makes the drive
 * impossible to unmap without force. The drive is made real (drive_target.h) between each
 * add's PRE and POST, as the provider's add makes it, persistent and temporary in turn; after
 * each cancel's PRE, no handle of the process may name its root or a file on it.
 * drive.openfiles [doc] */
#ifndef CANCEL_OPEN_FILES_H
#define CANCEL_OPEN_FILES_H

#include <stddef.h>

enum open_files_verdict { OPEN_FILES_PASS, OPEN_FILES_FAIL, OPEN_FILES_NOTJUDGED };

/* The verdict and its text. */
enum open_files_verdict cancel_open_files(char *text, size_t cap);

#endif
