/* Answers on one device after operations on others (see device_sequences.h). */
#include "device_sequences.h"

#include "call.h"
#include "device_ops.h"
#include "fence.h"
#include "out.h"

#include <stdio.h>
#include <windows.h>

enum { ROUNDS = 2 };

static const WCHAR *remote_disk(void)
{
    static WCHAR *name;
    if (!name)
        name = fence_wstr(L"\\\\fileserver\\projects", "lpRemoteName (device sequences)");
    return name;
}

static const WCHAR *remote_printer(void)
{
    static WCHAR *name;
    if (!name)
        name = fence_wstr(L"\\\\printserver\\laser", "lpRemoteName (a printer)");
    return name;
}

static const WCHAR *local(const WCHAR *device)
{
    return fence_wstr(device, "lpLocalName (device sequences)");
}

/* The add PRE's answer of one device in a fresh load, alone: the same twice, else 0. */
static int fresh_answer(DWORD type, const WCHAR *device, const WCHAR *remote, DWORD *answer)
{
    const char *what = "an add alone in a fresh load";
    for (int r = 0; r < ROUNDS; r++) {
        if (!reload_notifier())
            return 0;
        DWORD got = device_add(type, local(device), remote, what);
        device_cancel(local(device), what);
        if (r > 0 && got != *answer)
            return 0;
        *answer = got;
    }
    return 1;
}

int orphan_cancel_differs(char *text, size_t cap)
{
    DWORD alone;
    if (!fresh_answer(RESOURCETYPE_DISK, L"Y:", remote_disk(), &alone))
        return 0;
    const char *what = "a cancel of Y: never added here, then an add of Y:";
    DWORD got = alone;
    for (int r = 0; r < ROUNDS; r++) {
        if (!reload_notifier())
            return 0;
        device_cancel(local(L"Y:"), what);
        got = device_add(RESOURCETYPE_DISK, local(L"Y:"), remote_disk(), what);
        device_cancel(local(L"Y:"), what);
        if (got == alone)
            return 0;
    }
    snprintf(text, cap,
             "the add PRE of \\\\fileserver\\projects on Y: returned %s right after a cancel of "
             "Y: that no add in this process preceded, and %s alone in a fresh load (%d rounds "
             "each): a connection made by another process or restored at logon is cancelled "
             "here, and the notifier's books went wrong [doc]",
             wn_name(got), wn_name(alone), ROUNDS);
    return 1;
}

/* The add PRE of `device` while `held` is connected (added, not cancelled). */
static DWORD add_while_held(DWORD type, const WCHAR *device, const WCHAR *remote, DWORD held_type,
                            const WCHAR *held, const WCHAR *held_remote)
{
    const char *what = "an add while another device is connected";
    device_add(held_type, local(held), held_remote, what);
    DWORD got = device_add(type, local(device), remote, what);
    device_cancel(local(device), what);
    device_cancel(local(held), what);
    return got;
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
        const WCHAR *remote = a->type == RESOURCETYPE_PRINT ? remote_printer() : remote_disk();
        const WCHAR *held_remote =
            a->held_type == RESOURCETYPE_PRINT ? remote_printer() : remote_disk();
        DWORD alone;
        if (!fresh_answer(a->type, a->device, remote, &alone))
            continue;
        DWORD got = alone;
        int rounds = 0;
        while (rounds < ROUNDS && reload_notifier()) {
            got = add_while_held(a->type, a->device, remote, a->held_type, a->held, held_remote);
            if (got == alone)
                break;
            rounds++;
        }
        if (rounds < ROUNDS)
            continue;
        snprintf(text, cap,
                 "the add PRE on %ls returned %s while %ls was connected, and %s alone in a "
                 "fresh load (%d rounds each): %ls and %ls are different devices [doc: "
                 "lpLocalName, a drive letter or a device name such as LPT1]",
                 a->device, wn_name(got), a->held, wn_name(alone), ROUNDS, a->device, a->held);
        return 1;
    }
    return 0;
}
