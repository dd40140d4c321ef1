/* What the log sink accepts as LogPath [design]: a regular file on a local
 * fixed disk, reached through no reparse point, with one link; and, when
 * asked (service accounts, or CheckAcl), a file and folder that only
 * administrators can write. Each function returns 0 (accepted) or a
 * CN_REFUSE_* reason from notifier_stats.h, with its detail. */
#ifndef CONNOTIFY_SINK_CHECKS_H
#define CONNOTIFY_SINK_CHECKS_H

#include <windows.h>
#include <stdint.h>

/* Reason from the string alone: no file system access, so no network. */
uint32_t sink_check_string(const WCHAR *path);

/* Before the open: the string, the drive type, reparse points on the
 * path's folders and on the file, a folder named as the file, and with
 * `self` (the process's own SID: the DACL rule applies) the folder's DACL.
 * Returns UINT32_MAX when it cannot check (GetLastError() says why). */
uint32_t sink_check_path(const WCHAR *path, PSID self, uint32_t *detail);

/* After the open (with FILE_FLAG_OPEN_REPARSE_POINT, and READ_CONTROL when
 * `self` is set): file type, attributes, reparse tag, link count, DACL.
 * Fills *fi. Returns UINT32_MAX when the handle cannot be queried
 * (GetLastError() says why). */
uint32_t sink_check_file(HANDLE h, PSID self, BY_HANDLE_FILE_INFORMATION *fi, uint32_t *detail);

/* The process token's user SID, copied to out (SECURITY_MAX_SID_SIZE
 * bytes). Returns 1 if it is LocalSystem, LocalService or NetworkService,
 * 0 if not, -1 if the token cannot be read. */
int sink_process_identity(BYTE *out);

#endif /* CONNOTIFY_SINK_CHECKS_H */
