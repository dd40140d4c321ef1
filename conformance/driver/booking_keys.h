/* Books kept per share must tell shares apart (drive.add [doc]). WN_ALREADY_CONNECTED says the
 * local device is already connected [doc: WNetAddConnection2, ERROR_ALREADY_ASSIGNED]. A
 * notifier that books one letter per share and finds a booking by a hash of the name alone,
 * never comparing the names, refuses a share held nowhere, on a free letter, whenever its
 * hash meets a held one's. Shares of servers of their own are asked on a free letter while 4
 * drives are held, in fresh loads; one refused so is asked again with nothing held. */
#ifndef BOOKING_KEYS_H
#define BOOKING_KEYS_H

#include <stddef.h>

/* 1 and the text when a share held nowhere was refused as connected while others were held. */
int booking_keys_differs(char *text, size_t cap);

#endif
