/* Records that carry the caller's stack: a notifier that writes a buffer it
 * never filled (FormatMessage's text for a status it has none for, a
 * snprintf whose result it ignores) writes what the caller's earlier calls
 * left there, secrets included, to a file others read (drive.uninit).
 * [design] */
#ifndef STACK_RECORDS_H
#define STACK_RECORDS_H

#include <stddef.h>

/* Adds and cancels whose POSTs carry statuses of every kind (Win32, NTSTATUS, HRESULT, a
 * provider's own), the stack below the caller filled with units STACK_RECORDS_UNIT (bytes
 * 'Q', or U+5151), then STACK_RECORDS_NARROW_UNIT ('Q' as a unit, which every code page and C
 * locale converts); 1 and the text when a file the notifier wrote meanwhile holds a run of
 * the fill. */
enum { STACK_RECORDS_UNIT = 0x5151, STACK_RECORDS_NARROW_UNIT = 0x0051 };
int stack_in_records(char *text, size_t cap);

#endif
