/* Case exit: the host process ends after using the notifier. A child
 * (this driver with --exit-child) loads the notifier, calls it on two
 * threads and returns from its main; the parent times its end. A second
 * child (--exit-freed) frees the notifier first, as a host that loaded
 * mpr.dll for a while and freed it does: what the notifier left registered
 * with the process (an _onexit or atexit of the C runtime it shares with
 * the host) runs at the exit, in unmapped code. */
#include "cases.h"

#include "call.h"
#include "child.h"
#include "measure.h"
#include "out.h"
#include "reg_census.h"
#include "shapes.h"

#include <stdio.h>
#include <wchar.h>

/* From the return of main to the end of the process [design]. */
enum { EXIT_BUDGET_MS = 10000, CALLS_LIMIT_MS = 120000, SECOND_THREAD_SHAPES = 10 };

static const WCHAR *child_event;
static int child_frees;

void exit_child_event(const WCHAR *name)
{
    child_event = name;
}

void exit_child_frees(void)
{
    child_frees = 1;
}

static HANDLE second_ready;

/* A caller thread that makes its calls and lives on, idle, to the exit. */
static DWORD WINAPI second_caller(void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < SECOND_THREAD_SHAPES; i++)
        shape_cycle(shape_at(i), NULL);
    SetEvent(second_ready);
    Sleep(INFINITE);
    return 0;
}

/* The child: every input shape on the main thread and some on a second
 * one, then the event, then the return from main (process exit). */
static void exit_child(void)
{
    HANDLE done = OpenEventW(EVENT_MODIFY_STATE, FALSE, child_event);
    if (!done || !load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    second_ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE th = CreateThread(NULL, 0, second_caller, NULL, 0, NULL);
    for (unsigned i = 0; i < n_shapes; i++)
        shape_cycle(shape_at(i), NULL);
    if (!th || WaitForSingleObject(second_ready, CALLS_LIMIT_MS) != WAIT_OBJECT_0)
        return;
    if (child_frees) {
        FreeLibrary(cf.mod);
        cf.mod = NULL;
    }
    SetEvent(done);
}

/* Starts the child with its output discarded (its verdicts are the parent's). */
static int start_child(const WCHAR *event, int frees, PROCESS_INFORMATION *pi)
{
    WCHAR args[MAX_PATH * 4];
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    swprintf(args, sizeof args / sizeof args[0], L"--exit-child %ls%ls exit \"%ls\"", event,
             frees ? L" --exit-freed" : L"", cf.dll);
    HANDLE nul = CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
    if (nul == INVALID_HANDLE_VALUE)
        return 0;
    int ok = child_start(NULL, NULL, args, nul, NULL, NULL, pi);
    CloseHandle(nul);
    return ok;
}

/* 1 when the child's end passed (nothing said yet for a child that kept the notifier loaded:
 * case_exit says it); 0 when a failure was said. */
static int judge_end(HANDLE process, double exit_ms, int freed)
{
    DWORD code = 0;
    GetExitCodeProcess(process, &code);
    if (freed) {
        if (code != 0)
            result("load.exit", "fail",
                   "the process ended with status %#lx, not the 0 its main returned, after it "
                   "freed the notifier (FreeLibrary) and main returned: code the notifier left "
                   "registered with the process (an _onexit or atexit of the C runtime it "
                   "shares with the host, a handler) ran at the exit, after its DLL was "
                   "unloaded",
                   (unsigned long)code);
        return code == 0;
    }
    metric("exit_ms", "%.0f", exit_ms);
    if (code != 0) {
        result("load.exit", "fail",
               "the process ended with status %#lx, not the 0 its main returned, %.0f ms "
               "after main returned: code of the notifier ran at process exit and failed "
               "(DllMain DLL_PROCESS_DETACH with lpReserved non-NULL)",
               (unsigned long)code, exit_ms);
        return 0;
    }
    return 1;
}

/* One child (run: its number, for its event): 1 when its end passed, 0 when a failure or no
 * verdict was said. */
static int run_child(int frees, unsigned run, double *exit_ms, DWORD *pid)
{
    WCHAR event[64];
    swprintf(event, sizeof event / sizeof event[0], L"connotify-exit-%lu-%u",
             (unsigned long)GetCurrentProcessId(), run);
    HANDLE done = CreateEventW(NULL, TRUE, FALSE, event);
    PROCESS_INFORMATION pi;
    announce_step(frees ? "a child process loads the notifier, calls it on 2 threads, frees it, "
                          "returns from main"
                        : "a child process loads the notifier, calls it on 2 threads, returns "
                          "from main");
    if (!done || !start_child(event, frees, &pi)) {
        result("load.exit", "notjudged", "the child process could not be started (error %lu)",
               GetLastError());
        return 0;
    }
    HANDLE both[2] = {done, pi.hProcess};
    DWORD w = WaitForMultipleObjects(2, both, FALSE, CALLS_LIMIT_MS + 30000);
    if (w != WAIT_OBJECT_0) {
        DWORD code = 0;
        GetExitCodeProcess(pi.hProcess, &code);
        TerminateProcess(pi.hProcess, 1);
        result("load.exit", "notjudged",
               "the child %s before its calls were done (status %#lx): the notifier does not "
               "load, crashed or hung in an ordinary call, which the other cases judge",
               w == WAIT_OBJECT_0 + 1 ? "ended" : "did not finish", (unsigned long)code);
        return 0;
    }
    announce_step("main of the child returned: waiting for the process to end");
    double t0 = now_ms();
    DWORD ended = WaitForSingleObject(pi.hProcess, EXIT_BUDGET_MS);
    double ended_ms = now_ms() - t0;
    int passed = 0;
    if (ended != WAIT_OBJECT_0) {
        TerminateProcess(pi.hProcess, 1);
        result("load.exit", "fail",
               "the process did not end within %u s after main returned: the notifier waits "
               "at process exit (DllMain DLL_PROCESS_DETACH with lpReserved non-NULL runs after "
               "every other thread has ended: a wait for one of them, for an event it would "
               "set or for a lock it held never ends)%s",
               EXIT_BUDGET_MS / 1000, frees ? "; the process had freed the notifier first" : "");
    } else {
        passed = judge_end(pi.hProcess, ended_ms, frees);
    }
    if (exit_ms)
        *exit_ms = ended_ms;
    if (pid)
        *pid = pi.dwProcessId;
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(done);
    return passed;
}

enum { KEY_UNITS = 300 };

/* Child `run`, ending with the notifier loaded, and the registry keys named after it that it
 * left (reg_census.h): how many, the first's path into first; 0 when no census could be taken.
 * *ended when its end failed or was not judged (said already). */
static size_t keys_left_by_child(unsigned run, double *exit_ms, int *ended, WCHAR *first)
{
    struct reg_census before;
    FILETIME since;
    GetSystemTimeAsFileTime(&since);
    int census = reg_census_take(&before);
    DWORD pid = 0;
    *ended = !run_child(0, run, exit_ms, &pid);
    size_t left =
        census && !*ended ? reg_census_new_keys(&before, pid, since, first, KEY_UNITS) : 0;
    reg_census_free(&before);
    return left;
}

/* Where the first child that ends with the notifier loaded leaves keys named after it, a second
 * must leave none. 1 when it did, after the failure said; 0 when none were left, or only by
 * the first. A child that failed its end ends the case (*ended). */
static int keys_left_each_time(double *exit_ms, size_t *first_left, int *ended)
{
    WCHAR first[KEY_UNITS];
    *first_left = keys_left_by_child(1, exit_ms, ended, first);
    if (!*first_left || *ended)
        return 0;
    double again_ms;
    WCHAR second[KEY_UNITS];
    size_t second_left = keys_left_by_child(2, &again_ms, ended, second);
    if (!second_left)
        return 0;
    result("load.exit", "fail",
           "each process that ended with the notifier loaded left registry keys named after "
           "its process id behind: %lu after one (%ls), %lu after another (%ls), below "
           "HKCU\\Software and HKLM\\Software: "
           "state kept per process and removed only at FreeLibrary (DLL_PROCESS_DETACH with "
           "lpReserved NULL) stays for good when a process ends with the notifier loaded, as "
           "nearly every process does; the registry grows with every process that maps a drive",
           (unsigned long)*first_left, first, (unsigned long)second_left, second);
    return 1;
}

void case_exit(void)
{
    if (child_event) {
        exit_child();
        return;
    }
    /* The freed child first: the other one's pass text covers both. */
    if (!run_child(1, 0, NULL, NULL) || violation_of("load.exit"))
        return;
    double exit_ms = 0;
    size_t first_left;
    int ended;
    if (keys_left_each_time(&exit_ms, &first_left, &ended) || ended)
        return;
    result("load.exit", "pass",
           "the process ended %.0f ms after main returned (every input shape called, "
           "a second caller thread alive and idle at the exit), and with status 0 when it "
           "freed the notifier first; %s",
           exit_ms,
           first_left ? "registry keys named after the first such process left, none after a "
                        "second"
                      : "no registry key named after it left below HKCU\\Software or "
                        "HKLM\\Software");
}
