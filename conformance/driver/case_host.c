/* Case host: the notifier in processes unlike the driver. The parent loads
 * the notifier and calls it (as Explorer would), then starts two children of
 * this driver while it stays loaded: one copied to a long non-ASCII path
 * with a long command line started as `net ...` and long non-ASCII profile
 * folders (host_identity.h), one with almost no environment in system32 (as
 * a service). Each child loads the notifier and calls every input shape of
 * ordinary names; every check is judged there, each call named by its host,
 * and its output is this case's. [design] */
#include "cases.h"

#include "call.h"
#include "child.h"
#include "host_identity.h"
#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <stdio.h>
#include <wchar.h>

enum { CHILD_LIMIT_MS = 150000, PARENT_SHAPES = 6 };

enum host_kind { HOST_NONE, HOST_IDENTITY, HOST_BARE };

static enum host_kind child_kind;

void host_child_role(const WCHAR *kind)
{
    child_kind = !wcscmp(kind, L"bare") ? HOST_BARE : HOST_IDENTITY;
}

static const char *host_text(enum host_kind kind)
{
    /* One buffer per kind: both texts are arguments of one result line. */
    static char texts[HOST_BARE + 1][200];
    char *text = texts[kind];
    if (kind == HOST_BARE) {
        snprintf(text, sizeof texts[0],
                 "in a second process started as `net use ...` with only SystemRoot, windir, "
                 "SystemDrive and PATH in its environment, in the system directory");
    } else {
        snprintf(text, sizeof texts[0],
                 "in a second process started as `net use ...` from a %u-unit image path, with a "
                 "%u-unit command line, %u-unit current directory and profile folders, non-ASCII",
                 HOST_IMAGE_UNITS, HOST_COMMAND_UNITS, HOST_FOLDER_UNITS - 1);
    }
    return text;
}

/* A child: every input shape of ordinary names (the long and surrogate ones
 * are the drive cases'). */
static void host_child(void)
{
    const char *where = host_text(child_kind);
    calls_note(where);
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    announce_step("every input shape of ordinary names %s", where);
    for (unsigned i = 0; i < n_shapes; i++) {
        if (shape_at(i)->ordinary)
            shape_cycle(shape_at(i), NULL);
    }
    if (!heaps_valid()) {
        result_bad("host.identity",
                   "a process heap fails HeapValidate after the calls %s: the notifier wrote "
                   "outside a heap block (a buffer sized for a shorter path, command line or "
                   "value)",
                   where);
    }
    /* A verdict of its own: the parent must not add its pass. */
    if (violation_of("host.identity"))
        ExitProcess(1);
}

/* SystemRoot, windir, SystemDrive and PATH of this process, nothing else. */
static int bare_environment(WCHAR *block, size_t cap)
{
    static const WCHAR *const keep[] = {L"SystemRoot", L"windir", L"SystemDrive", L"PATH"};
    size_t at = 0;
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        WCHAR value[1024];
        DWORD n = GetEnvironmentVariableW(keep[i], value, 1024);
        if (!n || n >= 1024)
            continue;
        int w = swprintf(block + at, cap - at - 1, L"%ls=%ls", keep[i], value);
        if (w < 0)
            return 0;
        at += (size_t)w + 1;
    }
    block[at] = 0;
    return at > 0;
}

/* As typed in cmd: no path, no quotes. */
static const WCHAR net_use[] = L"net use Y: \\\\server\\share /persistent:no";

static int start_child(enum host_kind kind, struct host_identity *h, PROCESS_INFORMATION *pi)
{
    WCHAR args[MAX_PATH + 96];
    swprintf(args, sizeof args / sizeof args[0], L"--host-child %ls host \"%ls\"",
             kind == HOST_BARE ? L"bare" : L"identity", cf.dll);
    if (kind == HOST_IDENTITY) {
        if (!host_identity_make(h, net_use))
            return 0;
        return child_start(h->image, h->command, args, NULL, h->environment, h->folder, pi);
    }
    static WCHAR env[4096];
    WCHAR system[MAX_PATH];
    if (!bare_environment(env, sizeof env / sizeof env[0]) ||
        !GetSystemDirectoryW(system, MAX_PATH))
        return 0;
    return child_start(NULL, net_use, args, NULL, env, system, pi);
}

/* Runs one child to its end; 1 if it ended well (no verdict of its own). */
static int run_child(enum host_kind kind)
{
    struct host_identity h = {0};
    PROCESS_INFORMATION pi;
    const char *where = host_text(kind);
    announce_step("a child %s loads the notifier and calls every input shape of ordinary names",
                  where);
    if (!start_child(kind, &h, &pi)) {
        result("host.identity", "notjudged",
               "the child %s could not be made or started (error %lu)", where, GetLastError());
        host_identity_remove(&h);
        return 0;
    }
    DWORD code = 0;
    int ended = child_wait(&pi, CHILD_LIMIT_MS, &code);
    host_identity_remove(&h);
    if (!ended) {
        result("host.identity", "fail",
               "the child %s did not finish its calls within %u s (no single call hung: they are "
               "slow there)",
               where, CHILD_LIMIT_MS / 1000);
        return 0;
    }
    child_end_as(code);
    return 1;
}

void case_host(void)
{
    if (child_kind != HOST_NONE) {
        host_child();
        return;
    }
    /* The first process: loaded and called, and it stays so. */
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    for (unsigned i = 0; i < n_shapes && i < PARENT_SHAPES; i++)
        shape_cycle(shape_at(i), NULL);
    if (!run_child(HOST_IDENTITY) || !run_child(HOST_BARE))
        return;
    result("host.identity", "pass",
           "every input shape of ordinary names in two more processes while this one had the "
           "notifier loaded: %s (%s); %s: no crash, hang or exit",
           host_text(HOST_IDENTITY), host_identity_variables(), host_text(HOST_BARE));
}
