/* AddConnectNotify / CancelConnectNotify semantics on portable structs. */
#include "connotify/notify_core.h"

#include <stdlib.h>

/* Records up to this size are formatted on the stack. */
#define LINE_STACK 1024

void cn_notifier_init(cn_notifier *n, const cn_platform *platform)
{
    cn_pool_init(&n->pool);
    atomic_init(&n->seq, 0);
    atomic_init(&n->sink_failures, 0);
    atomic_init(&n->invalid, 0);
    n->platform = platform;
}

static cn_name16 name16(const cn_wchar *p, size_t bound)
{
    cn_name16 r;

    r.p = p;
    r.len = cn_wcsnlen(p, bound, &r.truncated);
    return r;
}

static void emit(cn_notifier *n, cn_event *ev)
{
    const cn_platform *pf = n->platform;
    char stack[LINE_STACK], *line = stack;
    size_t max, len;

    ev->seq = atomic_fetch_add(&n->seq, 1) + 1;
    if (!pf || !pf->sink)
        return;
    ev->pid = pf->pid ? pf->pid() : 0;
    ev->tid = pf->tid ? pf->tid() : 0;
    ev->time_ms = pf->now_ms ? pf->now_ms() : 0;
    max = cn_record_max(ev->local.len, ev->remote.len, ev->provider.len);
    /* Most records fit the stack even when their worst case does not: a
     * second pass into a block of exactly their size only for the others. */
    len = cn_record_format(ev, stack, max < sizeof(stack) ? max : sizeof(stack));
    if (len > sizeof(stack)) {
        if (len > max || !(line = malloc(len))) {
            atomic_fetch_add(&n->sink_failures, 1);
            return;
        }
        len = cn_record_format(ev, line, len);
    }
    if (len > max || pf->sink(pf->sink_arg, line, len))
        atomic_fetch_add(&n->sink_failures, 1);
    if (line != stack)
        free(line);
}

/* [doc] PRE gets lpContext from us (NULL: no POST follows); POST carries
 * back exactly the PRE's value. Returns the event's key or 0 plus reason. */
static void pair(cn_notifier *n, cn_notifyinfo *info, cn_event *ev)
{
    if (ev->phase == CN_PHASE_PRE) {
        info->lpContext = (void *)cn_pool_acquire(&n->pool, &ev->key);
        if (!ev->key)
            ev->ctx = "dropped";
    } else {
        cn_ctx_result r = cn_pool_release(&n->pool, (uintptr_t)info->lpContext, &ev->key);
        if (r != CN_CTX_OK)
            ev->ctx = cn_ctx_result_name(r);
    }
}

static int valid(cn_notifier *n, const cn_notifyinfo *info, const void *op)
{
    if (!n)
        return 0;
    /* [doc] dwNotifyStatus is NOTIFY_PRE or NOTIFY_POST. */
    if (!info || !op || (info->dwNotifyStatus != CN_NOTIFY_PRE &&
                         info->dwNotifyStatus != CN_NOTIFY_POST)) {
        atomic_fetch_add(&n->invalid, 1);
        return 0;
    }
    return 1;
}

uint32_t cn_on_add(cn_notifier *n, cn_notifyinfo *info, const cn_notifyadd *add,
                   size_t name_bound)
{
    cn_event ev = {0};

    if (!valid(n, info, add))
        return CN_WN_BAD_VALUE;
    ev.op = CN_OP_ADD;
    ev.phase = info->dwNotifyStatus == CN_NOTIFY_PRE ? CN_PHASE_PRE : CN_PHASE_POST;
    ev.status = info->dwOperationStatus;
    ev.type = add->NetResource.dwType;
    ev.flags = add->dwAddFlags;
    ev.local = name16(add->NetResource.lpLocalName, name_bound);
    ev.remote = name16(add->NetResource.lpRemoteName, name_bound);
    ev.provider = name16(add->NetResource.lpProvider, name_bound);
    pair(n, info, &ev);
    emit(n, &ev);
    return CN_WN_SUCCESS;
}

uint32_t cn_on_cancel(cn_notifier *n, cn_notifyinfo *info,
                      const cn_notifycancel *cancel, size_t name_bound)
{
    cn_event ev = {0};

    if (!valid(n, info, cancel))
        return CN_WN_BAD_VALUE;
    ev.op = CN_OP_CANCEL;
    ev.phase = info->dwNotifyStatus == CN_NOTIFY_PRE ? CN_PHASE_PRE : CN_PHASE_POST;
    ev.status = info->dwOperationStatus;
    ev.flags = cancel->dwFlags;
    ev.force = cancel->fForce != 0;
    ev.local = name16(cancel->lpName, name_bound);
    ev.remote = name16(NULL, 0);
    /* [doc] NOTIFYCANCEL.lpProvider is undefined in PRE and names the provider
     * only in a POST after success: read it nowhere else. */
    int provider_defined = ev.phase == CN_PHASE_POST && ev.status == CN_WN_SUCCESS;
    ev.provider = name16(provider_defined ? cancel->lpProvider : NULL, name_bound);
    pair(n, info, &ev);
    emit(n, &ev);
    return CN_WN_SUCCESS;
}
