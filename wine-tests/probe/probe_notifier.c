/* connotify_probe<N>.dll: a notifier that records every AddConnectNotify /
 * CancelConnectNotify call verbatim into the shared record, in the order
 * counter shared with the test provider, and behaves as the test scripted:
 * leave lpContext NULL or set a value, return WN_SUCCESS or an error.
 * PROBE_ID (1 or 2) selects the instance; each instance is its own file. */
#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>

#include "test_record.h"

#ifndef PROBE_ID
#error PROBE_ID must be 1 or 2
#endif

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH)
        DisableThreadLibraryCalls(inst);
    return TRUE;
}

/* Default contexts use the full pointer width, so a POST that got a
 * truncated value is caught; each probe has its own range. */
static uint64_t default_base(void)
{
#ifdef _WIN64
    return 0x5a5a000000000000ull | ((uint64_t)PROBE_ID << 40);
#else
    return 0x5a000000u | ((uint32_t)PROBE_ID << 20);
#endif
}

/* Returns the scripted value while the count lasts (count < 0: always). */
static DWORD take(volatile LONG *count, DWORD value)
{
    LONG c;
    for (;;) {
        c = *count;
        if (c == 0)
            return WN_SUCCESS;
        if (c < 0)
            return value;
        if (InterlockedCompareExchange(count, c - 1, c) == c)
            return value;
    }
}

/* Records the NOTIFYINFO part and applies the script; returns the result. */
static DWORD on_notify(tr_shared *tr, tr_event *ev, NOTIFYINFO *info)
{
    tr_probe_script *s = &tr->probe[PROBE_ID];
    DWORD ret;

    if (!info) {
        if (ev)
            ev->nulls |= TR_NULL_INFO;
        return WN_BAD_POINTER;
    }
    if (ev) {
        ev->notify_status = info->dwNotifyStatus;
        ev->op_status = info->dwOperationStatus;
        ev->ctx_in = (uint64_t)(UINT_PTR)info->lpContext;
    }
    if (info->dwNotifyStatus == NOTIFY_PRE) {
        if (s->ctx_mode == TR_CTX_SET) {
            LONG n = InterlockedIncrement(&s->ctx_seq);
            uint64_t base = s->ctx_base ? s->ctx_base : default_base();
            info->lpContext = (void *)(UINT_PTR)(s->ctx_fixed ? s->ctx_base : base + (uint64_t)n);
        }
        ret = take(&s->pre_count, s->pre_ret);
    } else {
        ret = take(&s->post_count, s->post_ret);
    }
    if (ev)
        ev->ctx_out = (uint64_t)(UINT_PTR)info->lpContext;
    return ret;
}

/* Applies the script, then stores the result and commits the event. */
static DWORD notify_and_commit(tr_shared *tr, tr_event *ev, NOTIFYINFO *info)
{
    DWORD ret = on_notify(tr, ev, info);

    if (ev) {
        ev->ret = ret;
        tr_commit(ev);
    }
    return ret;
}

DWORD WINAPI AddConnectNotify(LPNOTIFYINFO info, LPNOTIFYADD add)
{
    tr_shared *tr = tr_open();
    tr_event *ev;

    if (!tr)
        return WN_SUCCESS;
    ev = tr_begin(tr, (enum tr_source)PROBE_ID, TR_FN_ADDCONNECTNOTIFY);
    if (ev) {
        if (add) {
            ev->hwnd = (uint64_t)(UINT_PTR)add->hwndOwner;
            ev->scope = add->NetResource.dwScope;
            ev->type = add->NetResource.dwType;
            ev->display_type = add->NetResource.dwDisplayType;
            ev->usage = add->NetResource.dwUsage;
            tr_copy_name(&ev->local, add->NetResource.lpLocalName);
            tr_copy_name(&ev->remote, add->NetResource.lpRemoteName);
            tr_copy_name(&ev->comment, add->NetResource.lpComment);
            tr_copy_name(&ev->provider, add->NetResource.lpProvider);
            ev->flags = add->dwAddFlags;
        } else {
            ev->nulls |= TR_NULL_STRUCT;
        }
    }
    return notify_and_commit(tr, ev, info);
}

DWORD WINAPI CancelConnectNotify(LPNOTIFYINFO info, LPNOTIFYCANCEL cancel)
{
    tr_shared *tr = tr_open();
    tr_event *ev;

    if (!tr)
        return WN_SUCCESS;
    ev = tr_begin(tr, (enum tr_source)PROBE_ID, TR_FN_CANCELCONNECTNOTIFY);
    if (ev) {
        if (cancel) {
            tr_copy_name(&ev->local, cancel->lpName);
            /* [doc] lpProvider is undefined in PRE: keep the raw value and
             * read the string only in POST. */
            ev->provider_ptr = (uint64_t)(UINT_PTR)cancel->lpProvider;
            if (info && info->dwNotifyStatus == NOTIFY_POST)
                tr_copy_name(&ev->provider, cancel->lpProvider);
            ev->flags = cancel->dwFlags;
            ev->force = cancel->fForce;
        } else {
            ev->nulls |= TR_NULL_STRUCT;
        }
    }
    return notify_and_commit(tr, ev, info);
}
