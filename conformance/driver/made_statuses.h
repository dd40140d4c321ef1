/* POST statuses that say the connection was made: WN_CONNECTED_OTHER_PASSWORD (2108, the user
 * was asked for another password) and WN_CONNECTED_OTHER_PASSWORD_DEFAULT (2109, made with the
 * default credentials) are successes [doc: System Error Codes]. A notifier that takes only
 * WN_SUCCESS for a made connection forgets it: a count of live connections, a booking, a
 * cap, is then short by one. In fresh loads, the answers after such adds must be those after
 * adds whose POST said WN_SUCCESS. drive.statuses [doc] */
#ifndef MADE_STATUSES_H
#define MADE_STATUSES_H

#include <stddef.h>

/* 1 and the text when an add after 20 connections made with POST 2108 or 2109 is answered
 * otherwise than after 20 made with POST WN_SUCCESS (twice, in fresh loads). */
int made_statuses_differ(char *text, size_t cap);

#endif
