/* The notifier's work items and the COM apartment of pool threads (see
 * pool_apartment.h). */
#include "pool_apartment.h"

#include "crash.h"
#include "hooks_com.h"
#include "out.h"
#include "loaded_proc.h"

#include <stdio.h>

#define MAX_ITEMS    256
#define IMPLICIT_MTA 1 /* APTTYPEQUALIFIER_IMPLICIT_MTA */

struct item {
    volatile LONG used;
    void *cb;
    void *arg;
    const char *api;
};

typedef HRESULT(WINAPI *apt_fn)(int *, int *);

static struct item items[MAX_ITEMS];

void *pool_wrap(void *cb, void *arg, const char *api)
{
    for (int i = 0; i < MAX_ITEMS; i++) {
        if (!InterlockedCompareExchange(&items[i].used, 1, 0)) {
            items[i].cb = cb;
            items[i].arg = arg;
            items[i].api = api;
            return &items[i];
        }
    }
    return NULL;
}

void pool_unwrap(void *slot)
{
    InterlockedExchange(&((struct item *)slot)->used, 0);
}

/* The worker's apartment if the thread is explicitly in one (STA, MTA, NA or
 * the main STA), else -1: no ole32, none, or only the implicit MTA. ole32 is
 * asked only once the notifier called a COM initialisation. */
static int explicit_apartment(void)
{
    static FARPROC found;
    if (!hooks_com_inits())
        return -1;
    apt_fn get_apartment = (apt_fn)(void *)loaded_proc(L"ole32.dll", "CoGetApartmentType", &found);
    if (!get_apartment)
        return -1;
    int type = -1;
    int qualifier = 0;
    if (get_apartment(&type, &qualifier) != S_OK || qualifier == IMPLICIT_MTA)
        return -1;
    return type;
}

static const char *apartment_text(int type)
{
    switch (type) {
    case 0:
        return "a single-threaded apartment (STA)";
    case 1:
        return "the multithreaded apartment (MTA)";
    case 2:
        return "the neutral apartment";
    default:
        return "a single-threaded apartment (the main STA: the process's first)";
    }
}

static void judge(const char *api, void *cb, int before, int after)
{
    if (after < 0 || after == before)
        return;
    char where[120];
    module_of(cb, where, sizeof where);
    result_bad("state.process",
               "a work item of the notifier (%s, callback at %s) left its pool thread in %s "
               "(CoInitializeEx without CoUninitialize): the host's work items that run on "
               "that thread next are in the notifier's apartment, and an STA there waits "
               "for messages nobody pumps",
               api, where, apartment_text(after));
}

/* Takes the item out of its slot, which is free again. */
static struct item take(void *slot)
{
    struct item *s = slot;
    struct item it = {0, s->cb, s->arg, s->api};
    InterlockedExchange(&s->used, 0);
    return it;
}

DWORD WINAPI pool_thread_tramp(void *slot)
{
    struct item it = take(slot);
    int before = explicit_apartment();
    DWORD r = ((LPTHREAD_START_ROUTINE)it.cb)(it.arg);
    judge(it.api, it.cb, before, explicit_apartment());
    return r;
}

void CALLBACK pool_simple_tramp(PTP_CALLBACK_INSTANCE instance, void *slot)
{
    struct item it = take(slot);
    int before = explicit_apartment();
    ((PTP_SIMPLE_CALLBACK)it.cb)(instance, it.arg);
    judge(it.api, it.cb, before, explicit_apartment());
}
