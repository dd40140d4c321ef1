/* Shared record: see test_record.h. */
#include "test_record.h"

#include <stdio.h>
#include <string.h>

static tr_shared *mapped;

tr_shared *tr_open(void)
{
    WCHAR name[64];
    HANDLE h;
    tr_shared *tr;

    if (mapped)
        return mapped;
    swprintf(name, 64, L"Local\\connotify-wtest-%lu", GetCurrentProcessId());
    h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                           sizeof(tr_shared), name);
    if (!h)
        return NULL;
    tr = MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(tr_shared));
    /* The handle stays open with the view: the section lives as long as the
     * process. */
    if (!tr) {
        CloseHandle(h);
        return NULL;
    }
    if (tr->magic != TR_MAGIC) {
        tr->size = sizeof(tr_shared);
        tr->magic = TR_MAGIC;
    }
    if (tr->size != sizeof(tr_shared))
        return NULL; /* a DLL built from another layout */
    InterlockedCompareExchangePointer((void **)&mapped, tr, NULL);
    return mapped;
}

void tr_reset(tr_shared *tr)
{
    memset(&tr->provider, 0, sizeof(tr->provider));
    memset(tr->probe, 0, sizeof(tr->probe));
    memset(tr->conn, 0, sizeof(tr->conn));
    memset(tr->events, 0, sizeof(tr->events));
    tr->getcaps_calls = 0;
    tr->conn_lock = 0;
    MemoryBarrier();
    tr->order = 0;
    tr->n_events = 0;
    MemoryBarrier();
}

tr_event *tr_begin(tr_shared *tr, enum tr_source source, enum tr_func func)
{
    LONG slot = InterlockedIncrement(&tr->n_events) - 1;
    tr_event *ev;

    if (slot >= TR_EVENTS)
        return NULL;
    ev = &tr->events[slot];
    memset(ev, 0, sizeof(*ev));
    ev->order = (uint32_t)InterlockedIncrement(&tr->order);
    ev->source = source;
    ev->func = func;
    ev->pid = GetCurrentProcessId();
    ev->tid = GetCurrentThreadId();
    return ev;
}

void tr_commit(tr_event *ev)
{
    if (ev)
        InterlockedExchange(&ev->ready, 1);
}

void tr_copy_name(tr_name *dst, const WCHAR *src)
{
    uint32_t n = 0;

    memset(dst, 0, sizeof(*dst));
    if (!src) {
        dst->state = TR_NAME_NULL;
        return;
    }
    if (IsBadStringPtrW(src, TR_NAME_CAP)) {
        dst->state = TR_NAME_BAD;
        return;
    }
    while (n < TR_NAME_CAP - 1 && src[n])
        n++;
    memcpy(dst->s, src, n * sizeof(WCHAR));
    dst->s[n] = 0;
    dst->len = n;
    dst->state = (n == TR_NAME_CAP - 1 && src[n]) ? TR_NAME_TRUNCATED : TR_NAME_OK;
}

unsigned tr_count(const tr_shared *tr)
{
    LONG n = tr->n_events;
    return n > TR_EVENTS ? TR_EVENTS : (unsigned)n;
}

const char *tr_func_name(uint32_t func)
{
    switch (func) {
    case TR_FN_NPADDCONNECTION: return "NPAddConnection";
    case TR_FN_NPADDCONNECTION3: return "NPAddConnection3";
    case TR_FN_NPCANCELCONNECTION: return "NPCancelConnection";
    case TR_FN_NPGETCONNECTION: return "NPGetConnection";
    case TR_FN_ADDCONNECTNOTIFY: return "AddConnectNotify";
    case TR_FN_CANCELCONNECTNOTIFY: return "CancelConnectNotify";
    default: return "?";
    }
}

const char *tr_source_name(uint32_t source)
{
    switch (source) {
    case TR_SRC_PROVIDER: return "provider";
    case TR_SRC_PROBE1: return "probe1";
    case TR_SRC_PROBE2: return "probe2";
    default: return "?";
    }
}
