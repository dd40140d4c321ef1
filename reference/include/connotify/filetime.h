/* Windows FILETIME to the Unix time in milliseconds the records carry: one
 * home for the epoch offset. The conversion is portable; cn_now_unix_ms()
 * reads the clock and exists on Windows only. */
#ifndef CONNOTIFY_FILETIME_H
#define CONNOTIFY_FILETIME_H

#include <stdint.h>

/* [doc] FILETIME counts 100 ns ticks from 1601-01-01 UTC; 11644473600 s
 * lie between that and 1970-01-01. */
#define CN_FILETIME_UNIX_EPOCH UINT64_C(116444736000000000)

/* Ticks of a FILETIME (dwHighDateTime << 32 | dwLowDateTime) as Unix
 * milliseconds, rounded down. Times before 1970 are out of range. */
static inline uint64_t cn_filetime_to_unix_ms(uint64_t ticks)
{
    return (ticks - CN_FILETIME_UNIX_EPOCH) / 10000u;
}

#ifdef _WIN32
#include <windows.h>

/* The system clock (GetSystemTimeAsFileTime) as Unix milliseconds. */
static inline uint64_t cn_now_unix_ms(void)
{
    FILETIME ft;

    GetSystemTimeAsFileTime(&ft);
    return cn_filetime_to_unix_ms((uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime);
}
#endif

#endif /* CONNOTIFY_FILETIME_H */
