/* user32 timers of the notifier (see hooks_timers.h). */
#include "hooks_timers.h"

#include "hook_reals.h"
#include "crash.h"
#include "loaded_proc.h"

#include <stdio.h>

#define REAL(idx, type) ((type)hook_real_at(idx))
#define MAX_TIMERS      64

struct timer {
    DWORD tid; /* the thread whose queue holds it; 0: a free entry */
    UINT_PTR id;
    UINT ms;
    TIMERPROC proc;
    char proc_at[100]; /* module+0xRVA, named while the module is loaded */
};

static struct timer timers[MAX_TIMERS];
static SRWLOCK timers_lock = SRWLOCK_INIT;

static void describe(const struct timer *t, char *buf, size_t cap)
{
    snprintf(buf, cap, "SetTimer(NULL, ...) timer %llu every %u ms on thread %lu, %s%s",
             (unsigned long long)t->id, t->ms, (unsigned long)t->tid,
             t->proc ? "TimerProc at " : "no TimerProc (WM_TIMER messages)", t->proc_at);
}

typedef UINT_PTR(WINAPI *set_timer_fn)(HWND, UINT_PTR, UINT, TIMERPROC);
typedef BOOL(WINAPI *kill_timer_fn)(HWND, UINT_PTR);

int timers_take_left_here(char *buf, size_t cap)
{
    DWORD tid = GetCurrentThreadId();
    UINT_PTR id = 0;
    int found = 0;
    AcquireSRWLockExclusive(&timers_lock);
    for (int i = 0; i < MAX_TIMERS && !found; i++) {
        if (timers[i].tid == tid) {
            describe(&timers[i], buf, cap);
            id = timers[i].id;
            timers[i].tid = 0;
            found = 1;
        }
    }
    ReleaseSRWLockExclusive(&timers_lock);
    kill_timer_fn kill = REAL(HK_KillTimer, kill_timer_fn);
    if (!kill)
        kill = (kill_timer_fn)(void *)loaded_proc(L"user32.dll", "KillTimer", NULL);
    if (found && kill)
        kill(NULL, id);
    return found;
}

/* A timer of a window is the window's: only thread timers are kept. */
UINT_PTR WINAPI w_SetTimer(HWND window, UINT_PTR id, UINT ms, TIMERPROC proc)
{
    UINT_PTR r = REAL(HK_SetTimer, set_timer_fn)(window, id, ms, proc);
    if (!r || window)
        return r;
    DWORD tid = GetCurrentThreadId();
    AcquireSRWLockExclusive(&timers_lock);
    int slot = -1;
    for (int i = 0; i < MAX_TIMERS; i++) {
        if (timers[i].tid == tid && timers[i].id == r) {
            slot = i;
            break;
        }
        if (slot < 0 && !timers[i].tid)
            slot = i;
    }
    if (slot >= 0) {
        timers[slot].tid = tid;
        timers[slot].id = r;
        timers[slot].ms = ms;
        timers[slot].proc = proc;
        timers[slot].proc_at[0] = 0;
        if (proc)
            module_of((const void *)proc, timers[slot].proc_at, sizeof timers[slot].proc_at);
    }
    ReleaseSRWLockExclusive(&timers_lock);
    return r;
}

BOOL WINAPI w_KillTimer(HWND window, UINT_PTR id)
{
    BOOL r = REAL(HK_KillTimer, kill_timer_fn)(window, id);
    if (!r || window)
        return r;
    DWORD tid = GetCurrentThreadId();
    AcquireSRWLockExclusive(&timers_lock);
    for (int i = 0; i < MAX_TIMERS; i++) {
        if (timers[i].tid == tid && timers[i].id == id)
            timers[i].tid = 0;
    }
    ReleaseSRWLockExclusive(&timers_lock);
    return r;
}
