/* Sequences of operations on local devices whose answers must not depend on
 * each other: a cancel of a connection this process never added (one made
 * by another process, or restored at logon, [doc: connections persist
 * beyond the process]) leaves the next add of that device answered as in a
 * fresh load (drive.cancel); a connection held on a printer port (LPT1) is
 * not one on a drive letter (L:), nor the other way round (drive.localnames);
 * a cancel whose POST says it failed leaves the connection, so the answers
 * while it was connected still hold, and so does a cancel by the remote name
 * of a deviceless connection to the same share [doc: it ends only those]
 * (drive.cancel); adds whose POST says they failed connect nothing, so the
 * next add is answered as in a fresh load, and one on a device already held leaves the
 * held connection's answers (drive.add); a share held on one
 * drive is the same share in upper or lower case (drive.case).
 * Each returns 1 and the text when the answers differ twice. */
#ifndef DEVICE_SEQUENCES_H
#define DEVICE_SEQUENCES_H

#include <stddef.h>

/* Failed adds, and deviceless adds cancelled by remote name, before the add asked: books that
 * keep them count them (a quota of up to 30). */
enum { SEQUENCE_REPEATS = 30 };

int orphan_cancel_differs(char *text, size_t cap);
int device_alias_differs(char *text, size_t cap);
int failed_cancel_differs(char *text, size_t cap);
int remote_cancel_differs(char *text, size_t cap);
int failed_add_differs(char *text, size_t cap);
/* An add of another share on a held device whose POST failed leaves the held one's answers
 * (drive.add). */
int failed_add_on_held_differs(char *text, size_t cap);
int held_case_differs(char *text, size_t cap);
/* Cancels whose POST says WN_NOT_CONNECTED (gone elsewhere) leave nothing connected: the next
 * add is answered as in a fresh load (drive.cancel). */
int gone_cancel_differs(char *text, size_t cap);
/* A share cancelled on Y: and another added there: an add of the first on Z: is answered as
 * while Y: holds only the second (drive.cancel). */
int letter_reuse_differs(char *text, size_t cap);

#endif
