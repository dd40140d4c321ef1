/* Drives E: onwards, each with a share of its own: the series a counting policy (a cap on
 * live connections, on persistent drives) is asked with, one whole operation at a time. */
#ifndef DRIVE_SERIES_H
#define DRIVE_SERIES_H

#include <windows.h>

enum { DRIVE_SERIES_MAX = 21 };

struct drive_series {
    WCHAR device[DRIVE_SERIES_MAX][4];
    WCHAR remote[DRIVE_SERIES_MAX][48];
};

/* Drive i is E: + i, its share `share_prefix` followed by i in two digits. */
void drive_series_init(struct drive_series *s, const WCHAR *share_prefix);
/* An add of drive i with dwAddFlags `flags`: its PRE's answer; the POST with `status` only
 * when the PRE allowed it and asked for one. Made with CONNECT_UPDATE_PROFILE, the drive is
 * remembered in the profile as MPR remembers it (profile_keys.h), before the POST. */
DWORD drive_series_add(const struct drive_series *s, unsigned i, DWORD flags, DWORD status,
                       const char *what);
/* A cancel of drive i with dwFlags `flags`, its POST WN_SUCCESS when the PRE allowed it and
 * asked for one; with CONNECT_UPDATE_PROFILE the profile forgets the drive. */
void drive_series_cancel(const struct drive_series *s, unsigned i, DWORD flags, const char *what);

/* Deletes the profile keys of the series' drives (K: and N: aside): what a refused cancel
 * left remembered. */
void drive_series_profile_clear(const struct drive_series *s);

#endif
