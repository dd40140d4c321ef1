/* [w9x] behaviours (Windows 95/98 DDK, undocumented on NT): an error or
 * WN_CANCEL from PRE, WN_RETRY / WN_CANCEL from POST, the order of several
 * notifiers. Run them and report what MPR did; they never fail the run. */
#include <stdio.h>

#include "mprtest.h"

static const WCHAR remote[] = L"\\\\connotify.invalid\\w9x";

static DWORD add(void)
{
    NETRESOURCEW nr = {0};
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpLocalName = (WCHAR *)L"X:";
    nr.lpRemoteName = (WCHAR *)remote;
    nr.lpProvider = (WCHAR *)TR_PROVIDER_NAME;
    return WNetAddConnection2W(&nr, NULL, NULL, CONNECT_TEMPORARY);
}

/* "ret R; provider N; probe1 PRE a POST b; probe2 PRE c POST d" */
static const char *summary(DWORD ret, enum tr_func func)
{
    static char buf[200];
    unsigned prov = func == TR_FN_ADDCONNECTNOTIFY ? mt_provider_adds()
                                                   : mt_count(TR_SRC_PROVIDER, TR_FN_NPCANCELCONNECTION, 0);
    snprintf(buf, sizeof(buf), "returned %s; provider calls %u; probe1 PRE %u POST %u; probe2 PRE %u POST %u",
             mt_status_name(ret), prov, mt_count(TR_SRC_PROBE1, func, NOTIFY_PRE),
             mt_count(TR_SRC_PROBE1, func, NOTIFY_POST), mt_count(TR_SRC_PROBE2, func, NOTIFY_PRE),
             mt_count(TR_SRC_PROBE2, func, NOTIFY_POST));
    return buf;
}

static void test_pre_error(void)
{
    DWORD ret;
    mt_reset();
    mt_rec->probe[TR_SRC_PROBE1].pre_ret = WN_ACCESS_DENIED;
    mt_rec->probe[TR_SRC_PROBE1].pre_count = 1;
    ret = add();
    /* probe2 is asked too: whether it gets a POST for the context it set
     * shows if MPR lets a notifier's context leak. */
    report("[w9x]", "add: probe1 PRE returns WN_ACCESS_DENIED",
           "the error returned to the caller, no provider call, no POST", "%s",
           summary(ret, TR_FN_ADDCONNECTNOTIFY));
    WNetCancelConnection2W(L"X:", 0, TRUE);

    mt_reset();
    mt_connect(L"X:", remote);
    mt_rec->probe[TR_SRC_PROBE1].pre_ret = WN_ACCESS_DENIED;
    mt_rec->probe[TR_SRC_PROBE1].pre_count = 1;
    ret = WNetCancelConnection2W(L"X:", 0, TRUE);
    report("[w9x]", "cancel: probe1 PRE returns WN_ACCESS_DENIED",
           "the error returned to the caller, no provider call, no POST", "%s",
           summary(ret, TR_FN_CANCELCONNECTNOTIFY));
}

static void test_pre_cancel(void)
{
    DWORD ret;
    mt_reset();
    mt_rec->probe[TR_SRC_PROBE1].pre_ret = WN_CANCEL;
    mt_rec->probe[TR_SRC_PROBE1].pre_count = 1;
    ret = add();
    report("[w9x]", "add: probe1 PRE returns WN_CANCEL", "WN_CANCEL returned to the caller, no provider call, no POST",
           "%s", summary(ret, TR_FN_ADDCONNECTNOTIFY));
    WNetCancelConnection2W(L"X:", 0, TRUE);
}

static void test_post_retry(void)
{
    DWORD ret;
    /* Provider fails once, then succeeds; probe1 asks for one retry. */
    mt_reset();
    mt_rec->provider.queue[0] = WN_BAD_NETNAME;
    mt_rec->provider.queue_len = 1;
    mt_rec->probe[TR_SRC_PROBE1].post_ret = WN_RETRY;
    mt_rec->probe[TR_SRC_PROBE1].post_count = 1;
    ret = add();
    report("[w9x]", "add: provider fails, probe1 POST returns WN_RETRY",
           "MPR retries without a second PRE: provider calls 2, probe1 PRE 1 POST 2, WN_SUCCESS", "%s",
           summary(ret, TR_FN_ADDCONNECTNOTIFY));
    WNetCancelConnection2W(L"X:", 0, TRUE);

    mt_reset();
    mt_rec->probe[TR_SRC_PROBE1].post_ret = WN_RETRY;
    mt_rec->probe[TR_SRC_PROBE1].post_count = 1;
    ret = add();
    report("[w9x]", "add: provider succeeds, probe1 POST returns WN_RETRY", "counts as success: WN_SUCCESS, provider calls 1",
           "%s", summary(ret, TR_FN_ADDCONNECTNOTIFY));
    WNetCancelConnection2W(L"X:", 0, TRUE);

    mt_reset();
    mt_rec->probe[TR_SRC_PROBE1].post_ret = WN_CANCEL;
    mt_rec->probe[TR_SRC_PROBE1].post_count = 1;
    ret = add();
    report("[w9x]", "add: provider succeeds, probe1 POST returns WN_CANCEL", "counts as success: WN_SUCCESS, provider calls 1",
           "%s", summary(ret, TR_FN_ADDCONNECTNOTIFY));
    WNetCancelConnection2W(L"X:", 0, TRUE);
}

/* The probe order of the PRE and POST calls, e.g. "PRE 2,1 POST 1,2". */
static const char *order(enum tr_func func)
{
    static char buf[64];
    char *p = buf;
    unsigned n = tr_count(mt_rec);
    for (DWORD phase = NOTIFY_PRE; phase <= NOTIFY_POST; phase++) {
        int first = 1;
        p += sprintf(p, "%s%s ", phase == NOTIFY_POST ? " " : "", phase == NOTIFY_PRE ? "PRE" : "POST");
        for (unsigned i = 0; i < n && p < buf + sizeof(buf) - 8; i++) {
            const tr_event *ev = &mt_rec->events[i];
            if (ev->ready && ev->func == (uint32_t)func && ev->notify_status == phase &&
                ev->source != TR_SRC_PROVIDER) {
                p += sprintf(p, "%s%lu", first ? "" : ",", (DWORD)ev->source);
                first = 0;
            }
        }
        if (first)
            p += sprintf(p, "none");
    }
    return buf;
}

static void test_order(void)
{
    DWORD ret;
    /* Registration order in Notifyees: connotify_probe1, then connotify_probe2. */
    mt_reset();
    ret = add();
    report("[w9x]", "add: order of two notifiers (registered 1, 2)", "PRE 2,1 POST 1,2",
           "%s (%s)", order(TR_FN_ADDCONNECTNOTIFY), mt_status_name(ret));
    mt_reset();
    mt_connect(L"X:", remote);
    ret = WNetCancelConnection2W(L"X:", 0, TRUE);
    report("[w9x]", "cancel: order of two notifiers (registered 1, 2)", "PRE 2,1 POST 1,2",
           "%s (%s)", order(TR_FN_CANCELCONNECTNOTIFY), mt_status_name(ret));
}

int main(void)
{
    mt_init("mpr_w9x");
    test_pre_error();
    test_pre_cancel();
    test_post_retry();
    test_order();
    return mt_finish();
}
