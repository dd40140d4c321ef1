/* Processes ended between an add's PRE and POST (see dead_peers.h). */
#include "dead_peers.h"

#include "call.h"
#include "child.h"
#include "out.h"
#include "shapes.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* A PRE that waits for what the dead took: each of the adds after takes WAITED_MS or more (the
 * fastest of them: one slow call on a busy machine is not a wait). */
enum { PRE_LIMIT_MS = 30000, AFTER_ADDS = 4, WAITED_MS = 1000 };

/* The child's event, named by the parent's process id and the child's number: the child
 * finds its parent there. */
#define DYING_EVENT L"Local\\connotify-dying-%lu-%u"

static const wchar_t *child_event;

void dead_peer_child_role(const wchar_t *event)
{
    child_event = event;
}

int dead_peer_is_child(void)
{
    return child_event != NULL;
}

void dead_peer_child(void)
{
    calls_note("in a process that is ended after this add's PRE, before its POST");
    cf.judge_blocking = 0; /* no probe call: the one PRE is this process's only call */
    if (!load_notifier())
        ExitProcess(2);
    shapes_init();
    void *ctx = NULL;
    char what[200];
    snprintf(what, sizeof what, "%s; then the process is ended", shape_at(0)->label);
    call_op(OP_ADD, NULL, NOTIFY_PRE, 0, &ctx, shape_at(0)->add, what);
    HANDLE done = OpenEventW(EVENT_MODIFY_STATE, FALSE, child_event);
    if (done) {
        SetEvent(done);
        CloseHandle(done);
    }
    /* Ended by the parent; should the parent end first, with it (the event's name holds its
     * process id). */
    unsigned long parent_pid = 0;
    unsigned t = 0;
    HANDLE parent = NULL;
    if (swscanf(child_event, DYING_EVENT, &parent_pid, &t) == 2)
        parent = OpenProcess(SYNCHRONIZE, FALSE, (DWORD)parent_pid);
    if (parent)
        WaitForSingleObject(parent, INFINITE);
    ExitProcess(0);
}

enum { MAX_PEERS = 16 };

struct peer {
    HANDLE done;
    PROCESS_INFORMATION pi;
};

/* Child t started with its event; 0 if it could not start. */
static int start_peer(unsigned t, struct peer *p)
{
    WCHAR name[64];
    WCHAR args[MAX_PATH + 128];
    swprintf(name, sizeof name / sizeof name[0], DYING_EVENT, (unsigned long)GetCurrentProcessId(),
             t);
    p->done = CreateEventW(NULL, TRUE, FALSE, name);
    if (!p->done)
        return 0;
    swprintf(args, sizeof args / sizeof args[0], L"--dying-child %ls faults \"%ls\"", name, cf.dll);
    return child_start(NULL, NULL, args, NULL, NULL, NULL, &p->pi);
}

/* Waits for child p's PRE to return, then ends it: 1. 0 if it did not get there; minus its
 * status when it printed its own CRASH or HANG line. */
static int end_after_pre(struct peer *p)
{
    HANDLE both[2] = {p->done, p->pi.hProcess};
    DWORD w = WaitForMultipleObjects(2, both, FALSE, PRE_LIMIT_MS);
    DWORD code = 0;
    if (w != WAIT_OBJECT_0) {
        /* It ended by itself or hung: its own CRASH or HANG line is the case's. */
        child_wait(&p->pi, 1000, &code);
        return code == EXIT_CRASH || code == EXIT_HANG ? -(int)code : 0;
    }
    TerminateProcess(p->pi.hProcess, 1);
    child_wait(&p->pi, 10000, &code);
    return 1;
}

int dead_peers(unsigned peers, char *summary, size_t cap)
{
    const struct shape *s = shape_at(0);
    DWORD rets[4];
    shape_cycle_returns(s, NULL, rets);
    DWORD baseline = rets[0];
    struct peer p[MAX_PEERS];
    memset(p, 0, sizeof p);
    if (peers > MAX_PEERS)
        peers = MAX_PEERS;
    announce_step("%u processes at once: one add PRE each, then each is ended before its POST",
                  peers);
    unsigned started = 0;
    for (unsigned t = 0; t < peers && start_peer(t + 1, &p[t]); t++)
        started++;
    unsigned ended = 0;
    int own_end = 0;
    for (unsigned t = 0; t < started; t++) {
        int r = end_after_pre(&p[t]);
        if (r > 0)
            ended++;
        if (r < 0 && !own_end)
            own_end = -r;
    }
    for (unsigned t = 0; t < peers; t++) {
        if (p[t].done)
            CloseHandle(p[t].done);
    }
    /* A child's CRASH or HANG line is the case's: this process ends as it did, the others
     * ended first. */
    if (own_end)
        child_end_as((DWORD)own_end);
    if (ended < peers) {
        snprintf(summary, cap,
                 "%u of %u processes ended between PRE and POST (a child could "
                 "not reach its PRE)",
                 ended, peers);
        return 1;
    }
    char condition[160];
    snprintf(condition, sizeof condition,
             "after %u processes were ended between their add's PRE and POST", peers);
    calls_condition(condition);
    double fastest = 0;
    DWORD last = WN_SUCCESS;
    unsigned refused = shape_adds_refused(s, AFTER_ADDS, baseline, &last, &fastest);
    calls_condition(NULL);
    if (fastest >= WAITED_MS || refused) {
        result_bad("faults.resources",
                   "%s, AddConnectNotify PRE of %s took %.0f ms or more each time and returned "
                   "%s %u of %u times (%s before): what PRE took for other processes to see (a "
                   "semaphore's count, a slot in a shared section, a lock file) and only POST "
                   "gives back stays taken when the process dies in between",
                   condition, s->label, fastest, wn_name(last), refused, AFTER_ADDS,
                   wn_name(baseline));
        return 0;
    }
    snprintf(summary, cap,
             "%u processes ended between their add's PRE and POST, then %u adds accepted as "
             "before (the fastest in %.0f ms)",
             peers, AFTER_ADDS, fastest);
    return 1;
}
