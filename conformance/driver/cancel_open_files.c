/* Files a notifier keeps open on the drive being cancelled (see cancel_open_files.h). */
#include "cancel_open_files.h"

#include "call.h"
#include "drive_target.h"
#include "fence.h"
#include "handle_list.h"

#include <npapi.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* How long the notifier's own threads get, after the add's POST, to open what they open. */
enum { SETTLE_MS = 600, SETTLE_STEP_MS = 30 };

struct open_scan {
    const struct drive_target *drive;
    int found;
    WCHAR path[MAX_PATH];
};

static void scan_handle(HANDLE h, void *arg)
{
    struct open_scan *scan = arg;
    WCHAR path[MAX_PATH];
    if (scan->found || GetFileType(h) != FILE_TYPE_DISK)
        return;
    DWORD n = GetFinalPathNameByHandleW(h, path, MAX_PATH, FILE_NAME_NORMALIZED);
    if (!n || n >= MAX_PATH || !drive_target_holds(scan->drive, path))
        return;
    scan->found = 1;
    drive_target_shown(scan->drive, path, scan->path, MAX_PATH);
}

/* 1 and the path when a handle of this process is open on the drive. */
static int open_on(const struct drive_target *d, WCHAR *path)
{
    struct open_scan scan = {d, 0, {0}};
    handles_each(scan_handle, &scan);
    if (scan.found)
        wcscpy(path, scan.path);
    return scan.found;
}

struct drive_round {
    struct drive_target *drive;
    DWORD add_flags;
    const char *flags_name;
    int opened; /* a handle on the drive was seen after the add */
    int kept;   /* ... and after the cancel's PRE */
    WCHAR path[MAX_PATH];
};

/* The cancel the provider could not make (files open): POST WN_OPEN_FILES, then a forced one. */
static void cancel_refused_by_provider(struct drive_round *r, void *ctx, DWORD cancel_flags,
                                       const char *what)
{
    const WCHAR *device = r->drive->device;
    NOTIFYCANCEL *failed = mk_cancel(device, NULL, cancel_flags, FALSE);
    if (ctx)
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_OPEN_FILES, &ctx, failed, what);
    fence_free(failed);
    NOTIFYCANCEL *pre = mk_cancel(device, s_pre_provider, cancel_flags, TRUE);
    NOTIFYCANCEL *post = mk_cancel(device, s_provider, cancel_flags, TRUE);
    void *forced = NULL;
    DWORD answer = call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &forced, pre,
                           "forced cancel after the unforced one failed for open files");
    drive_target_remove(r->drive);
    if (answer == WN_SUCCESS && forced)
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &forced, post,
                "forced cancel after the unforced one failed for open files");
    fence_free(pre);
    fence_free(post);
}

/* One add and unforced cancel of the drive. 0 and the reason when the drive cannot be made. */
static int round_of(struct drive_round *r, char *why, size_t cap)
{
    char what[160];
    const WCHAR *device = r->drive->device;
    DWORD cancel_flags = r->add_flags & CONNECT_UPDATE_PROFILE;
    snprintf(what, sizeof what, "add of %ls (%s), the drive made real before its POST", device,
             r->flags_name);
    NOTIFYADD *a = mk_add(RESOURCETYPE_DISK, device, s_remote, s_provider, r->add_flags);
    void *ctx = NULL;
    DWORD answer = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, a, what);
    if (answer != WN_SUCCESS) {
        fence_free(a);
        return 1;
    }
    if (!drive_target_define(r->drive, why, cap)) {
        fence_free(a);
        return 0;
    }
    if (ctx)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, a, what);
    fence_free(a);
    for (int waited = 0; waited < SETTLE_MS && !r->opened; waited += SETTLE_STEP_MS) {
        r->opened = open_on(r->drive, r->path);
        if (!r->opened)
            Sleep(SETTLE_STEP_MS);
    }
    snprintf(what, sizeof what, "unforced cancel of %ls (%s), the drive still real", device,
             r->flags_name);
    NOTIFYCANCEL *pre = mk_cancel(device, s_pre_provider, cancel_flags, FALSE);
    NOTIFYCANCEL *post = mk_cancel(device, s_provider, cancel_flags, FALSE);
    ctx = NULL;
    answer = call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx, pre, what);
    if (answer == WN_SUCCESS)
        r->kept = open_on(r->drive, r->path);
    if (r->kept) {
        cancel_refused_by_provider(r, ctx, cancel_flags, what);
    } else {
        drive_target_remove(r->drive);
        if (answer == WN_SUCCESS && ctx)
            call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &ctx, post, what);
    }
    fence_free(pre);
    fence_free(post);
    return 1;
}

enum open_files_verdict cancel_open_files(char *text, size_t cap)
{
    static const struct {
        DWORD flags;
        const char *name;
    } adds[] = {
        {CONNECT_UPDATE_PROFILE, "persistent, CONNECT_UPDATE_PROFILE"},
        {CONNECT_TEMPORARY, "temporary, CONNECT_TEMPORARY"},
    };
    struct drive_target drive;
    char why[300];
    if (!drive_target_take(&drive, why, sizeof why)) {
        snprintf(text, cap, "no drive to add: %s", why);
        return OPEN_FILES_NOTJUDGED;
    }
    int opened = 0;
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
        struct drive_round r = {&drive, adds[i].flags, adds[i].name, 0, 0, {0}};
        if (!round_of(&r, why, sizeof why)) {
            drive_target_release(&drive);
            snprintf(text, cap, "no drive to add: %s", why);
            return OPEN_FILES_NOTJUDGED;
        }
        opened += r.opened;
        if (!r.kept)
            continue;
        drive_target_release(&drive);
        snprintf(text, cap,
                 "%ls was still open in this process when the PRE of an unforced cancel of %ls "
                 "(added %s, a network drive from its add's POST on) returned: the provider's "
                 "cancel fails with WN_OPEN_FILES while a file is open on the connection "
                 "[doc: fForce], so the drive cannot be unmapped without force; close what is "
                 "open on it in the cancel's PRE",
                 r.path, drive.device, adds[i].name);
        return OPEN_FILES_FAIL;
    }
    drive_target_release(&drive);
    snprintf(text, cap,
             "%ls added persistent and temporary, a network drive from each add's POST on: "
             "nothing open on it when each unforced cancel's PRE returned (%d of 2 adds left "
             "something open on it before)",
             drive.device, opened);
    return OPEN_FILES_PASS;
}
