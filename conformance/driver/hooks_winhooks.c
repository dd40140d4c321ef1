/* Window hooks the notifier installs (see hooks_winhooks.h). */
#include "hooks_winhooks.h"

#include "crash.h"
#include "hook_reals.h"
#include "out.h"

#include <stdio.h>

#define REAL(id, type) ((type)hook_real_at(HK_##id))

typedef HHOOK(WINAPI *SetWindowsHookEx_fn)(int, HOOKPROC, HINSTANCE, DWORD);
typedef BOOL(WINAPI *UnhookWindowsHookEx_fn)(HHOOK);

enum { LIVE_MAX = 64 };

struct live_hook {
    HHOOK hook;
    DWORD thread;
    int id;
    char during[160];
};

static struct live_hook live[LIVE_MAX];
/* The entries of `live` in use: winhooks_left_on runs after every operation, and reads only
 * this while the notifier has no hook. */
static volatile LONG n_live;
static SRWLOCK lock = SRWLOCK_INIT;

static const char *kind_name(int id)
{
    static const struct {
        int id;
        const char *name;
    } kinds[] = {
        {WH_MSGFILTER, "WH_MSGFILTER"},
        {WH_JOURNALRECORD, "WH_JOURNALRECORD"},
        {WH_KEYBOARD, "WH_KEYBOARD"},
        {WH_GETMESSAGE, "WH_GETMESSAGE"},
        {WH_CALLWNDPROC, "WH_CALLWNDPROC"},
        {WH_CBT, "WH_CBT"},
        {WH_SYSMSGFILTER, "WH_SYSMSGFILTER"},
        {WH_MOUSE, "WH_MOUSE"},
        {WH_DEBUG, "WH_DEBUG"},
        {WH_SHELL, "WH_SHELL"},
        {WH_FOREGROUNDIDLE, "WH_FOREGROUNDIDLE"},
        {WH_CALLWNDPROCRET, "WH_CALLWNDPROCRET"},
        {WH_KEYBOARD_LL, "WH_KEYBOARD_LL"},
        {WH_MOUSE_LL, "WH_MOUSE_LL"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (kinds[i].id == id)
            return kinds[i].name;
    }
    return "a hook";
}

/* Low-level hooks run in the installing thread's own loop, whatever thread 0 says. */
static int is_low_level(int id)
{
    return id == WH_KEYBOARD_LL || id == WH_MOUSE_LL;
}

static void note(const char *fn, HHOOK hook, int id, DWORD thread)
{
    const char *during = hook_context();
    if (thread == 0 && !is_low_level(id)) {
        result_bad("state.process",
                   "%s(%s, thread 0)%s%s: a global hook loads the notifier into every GUI "
                   "process of the desktop and runs it there [doc: SetWindowsHookEx]",
                   fn, kind_name(id), during[0] ? " during " : "", during);
    }
    AcquireSRWLockExclusive(&lock);
    for (unsigned i = 0; i < LIVE_MAX; i++) {
        if (live[i].hook)
            continue;
        live[i].hook = hook;
        live[i].thread = thread;
        live[i].id = id;
        snprintf(live[i].during, sizeof live[i].during, "%s", during[0] ? during : "a thread");
        InterlockedIncrement(&n_live);
        break;
    }
    ReleaseSRWLockExclusive(&lock);
}

HHOOK WINAPI w_SetWindowsHookExW(int id, HOOKPROC proc, HINSTANCE module, DWORD thread)
{
    HHOOK h = REAL(SetWindowsHookExW, SetWindowsHookEx_fn)(id, proc, module, thread);
    if (h)
        note("SetWindowsHookExW", h, id, thread);
    return h;
}

HHOOK WINAPI w_SetWindowsHookExA(int id, HOOKPROC proc, HINSTANCE module, DWORD thread)
{
    HHOOK h = REAL(SetWindowsHookExA, SetWindowsHookEx_fn)(id, proc, module, thread);
    if (h)
        note("SetWindowsHookExA", h, id, thread);
    return h;
}

BOOL WINAPI w_UnhookWindowsHookEx(HHOOK hook)
{
    BOOL ok = REAL(UnhookWindowsHookEx, UnhookWindowsHookEx_fn)(hook);
    if (!ok)
        return ok;
    AcquireSRWLockExclusive(&lock);
    for (unsigned i = 0; i < LIVE_MAX; i++) {
        if (live[i].hook != hook)
            continue;
        live[i].hook = NULL;
        InterlockedDecrement(&n_live);
    }
    ReleaseSRWLockExclusive(&lock);
    return ok;
}

int winhooks_left_on(DWORD thread, char *what, size_t cap)
{
    int found = 0;
    if (!n_live)
        return 0;
    AcquireSRWLockExclusive(&lock);
    for (unsigned i = 0; i < LIVE_MAX && !found; i++) {
        if (!live[i].hook || live[i].thread != thread || is_low_level(live[i].id))
            continue;
        snprintf(what, cap, "%s installed on the caller's thread during %s", kind_name(live[i].id),
                 live[i].during);
        live[i].hook = NULL;
        InterlockedDecrement(&n_live);
        found = 1;
    }
    ReleaseSRWLockExclusive(&lock);
    return found;
}
