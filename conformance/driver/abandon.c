/* A named mutex abandoned by a dead peer (see abandon.h). */
#include "abandon.h"

#include "call.h"
#include "objects.h"
#include "out.h"
#include "shapes.h"

#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { MAX_MUTEXES = 16, NAME_UNITS = 512, TAKE_MS = 1000, NEXT_PEER_MS = 2000 };

/* Exported by ntdll, not declared by the MinGW headers. */
NTSTATUS NTAPI NtOpenMutant(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES attributes);
NTSTATUS NTAPI NtQueryMutant(HANDLE handle, int info_class, void *info, ULONG length,
                             ULONG *returned);

/* MUTANT_BASIC_INFORMATION (class 0). */
struct mutant_basic {
    LONG current_count;
    BOOLEAN owned_by_caller;
    BOOLEAN abandoned_state;
};

struct named_mutex {
    WCHAR nt_name[NAME_UNITS];
    char shown[300];    /* Local\X or Global\X when the NT name maps to one */
    HANDLE peer_handle; /* the peer's, kept to ask who owns the mutex */
    int taken;          /* the peer owned it when it ended */
    DWORD next_wait;    /* what the next peer's wait returned */
};

static struct named_mutex mutexes[MAX_MUTEXES];
static unsigned n_mutexes;
static unsigned n_beyond; /* named mutexes past MAX_MUTEXES */

void abandon_before(void)
{
    objects_before();
}

/* The name a peer process passes to OpenMutexW: \BaseNamedObjects\X is
 * Global\X, \Sessions\N\BaseNamedObjects\X is Local\X in session N [doc:
 * Kernel object namespaces]; any other NT name as is. */
static void shown_name(const WCHAR *nt, char *out, size_t cap)
{
    const WCHAR *base = L"\\BaseNamedObjects\\";
    const WCHAR *at = wcsstr(nt, base);
    if (at == nt) {
        snprintf(out, cap, "Global\\%.200ls", at + wcslen(base));
        return;
    }
    if (at && !wcsncmp(nt, L"\\Sessions\\", 10)) {
        snprintf(out, cap, "Local\\%.200ls", at + wcslen(base));
        return;
    }
    snprintf(out, cap, "%.200ls", nt);
}

static void note_mutex(HANDLE h, const WCHAR *type, const WCHAR *name, void *arg)
{
    (void)h;
    (void)arg;
    if (wcscmp(type, L"Mutant"))
        return;
    for (unsigned i = 0; i < n_mutexes; i++) {
        if (!wcscmp(mutexes[i].nt_name, name))
            return;
    }
    if (n_mutexes == MAX_MUTEXES) {
        n_beyond++;
        return;
    }
    struct named_mutex *m = &mutexes[n_mutexes];
    memset(m, 0, sizeof *m);
    wcsncpy(m->nt_name, name, NAME_UNITS - 1);
    shown_name(name, m->shown, sizeof m->shown);
    n_mutexes++;
}

/* Opens the mutex by its name, as another process would. */
static HANDLE open_by_name(const WCHAR *nt_name)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attributes;
    HANDLE h = NULL;
    RtlInitUnicodeString(&name, nt_name);
    InitializeObjectAttributes(&attributes, &name, 0, NULL, NULL);
    if (NtOpenMutant(&h, SYNCHRONIZE | MUTANT_QUERY_STATE, &attributes) < 0)
        return NULL;
    return h;
}

/* The dead peer: takes every mutex it can within TAKE_MS and ends without
 * releasing any; the system then abandons them [doc: WaitForSingleObject]. */
static DWORD WINAPI dying_peer(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < n_mutexes; i++) {
        struct named_mutex *m = &mutexes[i];
        m->peer_handle = open_by_name(m->nt_name);
        if (!m->peer_handle)
            continue;
        DWORD waited = WaitForSingleObject(m->peer_handle, TAKE_MS);
        m->taken = waited == WAIT_OBJECT_0 || waited == WAIT_ABANDONED;
    }
    return 0;
}

/* The peer that comes after the calls: waits for each abandoned mutex up to
 * NEXT_PEER_MS and releases it. WAIT_ABANDONED: no call waited on it. */
static DWORD WINAPI next_peer(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < n_mutexes; i++) {
        struct named_mutex *m = &mutexes[i];
        if (!m->taken)
            continue;
        m->next_wait = WaitForSingleObject(m->peer_handle, NEXT_PEER_MS);
        if (m->next_wait == WAIT_OBJECT_0 || m->next_wait == WAIT_ABANDONED)
            ReleaseMutex(m->peer_handle);
    }
    return 0;
}

static void run_thread(LPTHREAD_START_ROUTINE fn, void *arg)
{
    HANDLE t = CreateThread(NULL, 0, fn, arg, 0, NULL);
    if (!t)
        return;
    /* A notifier call that does not return is the watchdog's HANG. */
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}

/* The first taken mutex this thread owns now, or NULL. */
static const struct named_mutex *owned_here(void)
{
    for (unsigned i = 0; i < n_mutexes; i++) {
        struct mutant_basic info;
        const struct named_mutex *m = &mutexes[i];
        if (!m->taken)
            continue;
        memset(&info, 0, sizeof info);
        if (NtQueryMutant(m->peer_handle, 0, &info, sizeof info, NULL) < 0)
            continue;
        if (info.owned_by_caller)
            return m;
    }
    return NULL;
}

static void all_shapes(unsigned n_shapes)
{
    for (unsigned i = 0; i < n_shapes; i++)
        shape_cycle(shape_at(i), NULL);
}

struct other_caller {
    unsigned n_shapes;
    const struct named_mutex *kept;
};

static DWORD WINAPI other_caller_thread(void *arg)
{
    struct other_caller *c = arg;
    mark_driver_thread();
    all_shapes(c->n_shapes);
    c->kept = owned_here();
    return 0;
}

static const char why_release[] =
    "the waiter that gets WAIT_ABANDONED owns the mutex and must release it [doc: "
    "WaitForSingleObject]; every other thread and process that maps a drive waits on it "
    "for good";

static void kept_violation(const struct named_mutex *m, const char *thread)
{
    result_bad("faults.resources",
               "%s returned from every input shape still owning the named mutex %s after a "
               "peer died holding it (WAIT_ABANDONED): %s",
               thread, m->shown, why_release);
}

/* The first mutex the next peer could not take, or NULL; the counts of
 * those released and of those no call waited on. */
static const struct named_mutex *next_peer_verdict(unsigned *released, unsigned *unused)
{
    const struct named_mutex *kept = NULL;
    *released = 0;
    *unused = 0;
    for (unsigned i = 0; i < n_mutexes; i++) {
        const struct named_mutex *m = &mutexes[i];
        if (!m->taken)
            continue;
        if (m->next_wait == WAIT_OBJECT_0)
            (*released)++;
        else if (m->next_wait == WAIT_ABANDONED)
            (*unused)++;
        else if (!kept)
            kept = m;
    }
    return kept;
}

static void close_peer_handles(void)
{
    for (unsigned i = 0; i < n_mutexes; i++) {
        if (mutexes[i].peer_handle)
            CloseHandle(mutexes[i].peer_handle);
        mutexes[i].peer_handle = NULL;
    }
}

/* "Local\X", "Local\X and 2 more": the mutexes the peer abandoned. */
static unsigned taken_names(char *out, size_t cap)
{
    unsigned taken = 0;
    out[0] = 0;
    for (unsigned i = 0; i < n_mutexes; i++) {
        if (!mutexes[i].taken)
            continue;
        if (!taken)
            snprintf(out, cap, "%s", mutexes[i].shown);
        taken++;
    }
    if (taken > 1) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, " and %u more", taken - 1);
    }
    return taken;
}

void abandon_named_mutexes(unsigned n_shapes, char *summary, size_t cap)
{
    n_mutexes = 0;
    n_beyond = 0;
    objects_each_named(note_mutex, NULL);
    if (!n_mutexes) {
        snprintf(summary, cap, "no named mutex to abandon (the notifier opened none)");
        return;
    }
    announce_step("a peer thread ends holding the %u named mutex(es) of the notifier", n_mutexes);
    run_thread(dying_peer, NULL);
    char names[360];
    unsigned taken = taken_names(names, sizeof names);
    if (!taken) {
        snprintf(summary, cap,
                 "%u named mutex(es) (%s), none opened and taken within %d ms to abandon: "
                 "not judged",
                 n_mutexes + n_beyond, mutexes[0].shown, TAKE_MS);
        close_peer_handles();
        return;
    }
    /* calls_condition keeps 199 characters. */
    char condition[200];
    snprintf(condition, sizeof condition,
             "after a peer died holding its named mutex%s %.130s (WAIT_ABANDONED)",
             taken > 1 ? "es" : "", names);
    calls_condition(condition);
    announce_step("%u input shapes %s, on this thread", n_shapes, condition);
    all_shapes(n_shapes);
    const struct named_mutex *kept = owned_here();
    if (kept) {
        kept_violation(kept, "the caller's thread");
        close_peer_handles();
        return;
    }
    announce_step("%u input shapes %s, on another thread", n_shapes, condition);
    struct other_caller other = {n_shapes, NULL};
    run_thread(other_caller_thread, &other);
    if (other.kept) {
        kept_violation(other.kept, "a second caller thread");
        close_peer_handles();
        return;
    }
    announce_step("a next peer waits up to %d ms for each abandoned mutex", NEXT_PEER_MS);
    run_thread(next_peer, NULL);
    unsigned released = 0;
    unsigned unused = 0;
    kept = next_peer_verdict(&released, &unused);
    close_peer_handles();
    if (kept) {
        result_bad("faults.resources",
                   "the named mutex %s was still owned %d ms after calls on two threads had "
                   "returned (a next peer's wait returned %lu), after a peer died holding it "
                   "(WAIT_ABANDONED): a thread of the notifier kept it; %s",
                   kept->shown, NEXT_PEER_MS, (unsigned long)kept->next_wait, why_release);
        return;
    }
    snprintf(summary, cap,
             "every input shape on two threads after a peer died holding %u named mutex(es) "
             "(%s, WAIT_ABANDONED): %u released, %u not waited on by any call",
             taken, names, released, unused);
}
