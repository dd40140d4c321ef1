/* The notifier's critical sections (see hooks_critsec.h). */
#include "hooks_critsec.h"

#include "hook_reals.h"
#include "hooked_image.h"
#include "hooks_locks.h"
#include "measure.h"

#define REAL(idx, type) ((type)hook_real_at(idx))
#define CALLER          __builtin_return_address(0)

enum { MAX_GLOBALS = 256 };
enum global_state { UNSEEN, LIVE, DELETED };

/* Globals of the hooked image by address; an entry is claimed once and
 * kept until the next critsec_forget. */
static void *volatile global_at[MAX_GLOBALS];
static volatile LONG global_state[MAX_GLOBALS];

void critsec_forget(void)
{
    for (int i = 0; i < MAX_GLOBALS; i++) {
        InterlockedExchange(&global_state[i], UNSEEN);
        InterlockedExchangePointer(&global_at[i], NULL);
    }
}

/* The table entry of a global section, claimed if new; -1 off the image. */
static int global_slot(const void *cs)
{
    if (!in_hooked_image(cs))
        return -1;
    for (int i = 0; i < MAX_GLOBALS; i++) {
        void *at = global_at[i];
        if (at == cs)
            return i;
        if (!at && !InterlockedCompareExchangePointer(&global_at[i], (void *)cs, NULL))
            return i;
        if (global_at[i] == cs)
            return i;
    }
    return -1;
}

static enum global_state state_of(const void *cs)
{
    int i = global_slot(cs);
    return i < 0 ? UNSEEN : (enum global_state)global_state[i];
}

static void set_state(const void *cs, enum global_state s)
{
    int i = global_slot(cs);
    if (i >= 0)
        InterlockedExchange(&global_state[i], s);
}

/* An entered global was initialised, before the hooks if it was never seen. */
static void entered(const void *cs)
{
    int i = global_slot(cs);
    if (i >= 0)
        InterlockedCompareExchange(&global_state[i], LIVE, UNSEEN);
}

/* A live thread that holds cs or waits for it: judged for call `how`. A
 * thread killed at exit while it held cs is no longer its user. */
static int judge_users(LPCRITICAL_SECTION cs, const char *how, void *pc)
{
    const char *held_how = "";
    int waiting = 0;
    DWORD tid = locks_user(cs, &held_how, &waiting);
    if (!tid || thread_ended(tid))
        return 0;
    char who[40];
    if (tid == GetCurrentThreadId())
        lstrcpynA(who, "this thread", sizeof who);
    else
        wsprintfA(who, "thread %lu", (unsigned long)tid);
    locks_misuse(pc,
                 "%s(%#llx) while %s %s it (%s): a section in use is not initialised or deleted "
                 "[doc: InitializeCriticalSection, DeleteCriticalSection]; the threads in it "
                 "and waiting for it are left in a section that no longer exists, and two "
                 "threads get in at once or a waiter never wakes",
                 how, (unsigned long long)(ULONG_PTR)cs, who, waiting ? "waits for" : "holds",
                 held_how);
    return 1;
}

static void judge_init(LPCRITICAL_SECTION cs, const char *how, void *pc)
{
    if (judge_users(cs, how, pc))
        return;
    if (state_of(cs) == LIVE)
        locks_misuse(pc,
                     "%s(%#llx), a global of the notifier initialised and not deleted since: a "
                     "section initialised twice is undefined [doc: InitializeCriticalSection]; "
                     "initialise it once (DLL_PROCESS_ATTACH, InitOnceExecuteOnce)",
                     how, (unsigned long long)(ULONG_PTR)cs);
}

/* cs used by `how` (enter, leave or delete) after DeleteCriticalSection. */
static int judge_deleted(LPCRITICAL_SECTION cs, const char *how, void *pc)
{
    if (state_of(cs) != DELETED)
        return 0;
    locks_misuse(pc,
                 "%s(%#llx), a global of the notifier deleted with DeleteCriticalSection and not "
                 "initialised since: a deleted section is not used again [doc: "
                 "DeleteCriticalSection]",
                 how, (unsigned long long)(ULONG_PTR)cs);
    return 1;
}

/* A section in a mapped view (MEM_MAPPED: a file mapping, shared memory between processes):
 * a critical section serves the threads of one process only [doc: Critical Section Objects];
 * another process that enters it waits on an event handle that is not its own, and two
 * processes' threads get in at once or wait for ever. The last section found elsewhere is
 * kept, so that most calls ask nothing. */
static const void *volatile last_unmapped;

static void judge_mapped(LPCRITICAL_SECTION cs, const char *how, void *pc)
{
    MEMORY_BASIC_INFORMATION m;
    if (cs == last_unmapped || !VirtualQuery(cs, &m, sizeof m))
        return;
    if (m.Type != MEM_MAPPED) {
        last_unmapped = cs;
        return;
    }
    locks_misuse(pc,
                 "%s(%#llx), a critical section in a mapped view of a section (shared memory "
                 "between processes): a critical section serves the threads of one process only "
                 "[doc: Critical Section Objects]; another process's threads wait on a handle "
                 "not theirs, or get in at once (use a named mutex between processes)",
                 how, (unsigned long long)(ULONG_PTR)cs);
}

typedef void(WINAPI *cs_fn)(LPCRITICAL_SECTION);
typedef BOOL(WINAPI *trycs_fn)(LPCRITICAL_SECTION);
typedef BOOL(WINAPI *spin_fn)(LPCRITICAL_SECTION, DWORD);
typedef BOOL(WINAPI *initex_fn)(LPCRITICAL_SECTION, DWORD, DWORD);

void WINAPI w_InitializeCriticalSection(LPCRITICAL_SECTION cs)
{
    judge_init(cs, "InitializeCriticalSection", CALLER);
    judge_mapped(cs, "InitializeCriticalSection", CALLER);
    REAL(HK_InitializeCriticalSection, cs_fn)(cs);
    set_state(cs, LIVE);
}

BOOL WINAPI w_InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION cs, DWORD spin)
{
    judge_init(cs, "InitializeCriticalSectionAndSpinCount", CALLER);
    judge_mapped(cs, "InitializeCriticalSectionAndSpinCount", CALLER);
    BOOL r = REAL(HK_InitializeCriticalSectionAndSpinCount, spin_fn)(cs, spin);
    if (r)
        set_state(cs, LIVE);
    return r;
}

BOOL WINAPI w_InitializeCriticalSectionEx(LPCRITICAL_SECTION cs, DWORD spin, DWORD flags)
{
    judge_init(cs, "InitializeCriticalSectionEx", CALLER);
    judge_mapped(cs, "InitializeCriticalSectionEx", CALLER);
    BOOL r = REAL(HK_InitializeCriticalSectionEx, initex_fn)(cs, spin, flags);
    if (r)
        set_state(cs, LIVE);
    return r;
}

void WINAPI w_DeleteCriticalSection(LPCRITICAL_SECTION cs)
{
    if (!judge_deleted(cs, "DeleteCriticalSection", CALLER))
        judge_users(cs, "DeleteCriticalSection", CALLER);
    REAL(HK_DeleteCriticalSection, cs_fn)(cs);
    set_state(cs, DELETED);
}

void WINAPI w_EnterCriticalSection(LPCRITICAL_SECTION cs)
{
    judge_deleted(cs, "EnterCriticalSection", CALLER);
    judge_mapped(cs, "EnterCriticalSection", CALLER);
    locks_wait_begin(cs, "EnterCriticalSection", CALLER, 1);
    REAL(HK_EnterCriticalSection, cs_fn)(cs);
    locks_took(cs, "EnterCriticalSection", CALLER);
    locks_wait_end();
    entered(cs);
}

BOOL WINAPI w_TryEnterCriticalSection(LPCRITICAL_SECTION cs)
{
    judge_deleted(cs, "TryEnterCriticalSection", CALLER);
    BOOL r = REAL(HK_TryEnterCriticalSection, trycs_fn)(cs);
    if (r) {
        locks_took(cs, "TryEnterCriticalSection", CALLER);
        entered(cs);
    }
    return r;
}

void WINAPI w_LeaveCriticalSection(LPCRITICAL_SECTION cs)
{
    DWORD owner = (DWORD)(ULONG_PTR)cs->OwningThread;
    if (!judge_deleted(cs, "LeaveCriticalSection", CALLER) && owner != GetCurrentThreadId()) {
        char owner_text[40] = "no thread";
        if (owner)
            wsprintfA(owner_text, "thread %lu", (unsigned long)owner);
        locks_misuse(CALLER,
                     "LeaveCriticalSection(%#llx) on a thread that does not own it (%s owns it): a "
                     "thread leaves only a section it entered [doc: LeaveCriticalSection]; a "
                     "leave too many lets the next thread in while another is inside, or makes "
                     "EnterCriticalSection wait forever",
                     (unsigned long long)(ULONG_PTR)cs, owner_text);
    }
    locks_released(cs);
    REAL(HK_LeaveCriticalSection, cs_fn)(cs);
}
