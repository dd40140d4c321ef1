/* Case squat: the notifier's named objects made first by another process.
 * A name in Local\ or Global\ is shared by every process of the session or
 * machine: another program, an older version of the notifier or a hostile
 * user may have made it first, with another size, other contents or
 * another state, and Create* then opens that object [doc: CreateFileMapping,
 * CreateEvent: ERROR_ALREADY_EXISTS]. A first child learns the names of the
 * sections, events and semaphores the notifier creates or opens (also those
 * whose open fails: a peer program's); this process makes
 * each first (a section of one page filled with 0x7F, an event nobody sets,
 * a semaphore with no count; for a window class the notifier looks for
 * with FindWindow, a window of that class; for a local pipe it opens as a
 * client, a server that answers late, pipe_peer.h, and after the first
 * shapes' calls the caller's stack watched for the late answer,
 * stack_late.h); a second child loads the
 * notifier and calls every input shape. A last round fills the sections
 * with the id of a process that has ended, as a peer that published its
 * id and exited leaves them. A crash or a hang there, a handle to the
 * host with power over it given to another process (hooks_gift.h), or
 * CPU burnt once the calls are over (idle_cpu.h: a wait on the ended
 * peer, re-armed each time it is signaled) fails files.squatted
 * [design]. Before those rounds, a child calls from many threads while each
 * local pipe the notifier opens is served by a peer that restarts
 * (pipe_restarts.h) and host threads open and close files of their own
 * (host_files.h): a handle the notifier uses once another of its threads
 * closed it fails concurrency.handles [doc: CloseHandle]. */
#include "cases.h"

#include "call.h"
#include "child.h"
#include "hooks_gift.h"
#include "hooks_heap.h"
#include "hooks_objects.h"
#include "idle_cpu.h"
#include "out.h"
#include "host_files.h"
#include "pipe_peer.h"
#include "pipe_restarts.h"
#include "shapes.h"
#include "stack_late.h"
#include "wanted.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

enum { MAX_OBJECTS = 16, NAME_UNITS = 300, PAGE = 4096, CHILD_LIMIT_MS = 180000 };

enum squat_role { SQUAT_NONE, SQUAT_LEARN, SQUAT_CALL, SQUAT_ENDED, SQUAT_RESTART };
static enum squat_role role;

struct named {
    char type[16]; /* Section, Event, Semaphore, Window */
    WCHAR name[NAME_UNITS];
    HANDLE made; /* this process's object, made first */
    HWND window; /* this process's window of the class (Window) */
    struct pipe_peer *peer; /* this process's slow server of the pipe (Pipe) */
};
static struct named objects[MAX_OBJECTS];
static unsigned n_objects;

void squat_child_role(const WCHAR *which)
{
    if (!wcscmp(which, L"learn"))
        role = SQUAT_LEARN;
    else if (!wcscmp(which, L"ended"))
        role = SQUAT_ENDED;
    else if (!wcscmp(which, L"restart"))
        role = SQUAT_RESTART;
    else
        role = SQUAT_CALL;
}

static const WCHAR names_file[] = L"squat-names.txt";

/* Whether name holds this process's id as a number: a per-process name,
 * which the next process does not ask for. */
static int per_process(const WCHAR *name)
{
    WCHAR pid[16];
    swprintf(pid, 16, L"%lu", (unsigned long)GetCurrentProcessId());
    size_t n = wcslen(pid);
    for (const WCHAR *at = wcsstr(name, pid); at; at = wcsstr(at + 1, pid)) {
        int digit_before = at > name && iswdigit(at[-1]);
        if (!digit_before && !iswdigit(at[n]))
            return 1;
    }
    return 0;
}

/* The names the notifier asked for, also those it only tried to open
 * (hooks_objects.h), but per-process ones, to f. */
static void print_requests(FILE *f)
{
    unsigned n_requests;
    const struct object_request *r = object_requests(&n_requests);
    for (unsigned i = 0; i < n_requests; i++) {
        if (!per_process(r[i].name))
            fprintf(f, "SQUAT\t%s\t%ls\n", r[i].type, r[i].name);
    }
    fflush(f);
}

/* The first child (its output is names_file): every input shape. */
static void learn(void)
{
    if (!load_notifier())
        ExitProcess(1);
    unsigned n = shapes_init();
    for (unsigned i = 0; i < n; i++)
        shape_cycle(shape_at(i), NULL);
    print_requests(stdout);
    ExitProcess(0);
}

static char condition[1200];

enum { LATE_SHAPES = 8, LATE_WAIT_MS = 3 * PEER_DELAY_MS };

static const WCHAR condition_file[] = L"squat-condition.txt";

/* The condition of the child to come, for it to read (read_condition). */
static void write_condition(void)
{
    FILE *f = _wfopen(condition_file, L"w");
    if (f) {
        fputs(condition, f);
        fclose(f);
    }
}

/* A child's condition as the parent wrote it into condition_file, or `otherwise`. */
static void read_condition(const char *otherwise)
{
    FILE *f = _wfopen(condition_file, L"r");
    if (!f || !fgets(condition, sizeof condition, f))
        snprintf(condition, sizeof condition, "%s", otherwise);
    if (f)
        fclose(f);
    condition[strcspn(condition, "\r\n")] = 0;
}

/* The second child: every input shape with the objects made first (the
 * parent wrote which into condition_file). */
static void call_squatted(void)
{
    read_condition("after another process made its named objects");
    calls_note(condition);
    if (!load_notifier())
        return;
    unsigned n = shapes_init();
    announce_step("every input shape in a second process %s", condition);
    char late[600];
    for (unsigned i = 0; i < n; i++) {
        shape_cycle(shape_at(i), NULL);
        /* A pipe peer answers late: the first shapes' calls each watched for an answer
         * written into their dead frames. */
        if (i >= LATE_SHAPES || !object_requested_pipe())
            continue;
        if (stack_written_late(LATE_WAIT_MS, PEER_BYTE, late, sizeof late)) {
            result_bad("files.squatted", "%s %s, the calls of (%s)", condition, late,
                       shape_at(i)->label);
            fflush(stdout);
            ExitProcess(1);
        }
    }
    const char *gift = hooks_gift_first();
    if (gift[0]) {
        result_bad("files.squatted", "%s", gift);
        fflush(stdout);
        ExitProcess(1);
    }
    char why[600];
    announce_step("no call made for a while %s: the CPU the process's other threads use",
                  condition);
    if (idle_cpu_busy(why, sizeof why)) {
        result_bad("files.squatted", "%s, %s", why, condition);
        fflush(stdout);
        ExitProcess(1);
    }
    /* Names it asks for only once the first exist (a second event it
     * opens after the first): the parent makes them too and calls again. */
    FILE *names = _wfopen(names_file, L"w");
    if (names) {
        print_requests(names);
        fclose(names);
    }
    ExitProcess(0);
}

enum { RESTART_THREADS = 8, RESTART_MS = 3000, RESTART_SHAPES = 64 };

static volatile LONG restart_stop;
static unsigned restart_shapes[RESTART_SHAPES];
static unsigned n_restart_shapes;

static DWORD WINAPI restart_caller(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    mark_driver_thread();
    for (unsigned i = id; !restart_stop; i++)
        shape_cycle(shape_at(restart_shapes[i % n_restart_shapes]), NULL);
    return 0;
}

/* The restart child: RESTART_THREADS threads call the ordinary shapes for RESTART_MS while
 * host threads open and close files (the parent serves the pipes: condition_file). */
static void call_restarting(void)
{
    read_condition("with no local pipe of the notifier served");
    handles_report_to("concurrency.handles");
    char note[120];
    snprintf(note, sizeof note,
             "from %d threads at once while host threads open and close files of their own",
             RESTART_THREADS);
    calls_note(note);
    if (!load_notifier())
        return;
    unsigned n = shapes_init();
    /* Shapes whose add and cancel succeed first: a notifier acts on those most. */
    for (int any = 0; any < 2 && !n_restart_shapes; any++) {
        for (unsigned i = 0; i < n && n_restart_shapes < RESTART_SHAPES; i++) {
            const struct shape *s = shape_at(i);
            int made = s->add_status == WN_SUCCESS && s->cancel_status == WN_SUCCESS;
            if (s->ordinary && (made || any))
                restart_shapes[n_restart_shapes++] = i;
        }
    }
    if (!n_restart_shapes) {
        result("concurrency.handles", "notjudged", "no input shape of everyday names to call");
        return;
    }
    announce_step("%d threads call for %d ms while %d host threads open and close files, %s",
                  RESTART_THREADS, RESTART_MS, HOST_FILE_THREADS, condition);
    int hosts = host_files_start();
    handles_delay_uses(1);
    HANDLE th[RESTART_THREADS];
    unsigned started = 0;
    for (unsigned i = 0; i < RESTART_THREADS; i++) {
        th[started] = CreateThread(NULL, 0, restart_caller, (void *)(uintptr_t)i, 0, NULL);
        started += th[started] != NULL;
    }
    Sleep(RESTART_MS);
    restart_stop = 1;
    DWORD waited = WaitForMultipleObjects(started, th, TRUE, CHILD_LIMIT_MS / 2);
    handles_delay_uses(0);
    long files = host_files_stop();
    for (unsigned i = 0; i < started; i++)
        CloseHandle(th[i]);
    if (waited == WAIT_TIMEOUT) {
        result_bad("concurrency.handles",
                   "the %u calling threads did not end within %u s of the calls' stop, %s", started,
                   CHILD_LIMIT_MS / 2000, condition);
        fflush(stdout);
        ExitProcess(1);
    }
    if (violation_of("concurrency.handles"))
        return;
    result("concurrency.handles", "pass",
           "%u threads called for %d ms (%ld calls, %ld handle calls of the notifier) while %d "
           "host threads opened and closed %ld files of their own, %s: no handle call on a "
           "closed handle or on a file of the host",
           started, RESTART_MS, calls_made(), handle_calls(), hosts, files, condition);
}

/* Adds the names of path not known yet; returns how many. */
static unsigned read_names(const WCHAR *path)
{
    unsigned before = n_objects;
    FILE *f = _wfopen(path, L"r");
    char line[1024];
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f) && n_objects < MAX_OBJECTS) {
        char type[16];
        char name[NAME_UNITS];
        /* This check's violation in the first child (a pipe opened for any squatter to
         * impersonate the caller): its output is this file, not the protocol. */
        static const char own[] = "RESULT\tfiles.squatted\tfail\t";
        if (!strncmp(line, own, sizeof own - 1)) {
            line[strcspn(line, "\r\n")] = 0;
            result_bad("files.squatted", "%s", line + sizeof own - 1);
            continue;
        }
        if (sscanf(line, "SQUAT\t%15[^\t]\t%299[^\r\n]", type, name) != 2)
            continue;
        struct named *o = &objects[n_objects];
        int dup = 0;
        memset(o, 0, sizeof *o);
        snprintf(o->type, sizeof o->type, "%s", type);
        if (!MultiByteToWideChar(CP_ACP, 0, name, -1, o->name, NAME_UNITS))
            continue;
        for (unsigned i = 0; i < n_objects && !dup; i++)
            dup = !strcmp(objects[i].type, o->type) && !wcscmp(objects[i].name, o->name);
        if (!dup)
            n_objects++;
    }
    fclose(f);
    return n_objects - before;
}

/* What a section made first holds: every byte 0x7F (a count or offset read
 * from it is huge, signed or not), DWORDs 0x7F7F7F7F and 0 in turn (a
 * count huge while the flag beside it is clear), or in every DWORD the id
 * of a process that has ended (a peer's id read from it names a process
 * that opens and is signaled: this process holds its handle, so the id is
 * not given to another). */
enum fill_kind { FILL_HIGH, FILL_ALTERNATE, FILL_ENDED_PEER };
static enum fill_kind fill_kind;
static DWORD ended_pid;

static void fill(void *view)
{
    DWORD *d = view;
    memset(view, 0x7F, PAGE);
    for (unsigned i = 0; i < PAGE / sizeof *d; i++) {
        if (fill_kind == FILL_ALTERNATE && i % 2)
            d[i] = 0;
        if (fill_kind == FILL_ENDED_PEER)
            d[i] = ended_pid;
    }
}

static const char *fill_text(void)
{
    if (fill_kind == FILL_ALTERNATE)
        return "a 4096-byte section of DWORDs 0x7F7F7F7F and 0 in turn";
    if (fill_kind == FILL_ENDED_PEER)
        return "a 4096-byte section whose every DWORD is the id of a process that has ended";
    return "a 4096-byte section filled with 0x7F";
}

/* A window class another program registered, as a tray program's: any
 * program may register any class name. This process answers its messages
 * while the child runs (child_wait_pumping). */
static void make_window(struct named *o)
{
    WNDCLASSEXW wc;
    ZeroMemory(&wc, sizeof wc);
    wc.cbSize = sizeof wc;
    wc.lpfnWndProc = DefWindowProcW;
    wc.hInstance = GetModuleHandleW(NULL);
    wc.lpszClassName = o->name;
    if (!RegisterClassExW(&wc) && GetLastError() != ERROR_CLASS_ALREADY_EXISTS)
        return;
    o->window = CreateWindowExW(0, o->name, o->name, WS_POPUP, 0, 0, 0, 0, NULL, NULL,
                                GetModuleHandleW(NULL), NULL);
}

/* Makes each object first; appends what it made to condition. */
static unsigned make_first(void)
{
    unsigned made = 0;
    size_t len = (size_t)snprintf(condition, sizeof condition,
                                  "after another process made its named objects first:");
    for (unsigned i = 0; i < n_objects; i++) {
        struct named *o = &objects[i];
        const char *what = NULL;
        if (!strcmp(o->type, "Section")) {
            o->made =
                CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGE, o->name);
            void *view = o->made ? MapViewOfFile(o->made, FILE_MAP_WRITE, 0, 0, PAGE) : NULL;
            if (view) {
                fill(view);
                UnmapViewOfFile(view);
            }
            what = fill_text();
        } else if (!strcmp(o->type, "Event")) {
            o->made = CreateEventW(NULL, TRUE, FALSE, o->name);
            what = "an event nobody sets";
        } else if (!strcmp(o->type, "Pipe")) {
            o->peer = pipe_peer_start(o->name);
            if (o->peer)
                made++;
            if (o->peer && len < sizeof condition)
                len += (size_t)snprintf(condition + len, sizeof condition - len,
                                        "%s %.100ls (a server that answers after %d ms)",
                                        made > 1 ? "," : "", o->name, PEER_DELAY_MS);
            continue;
        } else if (!strcmp(o->type, "Window")) {
            make_window(o);
            if (o->window)
                made++;
            if (o->window && len < sizeof condition)
                len += (size_t)snprintf(condition + len, sizeof condition - len,
                                        "%s %.100ls (a top-level window of that class)",
                                        made > 1 ? "," : "", o->name);
            continue;
        } else {
            o->made = CreateSemaphoreW(NULL, 0, 1, o->name);
            what = "a semaphore with no count";
        }
        /* Still held by another process: not made here, not judged. */
        if (o->made && GetLastError() == ERROR_ALREADY_EXISTS) {
            CloseHandle(o->made);
            o->made = NULL;
        }
        if (!o->made)
            continue;
        made++;
        if (len < sizeof condition)
            len += (size_t)snprintf(condition + len, sizeof condition - len, "%s %.100ls (%s)",
                                    made > 1 ? "," : "", o->name, what);
    }
    return made;
}

static void close_made(void)
{
    for (unsigned i = 0; i < n_objects; i++) {
        if (objects[i].made)
            CloseHandle(objects[i].made);
        objects[i].made = NULL;
        if (objects[i].window) {
            DestroyWindow(objects[i].window);
            UnregisterClassW(objects[i].name, GetModuleHandleW(NULL));
        }
        objects[i].window = NULL;
        pipe_peer_stop(objects[i].peer);
        objects[i].peer = NULL;
    }
}

/* Runs a child of `which` role, its output to out (NULL: the protocol's). */
static int run_child(const WCHAR *which, HANDLE out, DWORD *code)
{
    WCHAR args[MAX_PATH + 128];
    PROCESS_INFORMATION pi;
    swprintf(args, sizeof args / sizeof args[0], L"--squat-child %ls squat \"%ls\"", which, cf.dll);
    if (!child_start(NULL, NULL, args, out, NULL, NULL, &pi))
        return 0;
    return child_wait_pumping(&pi, CHILD_LIMIT_MS, code);
}

/* A process of this program that ends at once, as a peer that exits; its
 * handle is kept, so its id stays its own (NULL: none). */
static HANDLE start_ended_peer(void)
{
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE nul = CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                             OPEN_EXISTING, 0, NULL);
    WCHAR args[MAX_PATH + 128];
    PROCESS_INFORMATION pi;
    if (nul == INVALID_HANDLE_VALUE)
        return NULL;
    swprintf(args, sizeof args / sizeof args[0], L"--squat-child ended squat \"%ls\"", cf.dll);
    int started = child_start(NULL, NULL, args, nul, NULL, NULL, &pi);
    CloseHandle(nul);
    if (!started)
        return NULL;
    CloseHandle(pi.hThread);
    if (WaitForSingleObject(pi.hProcess, CHILD_LIMIT_MS) != WAIT_OBJECT_0) {
        TerminateProcess(pi.hProcess, 1);
        WaitForSingleObject(pi.hProcess, 5000);
    }
    ended_pid = pi.dwProcessId;
    return pi.hProcess;
}

/* The first child's names (learn), into objects; why not into why (empty when learned). */
static void learn_names(char *why, size_t cap)
{
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE out = CreateFileW(names_file, GENERIC_WRITE, FILE_SHARE_READ, &inherit, CREATE_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL, NULL);
    why[0] = 0;
    if (out == INVALID_HANDLE_VALUE) {
        snprintf(why, cap, "cannot make %ls (error %lu)", names_file,
                 (unsigned long)GetLastError());
        return;
    }
    announce_step("a first child loads the notifier, calls every input shape and lists the "
                  "named sections, events and semaphores it asked for");
    DWORD code = 0;
    int ended = run_child(L"learn", out, &code);
    CloseHandle(out);
    if (!ended || code) {
        snprintf(why, cap,
                 "the first child, which lists the notifier's named objects, %s (status %lu): "
                 "the other cases judge its calls",
                 ended ? "failed" : "did not finish", (unsigned long)code);
        return;
    }
    read_names(names_file);
}

/* The restart round: each local pipe the notifier opened served by a peer that restarts, while
 * a child calls from many threads (call_restarting). */
static void restart_round(void)
{
    struct pipe_restarts *peers[MAX_OBJECTS];
    unsigned n_peers = 0;
    size_t len = (size_t)snprintf(condition, sizeof condition,
                                  "with no local pipe of the "
                                  "notifier served");
    for (unsigned i = 0; i < n_objects; i++) {
        if (strcmp(objects[i].type, "Pipe"))
            continue;
        peers[n_peers] = pipe_restarts_start(objects[i].name);
        if (!peers[n_peers])
            continue;
        if (!n_peers)
            len = (size_t)snprintf(condition, sizeof condition, "with");
        if (len < sizeof condition)
            len += (size_t)snprintf(condition + len, sizeof condition - len,
                                    "%s %.100ls served by a peer that drops each connection "
                                    "%d ms after it was made",
                                    n_peers ? "," : "", objects[i].name, RESTART_DROP_MS);
        n_peers++;
    }
    write_condition();
    announce_step("a child calls from %d threads while host threads open files, %s",
                  RESTART_THREADS, condition);
    DWORD code = 0;
    int ended = run_child(L"restart", NULL, &code);
    long dropped = 0;
    for (unsigned i = 0; i < n_peers; i++) {
        dropped += pipe_restarts_dropped(peers[i]);
        pipe_restarts_stop(peers[i]);
    }
    DeleteFileW(condition_file);
    metric("restart_connections_dropped", "%ld", dropped);
    if (!ended) {
        result("concurrency.handles", "fail",
               "the child calling from %d threads did not finish within %u s %s", RESTART_THREADS,
               CHILD_LIMIT_MS / 1000, condition);
        return;
    }
    child_end_as(code);
}

enum { ROUNDS = 4 };

void case_squat(void)
{
    if (role == SQUAT_LEARN) {
        learn();
        return;
    }
    if (role == SQUAT_CALL) {
        call_squatted();
        return;
    }
    if (role == SQUAT_ENDED)
        ExitProcess(0);
    if (role == SQUAT_RESTART) {
        call_restarting();
        return;
    }
    char unlearned[300];
    learn_names(unlearned, sizeof unlearned);
    if (wanted("concurrency.handles"))
        restart_round();
    if (!wanted("files.squatted"))
        return;
    if (unlearned[0]) {
        result("files.squatted", "notjudged", "%s", unlearned);
        return;
    }
    unsigned made = 0;
    int sections = 0;
    HANDLE ended_peer = NULL;
    for (unsigned round = 2; round <= ROUNDS + 2; round++) {
        /* The last rounds: the sections' other contents. */
        if (round > ROUNDS && !sections)
            break;
        fill_kind = FILL_HIGH;
        if (round == ROUNDS + 1)
            fill_kind = FILL_ALTERNATE;
        if (round == ROUNDS + 2) {
            fill_kind = FILL_ENDED_PEER;
            ended_peer = start_ended_peer();
            if (!ended_peer)
                break;
        }
        made = make_first();
        for (unsigned i = 0; i < n_objects; i++)
            sections |= objects[i].made && !strcmp(objects[i].type, "Section");
        if (!made && ended_peer)
            CloseHandle(ended_peer);
        if (!made)
            break;
        write_condition();
        DeleteFileW(names_file);
        announce_step("a child calls every input shape %s", condition);
        DWORD code = 0;
        int ended = run_child(L"call", NULL, &code);
        close_made();
        if (ended_peer)
            CloseHandle(ended_peer);
        ended_peer = NULL;
        DeleteFileW(condition_file);
        if (!ended) {
            result("files.squatted", "fail",
                   "a child did not finish its calls within %u s %s (no single call hung: "
                   "they are slow there)",
                   CHILD_LIMIT_MS / 1000, condition);
            return;
        }
        child_end_as(code);
        if (!read_names(names_file) && round < ROUNDS)
            round = ROUNDS;
    }
    DeleteFileW(names_file);
    if (violation_of("files.squatted"))
        return;
    if (!made) {
        result("files.squatted", "pass",
               "no named section, event or semaphore in Local\\ or Global\\, window class or "
               "local pipe (%u asked for): nothing another process could make first",
               n_objects);
        return;
    }
    result("files.squatted", "pass", "every input shape in a second process %s: no crash, no hang",
           condition);
}
