/* Clock faults: while FAULT_CLOCK_WRAP or FAULT_CLOCK_BACK is armed, the
 * notifier's clock imports answer a clock at an edge real machines reach:
 * the 32-bit millisecond tick count 30 ms before its wrap to 0 (after 49.7
 * days of uptime) at the first read and 40 ms on at each later one, the
 * system time set back an hour at every read (a time synchronisation, a
 * user's correction), or the clock at 23:59:58 on the 366th day of a leap
 * year, 10 ms on at each read, into the next year. The driver's own clock
 * stays real. [design] */
#ifndef HOOKS_CLOCK_H
#define HOOKS_CLOCK_H

#include <windows.h>

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
DWORD WINAPI w_GetTickCount(void);
ULONGLONG WINAPI w_GetTickCount64(void);
void WINAPI w_GetSystemTimeAsFileTime(LPFILETIME ft);
void WINAPI w_GetSystemTimePreciseAsFileTime(LPFILETIME ft);
void WINAPI w_GetSystemTime(LPSYSTEMTIME st);
void WINAPI w_GetLocalTime(LPSYSTEMTIME st);
long __cdecl w__time32(long *out);
long long __cdecl w__time64(long long *out);
/* msvcrt's time: 32 bits on i686, 64 on x86_64. */
#ifdef _WIN64
long long __cdecl w_time(long long *out);
#else
long __cdecl w_time(long *out);
#endif

#endif
