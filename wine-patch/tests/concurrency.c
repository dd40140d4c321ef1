/* Concurrency through the patched MPR: 8 threads x 500 add+cancel cycles
 * with the reference notifier and both probes registered. Every PRE gets
 * exactly one POST, sequence numbers are unique and without gaps, no log
 * record is lost, and after a warm-up neither handles nor memory grow. */
#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <psapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notifier_stats.h"
#include "test_record.h"
#include "wp_log.h"
#include "wtest.h"

#define THREADS 8
#define WARMUP 50
#define CYCLES 500
/* [design] growth of the working set allowed over the 4000 measured cycles:
 * a leak of 256 bytes per cycle would exceed it. */
#define WS_SLACK (1024 * 1024)

typedef struct worker {
    HANDLE thread;
    unsigned id, first, count;
    unsigned add_fail, cancel_fail;
    DWORD last_err;
} worker;

static void remote_name(WCHAR *buf, size_t cap, unsigned thread, unsigned cycle)
{
    _snwprintf(buf, cap, L"\\\\cc\\t%u-%u", thread, cycle);
    buf[cap - 1] = 0;
}

static DWORD WINAPI worker_main(void *arg)
{
    worker *w = arg;
    WCHAR remote[64];
    NETRESOURCEW nr;
    unsigned i;
    DWORD ret;

    for (i = w->first; i < w->first + w->count; i++) {
        remote_name(remote, 64, w->id, i);
        memset(&nr, 0, sizeof(nr));
        nr.dwType = RESOURCETYPE_DISK;
        nr.lpRemoteName = remote; /* deviceless: cancelled by remote name */
        if ((ret = WNetAddConnection2W(&nr, NULL, NULL, 0)) != WN_SUCCESS) {
            w->add_fail++;
            w->last_err = ret;
        }
        if ((ret = WNetCancelConnection2W(remote, 0, FALSE)) != WN_SUCCESS) {
            w->cancel_fail++;
            w->last_err = ret;
        }
    }
    return 0;
}

static void run_threads(unsigned first, unsigned count)
{
    worker w[THREADS];
    unsigned i;

    memset(w, 0, sizeof(w));
    for (i = 0; i < THREADS; i++) {
        w[i].id = i;
        w[i].first = first;
        w[i].count = count;
        w[i].thread = CreateThread(NULL, 0, worker_main, &w[i], 0, NULL);
        ok(w[i].thread != NULL, "CreateThread failed: error %lu\n", GetLastError());
    }
    for (i = 0; i < THREADS; i++) {
        if (!w[i].thread)
            continue;
        WaitForSingleObject(w[i].thread, INFINITE);
        CloseHandle(w[i].thread);
        ok(!w[i].add_fail && !w[i].cancel_fail,
           "thread %u: %u adds and %u cancels failed, last error %lu\n",
           i, w[i].add_fail, w[i].cancel_fail, w[i].last_err);
    }
}

/* [wine] GetProcessHandleCount is always 0 and handle values are handed out
 * lowest-free-first: the value of a fresh handle shows a leak. */
static UINT_PTR probe_handle(void)
{
    HANDLE h = CreateEventW(NULL, FALSE, FALSE, NULL);
    UINT_PTR v = (UINT_PTR)h;
    CloseHandle(h);
    return v;
}

/* [wine] PrivateUsage does not move when the heap grows; WorkingSetSize does. */
static SIZE_T working_set(void)
{
    PROCESS_MEMORY_COUNTERS pmc;
    pmc.cb = sizeof(pmc);
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc)))
        return 0;
    return pmc.WorkingSetSize;
}

static int by_key(const void *a, const void *b)
{
    const cn_record *x = *(const cn_record * const *)a, *y = *(const cn_record * const *)b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (int)x->phase - (int)y->phase;
}

static int by_tid_seq(const void *a, const void *b)
{
    const cn_record *x = *(const cn_record * const *)a, *y = *(const cn_record * const *)b;
    if (x->tid != y->tid)
        return x->tid < y->tid ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void check_log(const wp_log *log, size_t want)
{
    const cn_record **p;
    unsigned char *seen;
    size_t i, k, bad_seq = 0, bad_pair = 0, bad_rec = 0, bad_order = 0;

    ok(!log->bad, "[design] %lu log lines refused by the reader\n", (unsigned long)log->bad);
    ok(log->count == want, "[design] %lu records, want %lu: none lost, none extra\n",
       (unsigned long)log->count, (unsigned long)want);
    if (!log->count)
        return;

    /* Sequence numbers: each of 1..count exactly once. */
    seen = calloc(log->count + 1, 1);
    p = malloc(log->count * sizeof(*p));
    if (!ok(seen && p, "out of memory\n")) {
        free(seen);
        free(p);
        return;
    }
    for (i = 0; i < log->count; i++) {
        uint64_t s = log->rec[i].seq;
        if (s < 1 || s > log->count || seen[s]++)
            bad_seq++;
        if (!log->rec[i].key || log->rec[i].ctx[0] || log->rec[i].status != WN_SUCCESS)
            bad_rec++;
        p[i] = &log->rec[i];
    }
    ok(!bad_seq, "[design] %lu records with a duplicate or out-of-range seq\n", (unsigned long)bad_seq);
    ok(!bad_rec, "[doc] %lu records without a key, with a rejected context or a failed status\n",
       (unsigned long)bad_rec);

    /* Pairing: sorted by key, each key is one PRE then its POST. */
    qsort(p, log->count, sizeof(*p), by_key);
    for (i = 0; i + 1 < log->count; i += 2) {
        const cn_record *pre = p[i], *post = p[i + 1];
        if (pre->key != post->key || pre->phase != CN_PHASE_PRE || post->phase != CN_PHASE_POST ||
            pre->op != post->op || pre->tid != post->tid || post->seq < pre->seq ||
            !wp_name_eq(pre->local, pre->local_len, post->local) ||
            (pre->remote && !wp_name_eq(pre->remote, pre->remote_len, post->remote))) {
            if (!bad_pair++)
                ok(0, "[doc] key %llu: PRE seq %llu, POST key %llu seq %llu do not pair\n",
                   (unsigned long long)pre->key, (unsigned long long)pre->seq,
                   (unsigned long long)post->key, (unsigned long long)post->seq);
        }
    }
    ok(!bad_pair && !(log->count & 1), "[doc] %lu PRE records without exactly one POST\n",
       (unsigned long)bad_pair);

    /* Per thread: add PRE, add POST, cancel PRE, cancel POST, in seq order. */
    qsort(p, log->count, sizeof(*p), by_tid_seq);
    for (i = 0, k = 0; i < log->count; i++, k++) {
        if (i && p[i]->tid != p[i - 1]->tid)
            k = 0;
        if (p[i]->op != ((k % 4) < 2 ? CN_OP_ADD : CN_OP_CANCEL) ||
            p[i]->phase != ((k % 2) ? CN_PHASE_POST : CN_PHASE_PRE))
            bad_order++;
    }
    ok(!bad_order, "[doc] %lu records out of add-PRE/POST, cancel-PRE/POST order per thread\n",
       (unsigned long)bad_order);
    free(seen);
    free(p);
}

static void check_stats(size_t want)
{
    WCHAR name[64];
    HANDLE h;
    const cn_stats *st;

    _snwprintf(name, 64, CN_STATS_NAME_FMT, (unsigned long)GetCurrentProcessId());
    name[63] = 0;
    h = OpenFileMappingW(FILE_MAP_READ, FALSE, name);
    if (!ok(h != NULL, "[design] no stats section %ls: error %lu\n", name, GetLastError()))
        return;
    st = MapViewOfFile(h, FILE_MAP_READ, 0, 0, sizeof(*st));
    if (ok(st != NULL, "MapViewOfFile failed: error %lu\n", GetLastError())) {
        ok(st->calls == (int64_t)want, "[design] notifier calls %lld, want %lu\n",
           (long long)st->calls, (unsigned long)want);
        ok(st->written == (int64_t)want, "[design] records written %lld, want %lu\n",
           (long long)st->written, (unsigned long)want);
        ok(!st->sink_failures && !st->dropped && !st->rejected && !st->invalid,
           "[design] sink failures %lld, dropped %lld, rejected %lld, invalid %lld\n",
           (long long)st->sink_failures, (long long)st->dropped, (long long)st->rejected,
           (long long)st->invalid);
        UnmapViewOfFile(st);
    }
    CloseHandle(h);
}

static void test_concurrency(void)
{
    const WCHAR *path = wp_log_path();
    tr_shared *tr = tr_open();
    size_t ops = (size_t)THREADS * (WARMUP + CYCLES) * 2, want = ops * 2;
    UINT_PTR h1, h2;
    SIZE_T ws1, ws2;
    DWORD t0;
    wp_log log;

    if (!ok(path != NULL, "CONNOTIFY_LOG is not set\n") ||
        !ok(tr != NULL, "no shared record\n"))
        return;
    ok(wp_log_clear(path), "cannot remove %ls: error %lu\n", path, GetLastError());
    tr_reset(tr);

    t0 = GetTickCount();
    run_threads(0, WARMUP);
    h1 = probe_handle();
    ws1 = working_set();
    trace("warm-up %u x %u cycles: %lu ms, probe handle %#lx, working set %lu KiB\n", THREADS,
          WARMUP, GetTickCount() - t0, (unsigned long)h1, (unsigned long)(ws1 / 1024));

    t0 = GetTickCount();
    run_threads(WARMUP, CYCLES);
    h2 = probe_handle();
    ws2 = working_set();
    trace("run %u x %u cycles: %lu ms, probe handle %#lx, working set %lu KiB\n", THREADS, CYCLES,
          GetTickCount() - t0, (unsigned long)h2, (unsigned long)(ws2 / 1024));

    ok(h2 <= h1, "[wine] handle leak: probe handle %#lx after the run, %#lx before\n",
       (unsigned long)h2, (unsigned long)h1);
    ok(ws2 <= ws1 + WS_SLACK, "[wine] working set grew by %ld KiB over %u cycles\n",
       (long)((ws2 - ws1) / 1024), THREADS * CYCLES);

    /* Both probes saw every operation: each PRE set one context [doc]. */
    ok(tr->probe[TR_SRC_PROBE1].ctx_seq == (LONG)ops, "probe1 got %ld PREs, want %lu\n",
       tr->probe[TR_SRC_PROBE1].ctx_seq, (unsigned long)ops);
    ok(tr->probe[TR_SRC_PROBE2].ctx_seq == (LONG)ops, "probe2 got %ld PREs, want %lu\n",
       tr->probe[TR_SRC_PROBE2].ctx_seq, (unsigned long)ops);

    check_stats(want);
    if (wp_log_read(path, &log)) {
        check_log(&log, want);
        wp_log_free(&log);
    }
}

int main(void)
{
    wtest_start("concurrency");
    test_concurrency();
    return wtest_end();
}
