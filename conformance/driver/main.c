/* cn_conform: options, the case table and the entry point. */
#include "budget.h"
#include "bystander.h"
#include "owner_process.h"
#include "call.h"
#include "call_count.h"
#include "caller_identity.h"
#include "case_decided.h"
#include "cases.h"
#include "log_truncation.h"
#include "child.h"
#include "race.h"
#include "catalogue.h"
#include "conform.h"
#include "crash.h"
#include "dead_peers.h"
#include "heaplock_watch.h"
#include "host_addresses.h"
#include "image_names.h"
#include "loader_lock_watch.h"
#include "install_folders.h"
#include "measure.h"
#include "out.h"
#include "process_views.h"
#include "procwide.h"
#include "records_kept.h"
#include "setting_names.h"
#include "settings_present.h"
#include "unset_load.h"
#include "wanted.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>


static const struct {
    const char *name;
    void (*run)(void);
} cases[] = {
    {"load", case_load},
    {"cycles", case_cycles},
    {"exit", case_exit},
    {"host", case_host},
    {"processes", case_processes},
    {"latency", case_latency},
    {"add", case_add},
    {"cancel", case_cancel},
    {"nulllocal", case_nulllocal},
    {"names", case_names},
    {"long", case_long},
    {"pathnames", case_pathnames},
    {"fmtnames", case_fmtnames},
    {"localnames", case_localnames},
    {"flags", case_flags},
    {"spelling", case_spelling},
    {"userpolicy", case_userpolicy},
    {"preprovider", case_preprovider},
    {"addfields", case_addfields},
    {"forged", case_forged},
    {"statuses", case_statuses},
    {"retries", case_retries},
    {"info", case_info},
    {"lifetime", case_lifetime},
    {"prepost", case_prepost},
    {"highaddr", case_highaddr},
    {"stack", case_stack},
    {"state", case_state},
    {"modules", case_modules},
    {"reentry", case_reentry},
    {"loader", case_loader},
    {"files", case_files},
    {"returns", case_returns},
    {"squat", case_squat},
    {"faults", case_faults},
    {"concurrency", case_concurrency},
    {"idle", case_idle},
    {"leaks", case_leaks},
    {"heap", case_heap},
    {"stdcall", case_stdcall},
    {"mpr", case_mpr},
};

static void usage(void)
{
    fprintf(stderr,
            "usage: cn_conform --catalogue\n"
            "       cn_conform [--budget-ms N] [--load-budget-ms N] [--cycles N] [--threads N]\n"
            "                  [--ops N] [--stack-budget BYTES] [--hang-ms N] [--case-seconds N]\n"
            "                  [--provider DLL] [--expect stock|dispatch]\n"
            "                  [--configured-file PATH] [--checks ID,...] [--settings-file REG]\n"
            "                  [--end-when-failed]\n"
            "                  CASE NOTIFIER.dll\n"
            "cases:");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        fprintf(stderr, " %s", cases[i].name);
    fprintf(stderr, "\n");
    exit(EXIT_USAGE);
}

static unsigned num_arg(const WCHAR *opt, const WCHAR *v)
{
    WCHAR *end;
    unsigned long n = v ? wcstoul(v, &end, 10) : 0;
    if (!v || *end || n == 0 || n > 100000000) {
        fprintf(stderr, "cn_conform: %ls needs a positive number\n", opt);
        exit(EXIT_USAGE);
    }
    return (unsigned)n;
}

static WCHAR *full_path(const WCHAR *p)
{
    static WCHAR buf[2][MAX_PATH * 4];
    static int i;
    WCHAR *b = buf[i & 1];
    i++;
    DWORD n = GetFullPathNameW(p, MAX_PATH * 4, b, NULL);
    return n && n < MAX_PATH * 4 ? b : (WCHAR *)p;
}

/* Options with a numeric value, by name. */
static unsigned *num_option(const WCHAR *a)
{
    static const struct {
        const WCHAR *name;
        unsigned *value;
    } opts[] = {
        {L"--budget-ms", &cf.budget_ms},
        {L"--load-budget-ms", &cf.load_budget_ms},
        {L"--cycles", &cf.cycles},
        {L"--threads", &cf.threads},
        {L"--ops", &cf.ops},
        {L"--stack-budget", &cf.stack_budget},
        {L"--hang-ms", &cf.hang_ms},
        {L"--case-seconds", &cf.case_seconds},
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        if (!wcscmp(a, opts[i].name))
            return opts[i].value;
    }
    return NULL;
}

/* A heap overflow that crashed nothing still fails the case's first gate. */
static void check_heaps_after(const char *casename)
{
    if (!cf.mod || heaps_valid())
        return;
    for (unsigned i = 0; i < n_checks; i++) {
        const struct check *c = &checks[i];
        if (strcmp(c->casename, casename) || c->kind != KIND_GATE || !wanted(c->id))
            continue;
        result_bad(c->id, "a process heap fails HeapValidate after this case: the notifier "
                   "wrote outside a heap block (overflow, use after free, double free)");
        return;
    }
}

static DWORD WINAPI end_case_now(void *arg)
{
    (void)arg;
    out_line("STEP\tevery check asked of this case has failed: the case ends here");
    install_folders_remove();
    metric("calls_made", "%ld", calls_made());
    fflush(stdout);
    TerminateProcess(GetCurrentProcess(), 0);
    return 0;
}

/* Every check asked of the case has failed: what it would run after changes no verdict. The
 * end runs on a thread of its own: the thread that printed the verdict may stand on a stack
 * the notifier still writes to (a read left pending on it, fx_pipe_orphan). */
static void end_decided_case(void)
{
    HANDLE t = CreateThread(NULL, 0, end_case_now, NULL, 0, NULL);
    if (!t) {
        fflush(stdout);
        TerminateProcess(GetCurrentProcess(), 0);
    }
    WaitForSingleObject(t, INFINITE);
}

int wmain(int argc, WCHAR **argv)
{
    const WCHAR *casename = NULL;
    const WCHAR *dll = NULL;
    int child = 0; /* a process a case started: its parent reads it to its end */
    int end_when_failed = 0;
    out_init();
    child_driver_args(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        const WCHAR *a = argv[i];
        const WCHAR *v = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned *num = num_option(a);
        if (num) {
            *num = num_arg(a, v);
            i++;
        } else if (!wcscmp(a, L"--catalogue")) {
            catalogue_print();
            return 0;
        } else if (!wcscmp(a, L"--configured-file") && v) {
            cf.configured_file = v;
            i++;
        } else if (!wcscmp(a, L"--settings-file") && v) {
            cf.settings_file = v;
            setting_names_read(v);
            i++;
        } else if (!wcscmp(a, L"--host-answers") && v) {
            host_parent_answers(v);
            i++;
        } else if (!wcscmp(a, L"--end-when-failed")) {
            end_when_failed = 1;
        } else if (!wcscmp(a, L"--checks") && v) {
            wanted_set(v);
            i++;
        } else if (!wcscmp(a, L"--provider") && v) {
            cf.provider = full_path(v);
            i++;
        } else if (!wcscmp(a, L"--expect") && v) {
            cf.expect_dispatch = !wcscmp(v, L"dispatch");
            i++;
        } else if (!wcscmp(a, L"--exit-child") && v) {
            child = 1;
            exit_child_event(v);
            i++;
        } else if (!wcscmp(a, L"--exit-freed")) {
            child = 1;
            exit_child_frees();
        } else if (!wcscmp(a, L"--host-child") && v) {
            child = 1;
            host_child_role(v);
            i++;
        } else if (!wcscmp(a, L"--dying-child") && v) {
            child = 1;
            dead_peer_child_role(v);
            i++;
        } else if (!wcscmp(a, L"--squat-child") && v) {
            child = 1;
            squat_child_role(v);
            i++;
        } else if (!wcscmp(a, L"--files-child")) {
            child = 1;
            truncation_child_role();
        } else if (!wcscmp(a, L"--records-child") && v) {
            child = 1;
            records_peer_role(v);
            i++;
        } else if (!wcscmp(a, L"--views-child") && v) {
            child = 1;
            views_child_role(v);
            i++;
        } else if (!wcscmp(a, L"--identity-child") && v) {
            child = 1;
            caller_identity_child_role(v);
            i++;
        } else if (!wcscmp(a, L"--unset-child")) {
            child = 1;
            unset_load_child_role();
        } else if (!wcscmp(a, L"--race-child")) {
            child = 1;
            race_child_role();
        } else if (!wcscmp(a, L"--bystander") && v) {
            return bystander_child(v);
        } else if (!wcscmp(a, L"--owner-window") && v) {
            return owner_process_child(v);
        } else if (!wcscmp(a, L"--mpr-ops-child")) {
            return mpr_ops_child();
        } else if (a[0] == '-') {
            usage();
        } else if (!casename) {
            casename = a;
        } else if (!dll) {
            dll = a;
        } else {
            usage();
        }
    }
    if (!casename || !dll)
        usage();
    cf.dll = full_path(dll);
    DWORD attr = GetFileAttributesW(cf.dll);
    if (attr == INVALID_FILE_ATTRIBUTES || (attr & FILE_ATTRIBUTE_DIRECTORY)) {
        fprintf(stderr, "cn_conform: no such file: %ls\n", dll);
        return EXIT_USAGE;
    }
    crash_install();
    host_addresses_take();
    image_names_read(cf.dll);
    procwide_init();
    watchdog_start(cf.hang_ms);
    heaplock_watch_start(cf.hang_ms);
    loader_lock_watch_start(cf.hang_ms);
    budget_start(cf.case_seconds, cf.hang_ms);
    if (caller_identity_child())
        return caller_identity_child_run();
    char name[32];
    snprintf(name, sizeof name, "%ls", casename);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (strcmp(name, cases[i].name))
            continue;
        cf.casename = cases[i].name;
        /* processes: the probe's add and cancel would change what the case's processes
         * share. */
        cf.judge_blocking = strcmp(name, "load") && strcmp(name, "cycles") &&
                            strcmp(name, "latency") && strcmp(name, "mpr") &&
                            strcmp(name, "processes");
        /* The child of load.unset runs with the settings hidden on purpose. */
        if (!unset_load_is_child() && settings_present_check("start")) {
            fflush(stdout);
            return EXIT_SETTINGS_GONE;
        }
        if (end_when_failed && !child)
            case_decided_arm(cf.casename, end_decided_case);
        cases[i].run();
        unsigned gone_at_end = unset_load_is_child() ? 0 : settings_present_check("end");
        check_heaps_after(name);
        install_folders_remove();
        metric("calls_made", "%ld", calls_made());
        fflush(stdout);
        return gone_at_end ? EXIT_SETTINGS_GONE : 0;
    }
    fprintf(stderr, "cn_conform: unknown case: %ls\n", casename);
    usage();
    return EXIT_USAGE;
}
