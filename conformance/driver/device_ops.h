/* One ordinary operation on a local device, as MPR makes it: an add of a
 * remote name on it or a cancel of it, each a PRE, then a POST if the PRE
 * asked for one: with WN_SUCCESS, or with the provider's error for an
 * operation that failed. */
#ifndef DEVICE_OPS_H
#define DEVICE_OPS_H

#include <windows.h>

/* The add PRE's answer; `type` RESOURCETYPE_DISK or _PRINT. */
DWORD device_add(DWORD type, const WCHAR *local, const WCHAR *remote, const char *what);
/* An add the provider failed: POST (if asked) with `status`. */
void device_add_failed(DWORD type, const WCHAR *local, const WCHAR *remote, DWORD status,
                       const char *what);
void device_cancel(const WCHAR *local, const char *what);
/* A cancel of local that the provider failed: POST (if asked) with `status`. */
void device_cancel_failed(const WCHAR *local, DWORD status, const char *what);

#endif
