/* Writes under a reader lock: while on, the notifier's writable image data
 * (its globals) is read-only, and each write to it is let through one
 * instruction at a time. A plain (not locked) write there by a thread whose
 * only locks are SRW locks held shared is recorded: shared mode is for
 * reading, and two readers that write the same global race, whether or not
 * they meet on this run [doc: Slim Reader/Writer (SRW) Locks]. Writes from
 * ntdll (the locks' own words) and atomic ones (LOCK, XCHG) are not judged. */
#ifndef READER_WRITES_H
#define READER_WRITES_H

#include <stddef.h>
#include <windows.h>

/* Watches the data sections of module mod; 0 when it cannot (no such
 * section, or the protection cannot be changed): nothing is watched. */
int reader_writes_begin(HMODULE mod);
/* Ends the watch and restores the protection. */
void reader_writes_end(void);
/* The first write recorded since begin, as text into buf; 0 when none. */
int reader_writes_found(char *buf, size_t cap);
/* Writes seen and let through since begin (judged or not). */
long reader_writes_seen(void);

#endif
