/* Writes into the caller's stack after the calls returned: an overlapped read
 * or write whose OVERLAPPED or buffer was a local of the notifier's frame,
 * left pending when it gave up waiting, completes into whatever the caller
 * keeps there by then [doc: the OVERLAPPED structure must stay valid until
 * the operation completes]. The stack below the caller's frame is filled
 * and watched for a while, alertable (Wine completes a thread's I/O at its
 * waits). */
#ifndef STACK_LATE_H
#define STACK_LATE_H

#include <stddef.h>
#include <windows.h>

/* Call right after the notifier's calls, from the frame that made them: 1 and the text when
 * some of the STACK_LATE_BYTES below changed within wait_ms; the text counts the changed bytes
 * equal to `peer_byte` (what a peer wrote). */
enum { STACK_LATE_BYTES = 65536 };
int stack_written_late(DWORD wait_ms, unsigned char peer_byte, char *text, size_t cap);

#endif
