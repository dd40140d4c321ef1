/* A cap on persistent mappings, and cancels that keep them. A cancel without
 * CONNECT_UPDATE_PROFILE ends the connection but leaves it remembered: the system restores it
 * at the next logon [doc: WNetCancelConnection2, NOTIFYCANCEL]. A notifier that refuses a
 * persistent add (CONNECT_UPDATE_PROFILE) past some count, while a temporary one there is
 * allowed, counts remembered connections: such a cancel must not free a place, and an add
 * without CONNECT_UPDATE_PROFILE (dwAddFlags 0) is not one of them. drive.flags [doc] */
#ifndef PERSISTENT_CAP_H
#define PERSISTENT_CAP_H

#include <stddef.h>

/* 1 and the text when, in fresh loads, such a cap also refuses an add with dwAddFlags 0 (not
 * remembered either), or a cancel with dwFlags 0 of a persistent connection lets through the
 * persistent add the cap refused; 0 when neither, or when no such cap is seen within 20
 * drives. The drives are remembered in the profile as MPR remembers them (drive_series.h). */
int persistent_cap_misread(char *text, size_t cap);

#endif
