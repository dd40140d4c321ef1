/* Case faults: every input shape while the notifier's resources fail as
 * they do on real machines (a log folder it may not write, a full disk, a
 * key an installer never wrote, a policy value longer than its buffer, of
 * another type or stored without its terminator, a DWORD that wraps a
 * 32-bit size or divides by zero, an exhausted heap or thread quota, a
 * tick count that wraps, a clock set back, the last day of a leap year),
 * then without faults. The
 * notifier is loaded again before each registry phase, so that what it
 * reads once is read under the fault. Only what a fault does to the host
 * is judged: a crash, a hang, a lock kept, a heap it damaged. [design] */
#include "cases.h"

#include "abandon.h"
#include "bystander.h"
#include "call.h"
#include "dead_peers.h"
#include "hooks_faults.h"
#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <stdio.h>

enum { NTH_SHAPES = 24, NTH_MAX = 12, COUNT_ONLY = 0x7fffffff, SETTLE_MS = 500 };
/* A fresh load's first calls: their allocations failed one at a time, up to FIRST_MAX;
 * then AFTER_CYCLES adds and cancels with memory back. */
enum { FIRST_MAX = 12, AFTER_CYCLES = 4 };
/* Processes ended between an add's PRE and POST (dead_peers.h). */
enum { DEAD_PEERS = 8 };

static const struct phase {
    enum fault_kind kind;
    const char *name;
    const char *condition;
    DWORD dword;   /* FAULT_REG_AS_DWORD, _AS_DECIMAL: the value */
    int bystander; /* the value is the id of a process the notifier did not start */
} phases[] = {
    {FAULT_FILES, "file opens and writes",
     "with every file open refused (access denied) and every WriteFile failing (disk full)", 0, 0},
    {FAULT_DISK_FULL, "writes to a full disk",
     "with every file open succeeding and every WriteFile failing (disk full)", 0, 0},
    {FAULT_FOLDERS, "missing folders",
     "with every file and folder missing and no folder creatable (ERROR_PATH_NOT_FOUND: a log "
     "or profile folder removed)",
     0, 0},
    {FAULT_FILE_EXISTS, "exclusive file creates",
     "with every exclusive create (CREATE_NEW) failing because the file exists (a lock file a "
     "killed process left, or one another process made first)",
     0, 0},
    {FAULT_REG_MISSING, "registry keys and values", "with every registry key and value missing", 0,
     0},
    {FAULT_REG_LONG, "long registry string values",
     "with every registry string value 32767 units long (ERROR_MORE_DATA for smaller buffers)", 0,
     0},
    {FAULT_REG_EMPTY, "empty registry string values",
     "with every registry string value empty (0 bytes, no terminator)", 0, 0},
    {FAULT_REG_AS_SZ, "registry values read as REG_SZ",
     "with every registry value read answered as REG_SZ \"A\", whatever its type and whether "
     "it or its key exists",
     0, 0},
    {FAULT_REG_AS_DWORD, "registry values read as REG_DWORD 0x41414141",
     "with every registry value read answered as REG_DWORD 0x41414141, whatever its type and "
     "whether it or its key exists",
     0x41414141, 0},
    /* A count or size times an even entry size wraps to 0 in 32 bits; a divisor. */
    {FAULT_REG_AS_DWORD, "registry values read as REG_DWORD 0x80000000",
     "with every registry value read answered as REG_DWORD 0x80000000 (a count that wraps a "
     "32-bit size to 0), whatever its type and whether it or its key exists",
     0x80000000u, 0},
    {FAULT_REG_AS_DWORD, "registry values read as REG_DWORD 0",
     "with every registry value read answered as REG_DWORD 0, whatever its type and whether "
     "it or its key exists",
     0, 0},
    {FAULT_REG_AS_DWORD, "registry values read as REG_DWORD 0xFFFFFFFF",
     "with every registry value read answered as REG_DWORD 0xFFFFFFFF (-1 as a signed "
     "count), whatever its type and whether it or its key exists",
     0xFFFFFFFFu, 0},
    /* A helper's id stored by an earlier process, the helper gone and its id reused. */
    {FAULT_REG_AS_DWORD, "registry values read as a process id",
     "with every registry value read answered as REG_DWORD, the id of a running process of the "
     "session that the notifier did not start (an id it stored, reused since), whatever its "
     "type and whether it or its key exists",
     0, 1},
    {FAULT_REG_AS_DECIMAL, "registry values read as a process id in digits",
     "with every registry value read answered as REG_SZ, the decimal id of a running process of "
     "the session that the notifier did not start (an id it stored, reused since), whatever its "
     "type and whether it or its key exists",
     0, 1},
    {FAULT_REG_UNTERMINATED, "unterminated registry strings",
     "with every registry value read answered as a REG_SZ without terminator that fills the "
     "buffer (520 bytes to a size query), whether it or its key exists",
     0, 0},
    {FAULT_MEMORY, "allocations", "with every allocation failing", 0, 0},
    {FAULT_THREADS, "thread and work-item creations",
     "with every thread and work-item creation failing", 0, 0},
    {FAULT_CLOCK_WRAP, "tick count reads",
     "with the 32-bit tick count wrapping to 0 (after 49.7 days of uptime) between the "
     "notifier's first read and the next",
     0, 0},
    {FAULT_CLOCK_BACK, "system time reads",
     "with the system time going back one hour at every read (a time synchronisation)", 0, 0},
    {FAULT_CLOCK_LEAP, "the clock at a leap year's end",
     "with the clock at 23:59:58 on 31 December 2028 (day 366 of a leap year), 10 ms on at "
     "each read, into 2029",
     0, 0},
};

enum { N_PHASES = sizeof phases / sizeof phases[0] };

/* Every shape's add and cancel, each followed by HeapValidate of every
 * process heap: a block overrun under a fault fails here, named by its
 * shape and fault, before the damage crashes or loops the loader where the
 * heap's layout happens to lead. 0 once a heap fails. */
static int all_shapes(unsigned n_shapes, const char *condition)
{
    for (unsigned i = 0; i < n_shapes; i++) {
        shape_cycle(shape_at(i), NULL);
        if (heaps_valid())
            continue;
        result_bad("faults.resources",
                   "a process heap fails HeapValidate after the add and cancel of %s %s: the "
                   "notifier wrote outside a heap block (overflow, use after free, double free)",
                   shape_at(i)->label, condition);
        return 0;
    }
    return 1;
}

/* Allocation k of a cycle fails, for each k up to the cycle's count: the
 * paths where an earlier allocation succeeded run (cleanup, partial state).
 * Returns the cycles made. */
static unsigned nth_allocations(unsigned n_shapes)
{
    unsigned cycles = 0;
    char condition[160];
    for (unsigned i = 0; i < n_shapes && i < NTH_SHAPES; i++) {
        faults_arm(FAULT_MEMORY, COUNT_ONLY);
        calls_condition("while its allocations are counted");
        shape_cycle(shape_at(i), NULL);
        unsigned n = faults_seen();
        for (unsigned k = 1; k <= n && k <= NTH_MAX; k++) {
            snprintf(condition, sizeof condition,
                     "with allocation %u of the %u of this add and "
                     "cancel failing",
                     k, n);
            calls_condition(condition);
            faults_arm(FAULT_MEMORY, k);
            shape_cycle(shape_at(i), NULL);
            cycles++;
        }
    }
    return cycles;
}

/* Allocation k of a fresh load's first calls (the load's probe, an add and a cancel) fails
 * once, then adds and cancels run with memory back: a one-time setup must not stay half done
 * (a flag set before its allocation, a table left NULL), nor refuse every later add. Returns
 * the loads made; 0 when a load failed or the notifier was judged. */
static unsigned first_use_allocations(void)
{
    DWORD rets[4];
    char condition[200];
    /* Armed before the load: load_notifier's own probe calls are the first use. */
    calls_condition("on a fresh load, while its allocations are counted");
    faults_arm(FAULT_MEMORY, COUNT_ONLY);
    int loaded = reload_notifier();
    if (!loaded) {
        faults_arm(FAULT_NONE, 0);
        return 0;
    }
    shape_cycle_returns(shape_at(0), NULL, rets);
    DWORD baseline = rets[0];
    unsigned n = faults_seen();
    faults_arm(FAULT_NONE, 0);
    metric("first_use_allocations", "%u", n);
    unsigned loads = 0;
    for (unsigned k = 1; k <= n && k <= FIRST_MAX; k++) {
        snprintf(condition, sizeof condition,
                 "on a fresh load, with allocation %u of the %u of its first calls failing", k, n);
        calls_condition(condition);
        faults_arm(FAULT_MEMORY, k);
        if (!reload_notifier_quiet()) {
            /* DllMain may refuse the load when its allocation fails: a load, not a crash. */
            faults_arm(FAULT_NONE, 0);
            if (!reload_notifier())
                return 0;
            continue;
        }
        shape_cycle(shape_at(0), NULL);
        faults_arm(FAULT_NONE, 0);
        snprintf(condition, sizeof condition,
                 "with memory back, after allocation %u of the %u of a fresh load's first "
                 "calls failed once",
                 k, n);
        calls_condition(condition);
        DWORD last = WN_SUCCESS;
        unsigned refused = shape_adds_refused(shape_at(0), AFTER_CYCLES, baseline, &last, NULL);
        if (refused == AFTER_CYCLES) {
            result_bad("faults.resources",
                       "AddConnectNotify PRE of %s returned %s %u times out of %u %s (%s on a "
                       "fresh load without faults): one failed allocation of its first use "
                       "refuses every later add",
                       shape_at(0)->label, wn_name(last), refused, AFTER_CYCLES, condition,
                       wn_name(baseline));
            return 0;
        }
        loads++;
    }
    return loads;
}

/* Ends the case early: no fault stays armed for the driver's own checks. */
static void faults_end(void)
{
    faults_arm(FAULT_NONE, 0);
    calls_condition(NULL);
}

static int is_registry_kind(enum fault_kind k)
{
    return k == FAULT_REG_MISSING || k == FAULT_REG_LONG || k == FAULT_REG_EMPTY ||
           k == FAULT_REG_AS_SZ || k == FAULT_REG_AS_DWORD || k == FAULT_REG_AS_DECIMAL ||
           k == FAULT_REG_UNTERMINATED;
}

/* Reloads the notifier with kind injected, so that a setting read at load is read under it;
 * when that load fails, loads it again without the fault (a failed load under a fault is
 * not the notifier failing to load), then injects kind again. 0 when it does not load. */
static int reload_under_fault(enum fault_kind kind)
{
    if (reload_notifier_quiet())
        return 1;
    faults_arm(FAULT_NONE, 0);
    if (!reload_notifier())
        return 0;
    faults_arm(kind, 0);
    return 1;
}

/* The bystander, still running after a phase that read its id, is ended: 1. A bystander that
 * ended during it (a route the TerminateProcess wrapper does not see: a program the notifier
 * started, NtTerminateProcess) fails the case: 0. */
static int bystander_survived(const char *condition)
{
    DWORD pid = bystander_pid();
    DWORD code = 0;
    int running = bystander_running(&code);
    bystander_end();
    if (running)
        return 1;
    result_bad("faults.resources",
               "process %lu, which the notifier did not start, ended (exit code %lu) while it "
               "ran every input shape %s: the notifier ended a process by an id it read, and "
               "an id it stored names whatever process has that id now (ids are reused) [doc: "
               "GetProcessId]",
               (unsigned long)pid, (unsigned long)code, condition);
    return 0;
}

static void run_faults(void)
{
    abandon_before();
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    unsigned faults[N_PHASES];
    char text[1400];
    size_t len = 0;
    text[0] = 0;
    for (unsigned p = 0; p < N_PHASES; p++) {
        announce_step("%u input shapes %s", n_shapes, phases[p].condition);
        if (phases[p].bystander && !bystander_start()) {
            result("faults.resources", "incomplete",
                   "the driver could not start a process of its own (error %lu) to answer as "
                   "a stored process id",
                   GetLastError());
            return;
        }
        calls_condition(phases[p].condition);
        faults_dword(phases[p].bystander ? bystander_pid() : phases[p].dword);
        faults_arm(phases[p].kind, 0);
        /* A setting read once, at load or at the first call, is read under the fault. */
        if (is_registry_kind(phases[p].kind) && !reload_under_fault(phases[p].kind))
            return;
        if (!all_shapes(n_shapes, phases[p].condition)) {
            faults_end();
            return;
        }
        faults[p] = faults_seen();
        faults_arm(FAULT_NONE, 0);
        if (phases[p].bystander && !bystander_survived(phases[p].condition))
            return;
        int n = snprintf(text + len, sizeof text - len, "%s%s %u", p ? ", " : "", phases[p].name,
                         faults[p]);
        if (n > 0 && (size_t)n < sizeof text - len)
            len += (size_t)n;
    }
    announce_step("allocation k of each add and cancel failing, k = 1 to %d", NTH_MAX);
    unsigned nth_cycles = nth_allocations(n_shapes);
    faults_arm(FAULT_NONE, 0);
    announce_step("allocation k of a fresh load's first calls failing, k = 1 to %d, "
                  "then %d adds and cancels with memory back",
                  FIRST_MAX, AFTER_CYCLES);
    unsigned first_loads = first_use_allocations();
    if (violation_of("faults.resources")) {
        faults_end();
        return;
    }
    announce_step("%u input shapes after the faults ended", n_shapes);
    calls_condition("after resource faults ended");
    if (!all_shapes(n_shapes, "after resource faults ended")) {
        faults_end();
        return;
    }
    char abandoned[400];
    abandon_named_mutexes(n_shapes, abandoned, sizeof abandoned);
    if (violation_of("faults.resources")) {
        faults_end();
        return;
    }
    char dead[300];
    if (!dead_peers(DEAD_PEERS, dead, sizeof dead)) {
        faults_end();
        return;
    }
    Sleep(SETTLE_MS);
    calls_condition(NULL);
    metric("fault_nth_cycles", "%u", nth_cycles);
    if (violation_of("faults.resources"))
        return;
    result("faults.resources", "pass",
           "every input shape with each resource failing (calls that failed: %s), allocation "
           "k of an add and cancel failing in %u cycles, allocation k of a fresh load's first "
           "calls failing once in %u loads, then without faults, the caller "
           "impersonating: no crash, no "
           "hang, no lock or thread state kept; %s; %s",
           text, nth_cycles, first_loads, abandoned, dead);
}

/* The caller impersonates its client, as a service mapping a drive for one
 * does: an error path that reverts to the process's own token, or keeps one
 * of its own, is seen in the thread's state after the call. */
void case_faults(void)
{
    if (dead_peer_is_child()) {
        dead_peer_child();
        return;
    }
    int impersonating = ImpersonateSelf(SecurityImpersonation);
    run_faults();
    if (impersonating)
        RevertToSelf();
}
