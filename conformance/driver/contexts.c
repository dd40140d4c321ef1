/* The same operation repeated (see contexts.h). */
#include "contexts.h"

#include "call.h"
#include "out.h"

#include <stdio.h>

struct tally {
    unsigned with;
    unsigned without;
    unsigned first_without; /* 1-based repeat of the first NULL after a context */
};

static void count(struct tally *t, int posted, unsigned repeat)
{
    if (posted) {
        t->with++;
        return;
    }
    t->without++;
    if (t->with && !t->first_without)
        t->first_without = repeat;
}

static int mixed(const struct tally *t)
{
    return t->with && t->without;
}

enum { WORD_WRAP_REPEATS = 66000, WORD_WRAP_MS = 60000 };

void contexts_repeat(unsigned repeats)
{
    std_names();
    NOTIFYADD *add = mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, CONNECT_TEMPORARY);
    NOTIFYCANCEL *pre = mk_cancel(s_local, s_pre_provider, 0, FALSE);
    NOTIFYCANCEL *post = mk_cancel(s_local, s_provider, 0, FALSE);
    struct tally adds = {0};
    struct tally cancels = {0};
    announce_step("the same map and unmap of Z: %u times, each one complete", repeats);
    long long inside0;
    long long idle;
    notifier_time(&inside0, &idle);
    /* pair_add and pair_cancel send the POST when PRE set a context. */
    unsigned i = 1;
    for (; i <= repeats; i++) {
        count(&adds, pair_add(add, WN_SUCCESS, "the same map, repeated"), i);
        count(&cancels, pair_cancel(pre, post, WN_SUCCESS, "the same unmap, repeated"), i);
    }
    /* Past a WORD id's wrap too, when the notifier's own time for it stays
     * within a minute: a notifier that is slow but right is not made to run
     * out of the case's time. */
    long long inside;
    notifier_time(&inside, &idle);
    long long projected = (inside - inside0) * WORD_WRAP_REPEATS / (repeats ? repeats : 1);
    int extended = !mixed(&adds) && !mixed(&cancels) && projected <= WORD_WRAP_MS;
    if (extended) {
        announce_step("the same map and unmap of Z: on to %d times", WORD_WRAP_REPEATS);
        for (; i <= WORD_WRAP_REPEATS; i++) {
            count(&adds, pair_add(add, WN_SUCCESS, "the same map, repeated"), i);
            count(&cancels, pair_cancel(pre, post, WN_SUCCESS, "the same unmap, repeated"), i);
        }
    }
    repeats = i - 1;
    const struct tally *bad = mixed(&adds) ? &adds : mixed(&cancels) ? &cancels : NULL;
    if (bad) {
        result_bad("drive.contexts",
                   "the same %s, repeated %u times with each PRE/POST pair complete, got "
                   "lpContext NULL from PRE %u times (first at repeat %u) and a context %u "
                   "times: a NULL context means no POST [doc], so those operations' POSTs and "
                   "what the notifier kept for them are lost (a context counter that wraps to 0, "
                   "e.g. a BYTE or WORD id)",
                   bad == &adds ? "map of Z:" : "unmap of Z:", repeats, bad->without,
                   bad->first_without, bad->with);
        return;
    }
    result("drive.contexts", "pass",
           "the same map and unmap of Z: %u times: lpContext from PRE %s every time (add), %s "
           "every time (cancel)%s",
           repeats, adds.with ? "set" : "NULL", cancels.with ? "set" : "NULL",
           extended ? ""
                    : " (not on to 66000, past a WORD id's wrap: the notifier's calls "
                      "would take over a minute)");
}
