/* Answers on one device after operations on others (see device_sequences.h). */
#include "device_sequences.h"

#include "call.h"
#include "device_ops.h"
#include "fence.h"
#include "fresh_load.h"
#include "out.h"

#include <stdio.h>
#include <wchar.h>
#include <windows.h>

#define PROJECTS L"\\\\fileserver\\projects"
#define LASER    L"\\\\printserver\\laser"
#define ARCHIVE  L"\\\\fileserver\\archive"
#define PROJECTS_UPPER L"\\\\FILESERVER\\PROJECTS"
#define PUBLIC         L"\\\\fileserver\\public"

/* The names the sequences pass, each fenced once, on first use, with its label. */
static const struct {
    const WCHAR *name;
    const char *label;
} names[] = {
    {L"Y:", "lpLocalName (device sequences)"},
    {L"Z:", "lpLocalName (device sequences)"},
    {L"L:", "lpLocalName (device sequences)"},
    {L"LPT1", "lpLocalName (device sequences)"},
    {PROJECTS, "lpRemoteName (device sequences)"},
    {LASER, "lpRemoteName (a printer)"},
    {ARCHIVE, "lpRemoteName (another share)"},
    {PROJECTS_UPPER, "lpRemoteName (device sequences, upper case)"},
    {PUBLIC, "lpRemoteName (adds made and cancelled, a control)"},
    {L"W:", "lpLocalName (device sequences, a control)"},
    {L"E:", "lpLocalName (device sequences)"},
    {L"F:", "lpLocalName (device sequences)"},
    {L"G:", "lpLocalName (device sequences)"},
    {L"H:", "lpLocalName (device sequences)"},
    {L"I:", "lpLocalName (device sequences)"},
};

static const WCHAR *fenced(const WCHAR *name)
{
    static WCHAR *copies[sizeof names / sizeof names[0]];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (wcscmp(names[i].name, name))
            continue;
        if (!copies[i])
            copies[i] = fence_wstr(name, names[i].label);
        return copies[i];
    }
    return NULL;
}

static const WCHAR *remote_disk(void)
{
    return fenced(PROJECTS);
}

static const WCHAR *remote_printer(void)
{
    return fenced(LASER);
}

static const WCHAR *remote_archive(void)
{
    return fenced(ARCHIVE);
}

static const WCHAR *remote_disk_upper(void)
{
    return fenced(PROJECTS_UPPER);
}

static const WCHAR *local(const WCHAR *device)
{
    return fenced(device);
}

/* An add of `remote` on `device`; `held`, when set, connected (added, not cancelled) before it
 * and cancelled after. */
struct device_ask {
    DWORD type;
    const WCHAR *device;
    const WCHAR *remote;
    DWORD held_type;
    const WCHAR *held;
    const WCHAR *held_remote;
};

static DWORD add_alone(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "an add alone in a fresh load";
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    return got;
}

static DWORD add_after_orphan_cancel(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "a cancel of Y: never added here, then an add of Y:";
    device_cancel(local(q->device), what);
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    return got;
}

static DWORD add_while_held(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "an add while another device is connected";
    device_add(q->held_type, local(q->held), q->held_remote, what);
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    device_cancel(local(q->held), what);
    return got;
}

/* The held connection's cancel fails (open files): it stays connected [doc]. */
static DWORD add_after_failed_cancel(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "an add, a cancel of it that failed (WN_OPEN_FILES), an add";
    device_add(q->held_type, local(q->held), q->held_remote, what);
    device_cancel_failed(local(q->held), WN_OPEN_FILES, what);
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    device_cancel(local(q->held), what);
    return got;
}

/* Connections to the held share on drives E: to I: and deviceless, each added here and then
 * cancelled with `status` in its POST; then the asked add. */
static DWORD add_after_cancels(const struct device_ask *q, DWORD status, const char *what)
{
    static const WCHAR *const letters[] = {L"E:", L"F:", L"G:", L"H:", L"I:"};
    for (int i = 0; i < SEQUENCE_REPEATS; i++) {
        const WCHAR *device = i % 2 ? local(letters[(i / 2) % 5]) : NULL;
        if (device_add(q->held_type, device, q->held_remote, what) != WN_SUCCESS)
            continue;
        if (status == WN_SUCCESS)
            device_cancel(device ? device : q->held_remote, what);
        else
            device_cancel_failed(device ? device : q->held_remote, status, what);
    }
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    return got;
}

static DWORD add_after_done_cancels(const void *arg)
{
    return add_after_cancels(arg, WN_SUCCESS, "adds each cancelled (POST WN_SUCCESS), an add");
}

/* Each connection removed elsewhere (another process's `net use /delete`: drives belong to
 * the logon session), so this process's cancel fails with WN_NOT_CONNECTED: nothing is
 * connected [doc: WNetCancelConnection2], as after a cancel that succeeded. Books that keep a
 * connection until a cancel says success keep these for good (a quota of up to 30). */
static DWORD add_after_gone_cancels(const void *arg)
{
    return add_after_cancels(arg, WN_NOT_CONNECTED,
                             "adds each cancelled with POST WN_NOT_CONNECTED (gone elsewhere), "
                             "an add");
}

/* The asked share held on `held`, cancelled, and another share (held_remote) added there: the
 * asked share is connected nowhere. Books that map a share to its letter and check only that
 * the letter is live take the letter's new connection for the old one. */
static DWORD add_after_letter_reused(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "an add on Y:, its cancel, an add of another share on Y:, an add";
    device_add(q->held_type, local(q->held), q->remote, what);
    device_cancel(local(q->held), what);
    device_add(q->held_type, local(q->held), q->held_remote, what);
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    device_cancel(local(q->held), what);
    return got;
}

/* `base`'s answer, the same in each fresh load, into *was; 1 when `other`'s differs from it in
 * each (the last into *got). */
static int answers_apart(fresh_ask_fn base, fresh_ask_fn other, const struct device_ask *q,
                         DWORD *was, DWORD *got)
{
    return fresh_load_answer(base, q, was) && fresh_load_differs(other, q, *was, got);
}

int orphan_cancel_differs(char *text, size_t cap)
{
    const struct device_ask q = {
        .type = RESOURCETYPE_DISK, .device = L"Y:", .remote = remote_disk()};
    DWORD alone;
    DWORD got;
    if (!answers_apart(add_alone, add_after_orphan_cancel, &q, &alone, &got))
        return 0;
    snprintf(text, cap,
             "the add PRE of \\\\fileserver\\projects on Y: returned %s right after a cancel of "
             "Y: that no add in this process preceded, and %s alone in a fresh load (%d rounds "
             "each): a connection made by another process or restored at logon is cancelled "
             "here, and the notifier's books went wrong [doc]",
             wn_name(got), wn_name(alone), FRESH_ROUNDS);
    return 1;
}

int device_alias_differs(char *text, size_t cap)
{
    static const struct alias {
        DWORD type;
        const WCHAR *device;
        DWORD held_type;
        const WCHAR *held;
    } aliases[] = {
        {RESOURCETYPE_PRINT, L"LPT1", RESOURCETYPE_DISK, L"L:"},
        {RESOURCETYPE_DISK, L"L:", RESOURCETYPE_PRINT, L"LPT1"},
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        const struct alias *a = &aliases[i];
        const struct device_ask q = {
            .type = a->type,
            .device = a->device,
            .remote = a->type == RESOURCETYPE_PRINT ? remote_printer() : remote_disk(),
            .held_type = a->held_type,
            .held = a->held,
            .held_remote = a->held_type == RESOURCETYPE_PRINT ? remote_printer() : remote_disk(),
        };
        DWORD alone;
        DWORD got;
        if (!answers_apart(add_alone, add_while_held, &q, &alone, &got))
            continue;
        snprintf(text, cap,
                 "the add PRE on %ls returned %s while %ls was connected, and %s alone in a "
                 "fresh load (%d rounds each): %ls and %ls are different devices [doc: "
                 "lpLocalName, a drive letter or a device name such as LPT1]",
                 a->device, wn_name(got), a->held, wn_name(alone), FRESH_ROUNDS, a->device,
                 a->held);
        return 1;
    }
    return 0;
}

/* Deviceless connections to the held share, each cancelled by that remote name: it ends only
 * the deviceless connection [doc: WNetCancelConnection2, lpName], the held device stays. Books
 * that never end a deviceless entry fill up (a quota of up to 30). */
static DWORD add_after_remote_cancel(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "an add, deviceless adds of its share each cancelled by that remote name, "
                       "an add";
    device_add(q->held_type, local(q->held), q->held_remote, what);
    for (int i = 0; i < SEQUENCE_REPEATS; i++) {
        if (device_add(q->held_type, NULL, q->held_remote, what) == WN_SUCCESS)
            device_cancel(q->held_remote, what);
        else
            device_cancel_failed(q->held_remote, WN_NOT_CONNECTED, what);
    }
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    device_cancel(local(q->held), what);
    return got;
}

/* Adds of the held share on the held device that the provider failed: nothing connected. A
 * count of connections taken in PRE grows by one each (a quota of up to 30). */
static DWORD add_after_failed_adds(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "adds that failed (POST WN_BAD_NETNAME), then an add";
    for (int i = 0; i < SEQUENCE_REPEATS; i++)
        device_add_failed(q->held_type, local(q->held), q->held_remote, WN_BAD_NETNAME, what);
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    return got;
}

/* Another share added on the held device, its POST failed (WN_ALREADY_CONNECTED: the device is
 * taken): nothing was connected, the held connection stays [doc]. Books that find the failed
 * add's entry by its device drop the held one's. */
static DWORD add_after_failed_add_on_held(const void *arg)
{
    const struct device_ask *q = arg;
    const char *what = "an add, an add of another share on its device that failed (POST "
                       "WN_ALREADY_CONNECTED), an add";
    device_add(q->held_type, local(q->held), q->held_remote, what);
    device_add_failed(q->held_type, local(q->held), remote_archive(), WN_ALREADY_CONNECTED, what);
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    device_cancel(local(q->held), what);
    return got;
}

/* The control of a sequence: as many adds as it makes and two more, of another share on W:,
 * each connected and cancelled (while Y: holds its share, when holds), then the add. A
 * notifier that refuses after so many adds whatever they were (a rate or count limit)
 * answers it as it answers the sequence. */
static DWORD made_adds_then_add(const struct device_ask *q, int holds)
{
    const char *what = "adds of another share, each made and cancelled, then an add";
    if (holds)
        device_add(q->held_type, local(q->held), q->held_remote, what);
    for (int i = 0; i < SEQUENCE_REPEATS + 2; i++) {
        if (device_add(RESOURCETYPE_DISK, local(L"W:"), fenced(PUBLIC), what) == WN_SUCCESS)
            device_cancel(local(L"W:"), what);
    }
    DWORD got = device_add(q->type, local(q->device), q->remote, what);
    device_cancel(local(q->device), what);
    if (holds)
        device_cancel(local(q->held), what);
    return got;
}

/* The control of add_alone and of add_while_held. */
static DWORD add_after_made_adds(const void *arg)
{
    return made_adds_then_add(arg, 0);
}

static DWORD add_while_held_after_made_adds(const void *arg)
{
    return made_adds_then_add(arg, 1);
}

/* 1 when an add asked after `after` answers apart from the same add after `base`, where Y:
 * holds (or was to hold) \\fileserver\projects: the same share on Z:, then another share on
 * Y:. The ask in *q, the answers in *was and *got. */
static int answer_moved(fresh_ask_fn base, fresh_ask_fn after, struct device_ask *q, DWORD *was,
                        DWORD *got)
{
    /* The same share on another drive, another share on the same drive. */
    const struct device_ask asks[] = {
        {.type = RESOURCETYPE_DISK, .device = L"Z:", .remote = remote_disk()},
        {.type = RESOURCETYPE_DISK, .device = L"Y:", .remote = remote_archive()},
    };
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        *q = asks[i];
        q->held_type = RESOURCETYPE_DISK;
        q->held = L"Y:";
        q->held_remote = remote_disk();
        if (!answers_apart(base, after, q, was, got))
            continue;
        /* Moved by how many adds came before, not by what they were: not this judgement. */
        DWORD control = WN_SUCCESS;
        fresh_ask_fn control_ask =
            base == add_while_held ? add_while_held_after_made_adds : add_after_made_adds;
        if (fresh_load_differs(control_ask, q, *was, &control) && control == *got)
            continue;
        return 1;
    }
    return 0;
}

/* 1 and the text when an add asked after `after` answers apart from the same add while Y: holds
 * \\fileserver\projects: "..., and <answer> after <after_what>, in fresh loads (...): <why>". */
static int held_answer_moved(fresh_ask_fn after, const char *after_what, const char *why,
                             char *text, size_t cap)
{
    struct device_ask q;
    DWORD held;
    DWORD got;
    if (!answer_moved(add_while_held, after, &q, &held, &got))
        return 0;
    snprintf(text, cap,
             "the add PRE of %ls on %ls returned %s while \\\\fileserver\\projects was "
             "connected on Y:, and %s after %s, in fresh loads (%d rounds each): %s",
             q.remote, q.device, wn_name(held), wn_name(got), after_what, FRESH_ROUNDS, why);
    return 1;
}

/* 1 and the text when an add asked after `after` answers apart from the same add alone in a
 * fresh load: "..., and <answer> alone, in fresh loads (...): <why>". */
static int alone_answer_moved(fresh_ask_fn after, const char *after_what, const char *why,
                              char *text, size_t cap)
{
    struct device_ask q;
    DWORD alone;
    DWORD got;
    if (!answer_moved(add_alone, after, &q, &alone, &got))
        return 0;
    snprintf(text, cap,
             "the add PRE of %ls on %ls returned %s after %s, and %s alone, in fresh loads (%d "
             "rounds each): %s",
             q.remote, q.device, wn_name(got), after_what, wn_name(alone), FRESH_ROUNDS, why);
    return 1;
}

int failed_cancel_differs(char *text, size_t cap)
{
    return held_answer_moved(add_after_failed_cancel,
                             "a cancel of Y: that failed (POST WN_OPEN_FILES: Y: stays connected)",
                             "the notifier acted on the cancel before its result; a cancel's "
                             "outcome is known only in its POST [doc]",
                             text, cap);
}

int remote_cancel_differs(char *text, size_t cap)
{
    char after_what[128];
    snprintf(after_what, sizeof after_what,
             "%d deviceless connections to that share were each added and cancelled by its "
             "remote name",
             SEQUENCE_REPEATS);
    return held_answer_moved(add_after_remote_cancel, after_what,
                             "a cancel by a remote name ends only the deviceless connections to "
                             "it, Y: stays connected [doc: WNetCancelConnection2]",
                             text, cap);
}

int failed_add_differs(char *text, size_t cap)
{
    char after_what[128];
    snprintf(after_what, sizeof after_what,
             "%d adds of \\\\fileserver\\projects on Y: that failed (POST WN_BAD_NETNAME: "
             "nothing connected)",
             SEQUENCE_REPEATS);
    return alone_answer_moved(add_after_failed_adds, after_what,
                              "adds that connected nothing count against the next; an add's "
                              "outcome is known only in its POST [doc], so books kept in its PRE "
                              "count failures",
                              text, cap);
}

int failed_add_on_held_differs(char *text, size_t cap)
{
    return held_answer_moved(add_after_failed_add_on_held,
                             "an add of \\\\fileserver\\archive on Y: that failed (POST "
                             "WN_ALREADY_CONNECTED: Y: was taken)",
                             "an add that failed connected nothing and changed nothing: Y: still "
                             "holds its share [doc]; books that find the failed add's entry by "
                             "its device, not by its own context, drop the live one's",
                             text, cap);
}

int held_case_differs(char *text, size_t cap)
{
    const WCHAR *const spelt[2] = {remote_disk(), remote_disk_upper()};
    for (int k = 0; k < 2; k++) {
        struct device_ask q = {
            .type = RESOURCETYPE_DISK,
            .device = L"Z:",
            .remote = spelt[k],
            .held_type = RESOURCETYPE_DISK,
            .held = L"Y:",
            .held_remote = spelt[k],
        };
        DWORD same;
        DWORD got;
        if (!fresh_load_answer(add_while_held, &q, &same))
            continue;
        q.remote = spelt[1 - k];
        if (!fresh_load_differs(add_while_held, &q, same, &got))
            continue;
        snprintf(text, cap,
                 "the add PRE of %ls on Z: returned %s while %ls was connected on Y:, and %s "
                 "for %ls, in fresh loads (%d rounds each): share names differ only in case "
                 "[doc], so both are the share Y: holds",
                 spelt[1 - k], wn_name(got), spelt[k], wn_name(same), spelt[k], FRESH_ROUNDS);
        return 1;
    }
    return 0;
}

int gone_cancel_differs(char *text, size_t cap)
{
    struct device_ask q;
    DWORD done;
    DWORD got;
    if (!answer_moved(add_after_done_cancels, add_after_gone_cancels, &q, &done, &got))
        return 0;
    snprintf(text, cap,
             "the add PRE of %ls on %ls returned %s after %d connections to "
             "\\\\fileserver\\projects (on E: to I: and deviceless) were each added and then "
             "cancelled with POST WN_NOT_CONNECTED, and %s after the same cancelled with POST "
             "WN_SUCCESS, in fresh loads (%d rounds each): WN_NOT_CONNECTED says nothing is "
             "connected (removed by another process: drives belong to the logon session) [doc: "
             "WNetCancelConnection2]; books that keep a connection until a cancel says success "
             "keep these for good",
             q.remote, q.device, wn_name(got), SEQUENCE_REPEATS, wn_name(done), FRESH_ROUNDS);
    return 1;
}

int letter_reuse_differs(char *text, size_t cap)
{
    const struct device_ask q = {
        .type = RESOURCETYPE_DISK,
        .device = L"Z:",
        .remote = remote_disk(),
        .held_type = RESOURCETYPE_DISK,
        .held = L"Y:",
        .held_remote = remote_archive(),
    };
    DWORD held;
    DWORD got;
    if (!answers_apart(add_while_held, add_after_letter_reused, &q, &held, &got))
        return 0;
    snprintf(text, cap,
             "the add PRE of \\\\fileserver\\projects on Z: returned %s after Y: held it, was "
             "cancelled and then held \\\\fileserver\\archive, and %s while Y: held only "
             "\\\\fileserver\\archive, in fresh loads (%d rounds each): the cancelled share is "
             "connected nowhere; books that map a share to its letter and check only that the "
             "letter is live take the letter's new connection for the old one",
             wn_name(got), wn_name(held), FRESH_ROUNDS);
    return 1;
}
