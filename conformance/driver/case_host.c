/* Case host: the notifier in a process of unusual identity. A child (a copy
 * of this driver at a long non-ASCII path, host_identity.h) loads the
 * notifier and calls every input shape; its crash, exit and hang lines reach
 * the case's output directly, and the parent judges its end. */
#include "cases.h"

#include "call.h"
#include "child.h"
#include "host_identity.h"
#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <stdio.h>
#include <wchar.h>

enum { CHILD_LIMIT_MS = 150000 };

static int child_role;

void host_child_role(void)
{
    child_role = 1;
}

static const char *host_text(void)
{
    static char text[200];
    snprintf(text, sizeof text,
             "in a host with a %u-unit image path, a %u-unit command line, a %u-unit current "
             "directory and profile folders (TEMP, APPDATA, ...), all non-ASCII",
             HOST_IMAGE_UNITS, HOST_COMMAND_UNITS, HOST_FOLDER_UNITS - 1);
    return text;
}

/* The child: every input shape of ordinary names (the long and surrogate
 * ones are the drive cases'), named by the host it runs in. */
static void host_child(void)
{
    out_only_check("host.identity");
    calls_condition(host_text());
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    announce_step("every input shape of ordinary names %s", host_text());
    for (unsigned i = 0; i < n_shapes; i++) {
        if (shape_at(i)->ordinary)
            shape_cycle(shape_at(i), NULL);
    }
    if (!heaps_valid()) {
        result_bad("host.identity",
                   "a process heap fails HeapValidate after the calls %s: the notifier "
                   "wrote outside a heap block (a buffer sized for a shorter path or command "
                   "line)",
                   host_text());
    }
    /* A verdict of its own: the parent must not add its pass. */
    if (violation_of("host.identity"))
        ExitProcess(1);
}

static int start_child(struct host_identity *h, PROCESS_INFORMATION *pi)
{
    WCHAR before[64];
    WCHAR after[MAX_PATH + 16];
    swprintf(before, sizeof before / sizeof before[0], L"--hang-ms %u --host-child", cf.hang_ms);
    swprintf(after, sizeof after / sizeof after[0], L"host \"%ls\"", cf.dll);
    if (!host_identity_make(h, before, after))
        return 0;
    return child_start(h->image, h->args, NULL, h->environment, h->folder, pi);
}

void case_host(void)
{
    if (child_role) {
        host_child();
        return;
    }
    struct host_identity h;
    PROCESS_INFORMATION pi;
    announce_step("a child process %s loads the notifier and calls every input shape of "
                  "ordinary names",
                  host_text());
    if (!start_child(&h, &pi)) {
        result("host.identity", "notjudged",
               "the child process could not be made or started (error %lu)", GetLastError());
        host_identity_remove(&h);
        return;
    }
    DWORD w = WaitForSingleObject(pi.hProcess, CHILD_LIMIT_MS);
    DWORD code = 0;
    if (w != WAIT_OBJECT_0)
        TerminateProcess(pi.hProcess, 1);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    host_identity_remove(&h);
    if (w != WAIT_OBJECT_0) {
        result("host.identity", "fail",
               "the child did not finish its calls within %u s %s (no single call hung: "
               "they are slow there)",
               CHILD_LIMIT_MS / 1000, host_text());
        return;
    }
    if (code != 0) {
        /* Its CRASH, EXIT or HANG line is in this case's output: the
         * runner judges this process's end as the child's. */
        fflush(stdout);
        ExitProcess(code);
    }
    result("host.identity", "pass",
           "every input shape of ordinary names %s (%s): no crash, hang or exit", host_text(),
           host_identity_variables());
}
