/* What a callback must leave as it found it: process-wide state (current
 * directory, environment, error mode, DLL directory, CRT locale, exception
 * filter, priority class, and procwide.h's) and the calling thread's (FPU
 * control word, MXCSR, COM apartment, thread locale, impersonation token,
 * priority, priority boost, affinity, thread error mode, UI language,
 * description, the fiber it runs, WOW64 file-system redirection). [design] */
#ifndef STATE_H
#define STATE_H

#include "procwide.h"

#include <windows.h>

struct pstate {
    WCHAR cwd[MAX_PATH];
    unsigned env_hash;
    UINT error_mode;
    WCHAR dll_dir[MAX_PATH];
    char crt_locale[160];
    void *filter;
    DWORD priority_class;
    unsigned stdio_sig; /* hooks_stdio_signature() */
    struct procwide procwide;
    DWORD default_layout; /* GetProcessDefaultLayout; 0 before user32 is loaded */
    unsigned short fpu_cw;
    unsigned mxcsr;
    int apartment;      /* APTTYPE, or -1 none */
    int apt_qualifier;  /* APTTYPEQUALIFIER: 1 is the implicit MTA */
    LCID thread_locale;
    int impersonating;  /* the thread has an impersonation token */
    LUID token_id;      /* of that token (TokenStatistics), or zero */
    int priority;       /* GetThreadPriority */
    BOOL boost_off;     /* GetThreadPriorityBoost */
    ULONG_PTR affinity; /* 0 if unknown */
    DWORD thread_error_mode;
    ULONG stack_guarantee; /* SetThreadStackGuarantee's value, read with 0 */
    LANGID ui_language; /* GetThreadUILanguage */
    unsigned desc_hash; /* of GetThreadDescription; 0 none or unknown */
    HDESK desktop;      /* GetThreadDesktop; NULL before user32 is loaded */
    int locks;          /* locks the notifier holds on this thread (hooks_locks.h) */
    char lock_desc[320];
    DWORD exec_state; /* its standing SetThreadExecutionState request */
    void *fiber;      /* GetCurrentFiber() on a fiber thread, else NULL */
    int fs_redirection; /* WOW64 file-system redirection: 1 on, 0 off, -1 not WOW64 */
    void *seh_head;     /* i686: the thread's SEH chain head (fs:[0]); NULL elsewhere */
};

void state_take(struct pstate *s);
/* The calling thread's part only (what state_thread_diff compares): cheap
 * enough for every call made under a condition. */
void state_take_thread(struct pstate *s);
/* GetCurrentFiber() on a fiber thread, else NULL. */
void *state_current_fiber(void);
/* On: this thread's snapshots always ask ole32 for the COM apartment (a
 * thread the driver put in an apartment); off: only once the notifier
 * called a COM initialisation. */
void state_watch_apartment(int on);
/* Describes the first process-wide difference into buf; 0 if none. */
int state_process_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap);
int state_thread_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap);
/* Only the locks, the power request, the thread locale and the SEH chain head (reads of the
 * thread's own block): cheap enough for every call. */
void state_take_locks(struct pstate *s);
int state_locks_diff(const struct pstate *a, const struct pstate *b, char *buf, size_t cap);
/* A power request the notifier left standing, described; 0 if none. Judged
 * after a POST and after a PRE that returns no lpContext (no POST follows). */
int state_power_left(const struct pstate *s, char *buf, size_t cap);

#endif
