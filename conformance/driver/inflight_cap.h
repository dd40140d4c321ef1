/* A cap on held connections decided at the add's PRE must count the adds it let through whose
 * POST has not come yet (drive.cancel [design]). The PRE is where a notifier refuses [doc:
 * AddConnectNotify], and MPR calls it from every thread that maps a drive, so two adds of one
 * process overlap: PRE A, PRE B, POST A, POST B. A notifier that counts a drive only at its
 * POST lets both through one short of its cap and ends over it. With one drive fewer than the
 * cap held_cap.c found, two adds are made in flight at once, in fresh loads. */
#ifndef INFLIGHT_CAP_H
#define INFLIGHT_CAP_H

#include <stddef.h>

/* 1 and the text when both adds in flight are let through. */
int inflight_cap_differs(char *text, size_t cap);

#endif
