/* Clock faults (see hooks_clock.h). */
#include "hooks_clock.h"

#include "hook_reals.h"
#include "hooks_faults.h"

#define REAL(id, type) ((type)hook_real_at(HK_##id))

/* The first tick read is 30 ms before the wrap; each read is 40 ms on. */
#define TICK_FIRST (0x100000000ull - 30u)
#define TICK_STEP  40u
/* Each system time read is one hour before the previous one. */
#define BACK_STEP_100NS   (3600ull * 10000000ull)
#define BACK_STEP_SECONDS 3600
/* 2028-12-31 23:59:58 UTC, the 366th day of a leap year, as a FILETIME and
 * as seconds since 1970; each read is 10 ms on. */
#define LEAP_FIRST_100NS   135063935980000000ull
#define LEAP_FIRST_SECONDS 1861919998ll
#define LEAP_STEP_100NS    100000ull

static volatile LONG reads;

/* The number of reads of a faulted clock before this one. */
static ULONGLONG next_read(void)
{
    return (ULONGLONG)(InterlockedIncrement(&reads) - 1);
}

static ULONGLONG wrapped_ticks(void)
{
    return TICK_FIRST + TICK_STEP * next_read();
}

typedef DWORD(WINAPI *GetTickCount_fn)(void);
typedef ULONGLONG(WINAPI *GetTickCount64_fn)(void);
typedef void(WINAPI *filetime_fn)(LPFILETIME);
typedef void(WINAPI *systemtime_fn)(LPSYSTEMTIME);
typedef long(__cdecl *time32_fn)(long *);
typedef long long(__cdecl *time64_fn)(long long *);

DWORD WINAPI w_GetTickCount(void)
{
    if (!fault_now(FAULT_CLOCK_WRAP))
        return REAL(GetTickCount, GetTickCount_fn)();
    return (DWORD)wrapped_ticks();
}

ULONGLONG WINAPI w_GetTickCount64(void)
{
    if (!fault_now(FAULT_CLOCK_WRAP))
        return REAL(GetTickCount64, GetTickCount64_fn)();
    return wrapped_ticks();
}

/* `real` set back by one hour per earlier read. */
static void set_back(LPFILETIME ft, const FILETIME *real)
{
    ULARGE_INTEGER t;
    t.LowPart = real->dwLowDateTime;
    t.HighPart = real->dwHighDateTime;
    t.QuadPart -= BACK_STEP_100NS * next_read();
    ft->dwLowDateTime = t.LowPart;
    ft->dwHighDateTime = t.HighPart;
}

/* The read of the clock at a leap year's end that fault_now just counted:
 * the first since the fault was armed is 23:59:58. */
static ULONGLONG leap_read(void)
{
    unsigned n = faults_seen();
    return n ? n - 1u : 0u;
}

static void leap_time(LPFILETIME ft)
{
    ULARGE_INTEGER t;
    t.QuadPart = LEAP_FIRST_100NS + LEAP_STEP_100NS * leap_read();
    ft->dwLowDateTime = t.LowPart;
    ft->dwHighDateTime = t.HighPart;
}

void WINAPI w_GetSystemTimeAsFileTime(LPFILETIME ft)
{
    REAL(GetSystemTimeAsFileTime, filetime_fn)(ft);
    if (fault_now(FAULT_CLOCK_BACK))
        set_back(ft, ft);
    if (fault_now(FAULT_CLOCK_LEAP))
        leap_time(ft);
}

void WINAPI w_GetSystemTimePreciseAsFileTime(LPFILETIME ft)
{
    REAL(GetSystemTimePreciseAsFileTime, filetime_fn)(ft);
    if (fault_now(FAULT_CLOCK_BACK))
        set_back(ft, ft);
    if (fault_now(FAULT_CLOCK_LEAP))
        leap_time(ft);
}

/* A SYSTEMTIME read through `real`, set back as a FILETIME, or the clock
 * at a leap year's end (local time as UTC). */
static void system_time_back(LPSYSTEMTIME st, systemtime_fn real)
{
    real(st);
    FILETIME ft;
    if (fault_now(FAULT_CLOCK_LEAP)) {
        leap_time(&ft);
        FileTimeToSystemTime(&ft, st);
        return;
    }
    if (!fault_now(FAULT_CLOCK_BACK))
        return;
    if (!SystemTimeToFileTime(st, &ft))
        return;
    set_back(&ft, &ft);
    FileTimeToSystemTime(&ft, st);
}

void WINAPI w_GetSystemTime(LPSYSTEMTIME st)
{
    system_time_back(st, REAL(GetSystemTime, systemtime_fn));
}

void WINAPI w_GetLocalTime(LPSYSTEMTIME st)
{
    system_time_back(st, REAL(GetLocalTime, systemtime_fn));
}

static long long seconds_back(long long now)
{
    if (fault_now(FAULT_CLOCK_LEAP))
        return LEAP_FIRST_SECONDS + (long long)(leap_read() / 100);
    if (!fault_now(FAULT_CLOCK_BACK))
        return now;
    return now - (long long)(BACK_STEP_SECONDS * next_read());
}

long __cdecl w__time32(long *out)
{
    long t = (long)seconds_back(REAL(_time32, time32_fn)(NULL));
    if (out)
        *out = t;
    return t;
}

long long __cdecl w__time64(long long *out)
{
    long long t = seconds_back(REAL(_time64, time64_fn)(NULL));
    if (out)
        *out = t;
    return t;
}

#ifdef _WIN64
long long __cdecl w_time(long long *out)
{
    long long t = seconds_back(REAL(time, time64_fn)(NULL));
    if (out)
        *out = t;
    return t;
}
#else
long __cdecl w_time(long *out)
{
    long t = (long)seconds_back(REAL(time, time32_fn)(NULL));
    if (out)
        *out = t;
    return t;
}
#endif
