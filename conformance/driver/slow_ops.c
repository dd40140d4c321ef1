/* Operations that take long (see slow_ops.h). */
#include "slow_ops.h"

#include "call.h"
#include "fence.h"
#include "out.h"

#include <stdio.h>

enum { SHORT_MS = 3000, LONG_MS = 11000, OPS = 8 };

/* One operation: its PRE now, its POST after `wait_ms` with `status`. */
struct slow_op {
    enum op_kind kind;
    void *pre_arg;
    void *post_arg;
    DWORD status;
    DWORD wait_ms;
    void *ctx;
    const char *what;
};

static void pre_all(struct slow_op *ops, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        ops[i].ctx = NULL;
        call_op(ops[i].kind, NULL, NOTIFY_PRE, WN_SUCCESS, &ops[i].ctx, ops[i].pre_arg,
                ops[i].what);
    }
}

/* The POSTs of ops, each when its wait is over; the PREs came at `start`. */
static void post_all(struct slow_op *ops, unsigned n, DWORD start)
{
    static const DWORD waits[] = {SHORT_MS, LONG_MS};
    for (size_t k = 0; k < sizeof waits / sizeof waits[0]; k++) {
        DWORD wait = waits[k];
        DWORD waited = GetTickCount() - start;
        if (waited < wait)
            Sleep(wait - waited);
        char note[96];
        snprintf(note, sizeof note, "in operations whose POST came %lu s after their PRE",
                 (unsigned long)(wait / 1000));
        calls_note(note);
        for (unsigned i = 0; i < n; i++) {
            if (ops[i].wait_ms == wait && ops[i].ctx)
                call_op(ops[i].kind, NULL, NOTIFY_POST, ops[i].status, &ops[i].ctx, ops[i].post_arg,
                        ops[i].what);
        }
        calls_note(NULL);
    }
}

void slow_operations(void)
{
    WCHAR *y = fence_wstr(L"Y:", "lpLocalName");
    WCHAR *x = fence_wstr(L"X:", "lpLocalName");
    WCHAR *w = fence_wstr(L"W:", "lpLocalName");
    WCHAR *v = fence_wstr(L"V:", "lpLocalName");
    WCHAR *down = fence_wstr(L"\\\\srv-down\\share", "lpRemoteName");
    WCHAR *provider = fence_wstr(PROVIDER, "lpProvider");
    NOTIFYADD *add_y = mk_add(RESOURCETYPE_DISK, y, s_remote, provider, 0);
    NOTIFYADD *add_x = mk_add(RESOURCETYPE_DISK, x, s_remote, provider, CONNECT_TEMPORARY);
    NOTIFYADD *add_down = mk_add(RESOURCETYPE_DISK, NULL, down, provider, 0);
    NOTIFYADD *add_down_temp = mk_add(RESOURCETYPE_DISK, NULL, down, provider, CONNECT_TEMPORARY);
    /* The cancels are of connections made elsewhere (another process, a logon): W: and V:,
     * the server that is down, the share held open. */
    struct slow_op ops[OPS] = {
        {OP_ADD, add_y, add_y, WN_SUCCESS, SHORT_MS, NULL, "slow add"},
        {OP_ADD, add_x, add_x, WN_SUCCESS, LONG_MS, NULL, "slow add"},
        {OP_ADD, add_down, add_down, ERROR_BAD_NETPATH, SHORT_MS, NULL,
         "slow add of a server that is down"},
        {OP_ADD, add_down_temp, add_down_temp, ERROR_SEM_TIMEOUT, LONG_MS, NULL,
         "slow add of a server that is down"},
        {OP_CANCEL, mk_cancel(w, s_pre_provider, 0, FALSE), mk_cancel(w, provider, 0, FALSE),
         WN_SUCCESS, SHORT_MS, NULL, "slow cancel"},
        {OP_CANCEL, mk_cancel(v, s_pre_provider, CONNECT_UPDATE_PROFILE, TRUE),
         mk_cancel(v, provider, CONNECT_UPDATE_PROFILE, TRUE), WN_SUCCESS, LONG_MS, NULL,
         "slow forced cancel"},
        {OP_CANCEL, mk_cancel(down, s_pre_provider, 0, FALSE), mk_cancel(down, NULL, 0, FALSE),
         WN_NOT_CONNECTED, SHORT_MS, NULL, "slow cancel of a server that is down"},
        {OP_CANCEL, mk_cancel(s_remote, s_pre_provider, 0, FALSE),
         mk_cancel(s_remote, NULL, 0, FALSE), WN_OPEN_FILES, LONG_MS, NULL,
         "slow cancel that found open files"},
    };
    announce_step("%u adds and cancels at once whose POST comes %d s or %d s after their PRE", OPS,
                  SHORT_MS / 1000, LONG_MS / 1000);
    calls_snapshot_all(1);
    pre_all(ops, OPS);
    post_all(ops, OPS, GetTickCount());
    /* Y: and X: cancelled at once: nothing of this is left held. */
    pair_cancel(mk_cancel(y, s_pre_provider, 0, FALSE), mk_cancel(y, provider, 0, FALSE),
                WN_SUCCESS, "cancel after a slow add");
    pair_cancel(mk_cancel(x, s_pre_provider, 0, FALSE), mk_cancel(x, provider, 0, FALSE),
                WN_SUCCESS, "cancel after a slow add");
    calls_snapshot_all(0);
}
