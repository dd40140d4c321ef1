/* Drives connotify_notifier.dll as MPR would (LoadLibrary, GetProcAddress,
 * PRE/POST pairs), then reads its log back with the core reader and checks
 * every record field, the pairing keys and the stats section. Ends with
 * 8 threads x 1000 operations: no record lost, torn or unpaired. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dll_test_util.h"
#include "wtest.h"

#define THREADS 8
#define OPS 1000

static WCHAR dir[MAX_PATH];
static uint64_t t_start;

static void set_log(const WCHAR *file, WCHAR *expanded, size_t cap)
{
    /* Stored with %TEMP% so that the notifier must expand it [design]. */
    WCHAR value[MAX_PATH + 64];
    const WCHAR *name = wcsrchr(dir, L'\\') + 1;

    _snwprintf(value, MAX_PATH + 64, L"%%TEMP%%\\%ls\\%ls", name, file);
    value[MAX_PATH + 63] = 0;
    ok(dlltest_set_logpath(value) == 0, "cannot set LogPath %ls\n", value);
    ExpandEnvironmentStringsW(value, expanded, (DWORD)cap);
    DeleteFileW(expanded);
}

/* Reads the log, parses every line; returns the number of records. */
static size_t read_log(const WCHAR *path, cn_record *recs, size_t max)
{
    size_t len, tail, n = 0, lines;
    char *buf = dlltest_read_file(path, &len);
    const char *p;

    if (!ok(buf != NULL, "[design] cannot read log %ls: %lu\n", path, GetLastError()))
        return 0;
    lines = dlltest_count_lines(buf, len, &tail);
    ok(tail == 0, "[design] log ends in a partial record of %u bytes\n", (unsigned)tail);
    p = buf;
    for (size_t i = 0; i < lines && n < max; i++) {
        const char *nl = memchr(p, '\n', len - (size_t)(p - buf));
        size_t off = 0;
        cn_parse_result r = cn_record_parse(p, (size_t)(nl - p + 1), &recs[n], &off);
        /* One check per bad line, not per line: 16000 lines are read. */
        if (r == CN_PARSE_OK)
            n++;
        else
            ok(0, "[design] line %u: %s at byte %u: %.80s\n", (unsigned)i + 1,
               cn_parse_result_name(r), (unsigned)off, p);
        p = nl + 1;
    }
    ok(lines <= max, "log has %u lines, room for %u\n", (unsigned)lines, (unsigned)max);
    ok(n == lines, "[design] %u of %u lines parse\n", (unsigned)n, (unsigned)lines);
    HeapFree(GetProcessHeap(), 0, buf);
    return n;
}

static void free_records(cn_record *recs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cn_record_free(&recs[i]);
}

static int str_is(const char *got, const char *want)
{
    if (!got || !want)
        return got == want;
    return strcmp(got, want) == 0;
}

static const char *show(const char *s) { return s ? s : "(null)"; }

static void check_record(const cn_record *r, cn_op op, cn_phase phase, uint32_t status,
                         uint32_t type, uint32_t flags, int32_t force, const char *local,
                         const char *remote, const char *provider)
{
    ok(r->op == op, "[design] op %d, want %d\n", (int)r->op, (int)op);
    ok(r->phase == phase, "[design] phase %d, want %d\n", (int)r->phase, (int)phase);
    ok(r->status == status, "[doc] status %u, want %u\n", r->status, status);
    ok(r->type == type, "[doc] type %u, want %u\n", r->type, type);
    ok(r->flags == flags, "[doc] flags %#x, want %#x\n", r->flags, flags);
    ok(r->force == force, "[doc] force %d, want %d\n", (int)r->force, (int)force);
    ok(str_is(r->local, local), "[doc] local %s, want %s\n", show(r->local), show(local));
    ok(str_is(r->remote, remote), "[doc] remote %s, want %s\n", show(r->remote), show(remote));
    ok(str_is(r->provider, provider), "[doc] provider %s, want %s\n", show(r->provider),
       show(provider));
    ok(!r->truncated, "[design] truncated set\n");
    ok(r->pid == GetCurrentProcessId(), "[design] pid %u, want %lu\n", r->pid,
       GetCurrentProcessId());
    ok(r->tid == GetCurrentThreadId(), "[design] tid %u, want %lu\n", r->tid,
       GetCurrentThreadId());
    ok(r->time_ms + 2000 >= t_start && r->time_ms <= dlltest_now_ms() + 2000,
       "[design] time %s (%llu ms) outside the test's run\n", r->time,
       (unsigned long long)r->time_ms);
}

static void test_sequence(void)
{
    static const WCHAR provider[] = L"connotify test provider";
    WCHAR log[MAX_PATH];
    dlltest_dll d;
    NOTIFYINFO info;
    NOTIFYADD add;
    NOTIFYCANCEL cancel;
    cn_record recs[16];
    void *ctx_add, *ctx_null;
    const cn_stats *st;
    int64_t written0 = 0, rejected0 = 0, invalid0 = 0, fail0 = 0, calls0 = 0;
    WCHAR *noaccess;
    DWORD ret, old;
    size_t n;
    int stack_var;

    set_log(L"sequence.log", log, MAX_PATH);
    if (dlltest_load(&d))
        return;
    if ((st = dlltest_stats())) {
        written0 = st->written;
        rejected0 = st->rejected;
        invalid0 = st->invalid;
        fail0 = st->sink_failures;
        calls0 = st->calls;
    }

    /* 1-2: add PRE, then POST with a provider's error. */
    memset(&add, 0, sizeof(add));
    add.NetResource.dwType = RESOURCETYPE_DISK;
    add.NetResource.lpLocalName = (WCHAR *)L"Z:";
    add.NetResource.lpRemoteName = (WCHAR *)L"\\\\srv\\share";
    add.NetResource.lpProvider = (WCHAR *)provider;
    add.dwAddFlags = CONNECT_TEMPORARY;
    info.dwNotifyStatus = NOTIFY_PRE;
    info.dwOperationStatus = WN_SUCCESS;
    info.lpContext = NULL;
    ret = d.add(&info, &add);
    ok(ret == WN_SUCCESS, "[doc] AddConnectNotify PRE returned %lu\n", ret);
    ok(info.lpContext != NULL, "[design] AddConnectNotify PRE left lpContext NULL (no POST would follow)\n");
    ctx_add = info.lpContext;
    info.dwNotifyStatus = NOTIFY_POST;
    info.dwOperationStatus = WN_BAD_NETNAME;
    ret = d.add(&info, &add);
    ok(ret == WN_SUCCESS, "[doc] AddConnectNotify POST returned %lu\n", ret);

    /* 3-4: cancel PRE with lpProvider in a PAGE_NOACCESS page: [doc] it is
     * undefined in PRE, a notifier that reads it faults. */
    noaccess = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ok(noaccess != NULL, "VirtualAlloc failed: %lu\n", GetLastError());
    if (!noaccess)
        goto out;
    wcscpy(noaccess, L"garbage");
    ok(VirtualProtect(noaccess, 4096, PAGE_NOACCESS, &old), "VirtualProtect failed: %lu\n",
       GetLastError());
    memset(&cancel, 0, sizeof(cancel));
    cancel.lpName = (WCHAR *)L"Z:";
    cancel.lpProvider = noaccess;
    cancel.dwFlags = CONNECT_UPDATE_PROFILE;
    cancel.fForce = TRUE;
    info.dwNotifyStatus = NOTIFY_PRE;
    info.dwOperationStatus = WN_SUCCESS;
    info.lpContext = NULL;
    ret = d.cancel(&info, &cancel);
    ok(ret == WN_SUCCESS, "[doc] CancelConnectNotify PRE returned %lu\n", ret);
    ok(info.lpContext != NULL, "[design] CancelConnectNotify PRE left lpContext NULL\n");
    cancel.lpProvider = (WCHAR *)provider;
    info.dwNotifyStatus = NOTIFY_POST;
    info.dwOperationStatus = WN_SUCCESS;
    ret = d.cancel(&info, &cancel);
    ok(ret == WN_SUCCESS, "[doc] CancelConnectNotify POST returned %lu\n", ret);
    VirtualFree(noaccess, 0, MEM_RELEASE);

    /* 5-6: [doc] lpLocalName may be NULL (a deviceless connection). */
    add.NetResource.lpLocalName = NULL;
    add.NetResource.lpProvider = NULL;
    add.dwAddFlags = 0;
    info.dwNotifyStatus = NOTIFY_PRE;
    info.dwOperationStatus = WN_SUCCESS;
    info.lpContext = NULL;
    ret = d.add(&info, &add);
    ok(ret == WN_SUCCESS, "[doc] AddConnectNotify PRE (NULL local) returned %lu\n", ret);
    ctx_null = info.lpContext;
    ok(ctx_null != NULL && ctx_null != ctx_add, "[design] lpContext %p (first was %p)\n",
       ctx_null, ctx_add);
    info.dwNotifyStatus = NOTIFY_POST;
    info.dwOperationStatus = WN_SUCCESS;
    ret = d.add(&info, &add);
    ok(ret == WN_SUCCESS, "[doc] AddConnectNotify POST (NULL local) returned %lu\n", ret);

    /* 7-9: POSTs whose context no PRE of ours issued: never dereferenced,
     * answered WN_SUCCESS, logged as rejected [design]. */
    info.lpContext = (void *)(UINT_PTR)0xdeadbeef;
    ret = d.add(&info, &add);
    ok(ret == WN_SUCCESS, "[design] POST with forged context 0xdeadbeef returned %lu\n", ret);
    info.lpContext = &stack_var;
    ret = d.add(&info, &add);
    ok(ret == WN_SUCCESS, "[design] POST with a stack address context returned %lu\n", ret);
    info.lpContext = ctx_add;
    ret = d.add(&info, &add);
    ok(ret == WN_SUCCESS, "[design] second POST with a consumed context returned %lu\n", ret);

    /* Not records: invalid calls [design]. */
    info.dwNotifyStatus = 7;
    ret = d.add(&info, &add);
    ok(ret == WN_BAD_VALUE, "[design] dwNotifyStatus 7 returned %lu, want WN_BAD_VALUE\n", ret);
    ret = d.cancel(NULL, &cancel);
    ok(ret == WN_BAD_VALUE, "[design] NULL NOTIFYINFO returned %lu, want WN_BAD_VALUE\n", ret);

    st = dlltest_stats();
    ok(st != NULL, "[design] no stats section after the first call: %lu\n", GetLastError());
    if (st) {
        ok(st->version == CN_STATS_VERSION && st->size == sizeof(cn_stats),
           "[design] stats version %u size %u\n", st->version, st->size);
        ok(st->log_state == CN_LOG_OPEN, "[design] log_state %u, want open\n", st->log_state);
        ok(st->calls - calls0 == 11, "[design] calls moved by %lld, want 11\n",
           (long long)(st->calls - calls0));
        ok(st->written - written0 == 9, "[design] written moved by %lld, want 9\n",
           (long long)(st->written - written0));
        ok(st->sink_failures == fail0, "[design] sink_failures moved by %lld\n",
           (long long)(st->sink_failures - fail0));
        ok(st->rejected - rejected0 == 3, "[design] rejected moved by %lld, want 3\n",
           (long long)(st->rejected - rejected0));
        ok(st->invalid - invalid0 == 2, "[design] invalid moved by %lld, want 2\n",
           (long long)(st->invalid - invalid0));
    }

    n = read_log(log, recs, 16);
    ok(n == 9, "[design] log holds %u records, want 9\n", (unsigned)n);
    if (n == 9) {
        static const char *const what[] = { "add PRE", "add POST", "cancel PRE", "cancel POST",
                                            "add PRE null local", "add POST null local",
                                            "POST 0xdeadbeef", "POST stack", "POST again" };
        for (size_t i = 0; i < n; i++) {
            wtest_push_context("record %u (%s)", (unsigned)i + 1, what[i]);
            if (i > 0)
                ok(recs[i].seq > recs[i - 1].seq, "[design] seq %llu after %llu\n",
                   (unsigned long long)recs[i].seq, (unsigned long long)recs[i - 1].seq);
            switch (i) {
            case 0: check_record(&recs[i], CN_OP_ADD, CN_PHASE_PRE, 0, 1, CONNECT_TEMPORARY, 0,
                                 "Z:", "\\\\srv\\share", "connotify test provider"); break;
            case 1: check_record(&recs[i], CN_OP_ADD, CN_PHASE_POST, WN_BAD_NETNAME, 1,
                                 CONNECT_TEMPORARY, 0, "Z:", "\\\\srv\\share",
                                 "connotify test provider"); break;
            case 2: check_record(&recs[i], CN_OP_CANCEL, CN_PHASE_PRE, 0, 0,
                                 CONNECT_UPDATE_PROFILE, 1, "Z:", NULL, NULL); break;
            case 3: check_record(&recs[i], CN_OP_CANCEL, CN_PHASE_POST, 0, 0,
                                 CONNECT_UPDATE_PROFILE, 1, "Z:", NULL,
                                 "connotify test provider"); break;
            case 4: case 5:
                check_record(&recs[i], CN_OP_ADD, i == 4 ? CN_PHASE_PRE : CN_PHASE_POST, 0, 1,
                             0, 0, NULL, "\\\\srv\\share", NULL); break;
            default:
                check_record(&recs[i], CN_OP_ADD, CN_PHASE_POST, 0, 1, 0, 0, NULL,
                             "\\\\srv\\share", NULL);
                ok(recs[i].key == 0, "[design] rejected POST has key %llu\n",
                   (unsigned long long)recs[i].key);
                ok(recs[i].ctx[0] != 0, "[design] rejected POST has no ctx reason\n");
                break;
            }
            if (i < 6)
                ok(recs[i].key != 0 && !recs[i].ctx[0], "[design] key %llu ctx \"%s\"\n",
                   (unsigned long long)recs[i].key, recs[i].ctx);
            wtest_pop_context();
        }
        ok(recs[1].key == recs[0].key, "[design] add POST key %llu, PRE key %llu\n",
           (unsigned long long)recs[1].key, (unsigned long long)recs[0].key);
        ok(recs[3].key == recs[2].key, "[design] cancel POST key %llu, PRE key %llu\n",
           (unsigned long long)recs[3].key, (unsigned long long)recs[2].key);
        ok(recs[5].key == recs[4].key, "[design] null-local POST key %llu, PRE key %llu\n",
           (unsigned long long)recs[5].key, (unsigned long long)recs[4].key);
        ok(recs[0].key != recs[2].key && recs[2].key != recs[4].key && recs[0].key != recs[4].key,
           "[design] keys not distinct: %llu %llu %llu\n", (unsigned long long)recs[0].key,
           (unsigned long long)recs[2].key, (unsigned long long)recs[4].key);
        ok(!strcmp(recs[6].ctx, "forged"), "[design] 0xdeadbeef rejected as \"%s\", want forged\n",
           recs[6].ctx);
        ok(!strcmp(recs[8].ctx, "duplicate") || !strcmp(recs[8].ctx, "stale"),
           "[design] reused context rejected as \"%s\", want duplicate\n", recs[8].ctx);
        trace("stack-address context rejected as \"%s\"\n", recs[7].ctx);
    }
    free_records(recs, n);
out:
    dlltest_unload(&d);
    DeleteFileW(log);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

struct worker {
    dlltest_dll *d;
    unsigned proc, id, ops;
    unsigned failures;
    DWORD tid;
};

/* Operation i of thread id in process proc: add when i is even, cancel
 * when odd; the name encodes (proc, id, i) so each pair is found again. */
static DWORD WINAPI worker_proc(void *arg)
{
    struct worker *w = arg;

    w->tid = GetCurrentThreadId();
    for (unsigned i = 0; i < w->ops; i++) {
        WCHAR name[64];
        NOTIFYINFO info = { NOTIFY_PRE, WN_SUCCESS, NULL };
        DWORD r1, r2;

        _snwprintf(name, 64, L"\\\\srv\\p%u-t%u-%u", w->proc, w->id, i);
        name[63] = 0;
        if (i % 2 == 0) {
            NOTIFYADD add;
            memset(&add, 0, sizeof(add));
            add.NetResource.dwType = RESOURCETYPE_DISK;
            add.NetResource.lpRemoteName = name;
            r1 = w->d->add(&info, &add);
            info.dwNotifyStatus = NOTIFY_POST;
            r2 = info.lpContext ? w->d->add(&info, &add) : 1;
        } else {
            NOTIFYCANCEL cancel;
            memset(&cancel, 0, sizeof(cancel));
            cancel.lpName = name;
            r1 = w->d->cancel(&info, &cancel);
            info.dwNotifyStatus = NOTIFY_POST;
            r2 = info.lpContext ? w->d->cancel(&info, &cancel) : 1;
        }
        if (r1 || r2)
            w->failures++;
    }
    return 0;
}

/* Runs `threads` workers of process index `proc` on a loaded DLL; returns
 * the number of failed operations. w[] receives the thread ids. */
static unsigned run_workers(dlltest_dll *d, unsigned proc, unsigned threads, unsigned ops,
                            struct worker *w)
{
    HANDLE th[THREADS];
    unsigned failures = 0;

    for (unsigned i = 0; i < threads; i++) {
        w[i].d = d;
        w[i].proc = proc;
        w[i].id = i;
        w[i].ops = ops;
        w[i].failures = 0;
        w[i].tid = 0;
        th[i] = CreateThread(NULL, 0, worker_proc, &w[i], 0, NULL);
        if (!th[i])
            failures += ops;
    }
    for (unsigned i = 0; i < threads; i++)
        if (th[i]) {
            WaitForSingleObject(th[i], INFINITE);
            CloseHandle(th[i]);
            failures += w[i].failures;
        }
    return failures;
}

/* Reads the log written by `procs` processes x `threads` threads x `ops`
 * operations and checks that every operation left exactly one PRE and one
 * POST, paired by (pid, key), and nothing else. w: in-process workers
 * (proc 0) whose thread ids are checked, or NULL. */
static void check_log(const WCHAR *log, unsigned procs, unsigned threads, unsigned ops,
                      const struct worker *w)
{
    size_t total = (size_t)procs * threads * ops, max = total * 2 + 16, n;
    cn_record *recs = calloc(max, sizeof(*recs));
    unsigned char *seen = calloc(total, 1); /* bit 0 PRE, bit 1 POST */
    uint64_t *kp = calloc(max, sizeof(uint64_t)), *kq = calloc(max, sizeof(uint64_t));
    unsigned bad_pair = 0, bad_tid = 0, bad_name = 0, dup = 0, missing = 0, pre = 0, post = 0;
    unsigned same;

    if (!recs || !seen || !kp || !kq) {
        ok(0, "out of memory\n");
        goto out;
    }
    n = read_log(log, recs, max);
    ok(n == total * 2, "[design] %u records, want %u\n", (unsigned)n, (unsigned)total * 2);
    for (size_t i = 0; i < n; i++) {
        const cn_record *r = &recs[i];
        const char *name = r->op == CN_OP_ADD ? r->remote : r->local;
        unsigned p, t, k, bit = r->phase == CN_PHASE_PRE ? 1 : 2;
        size_t slot;

        if (!name || sscanf(name, "\\\\srv\\p%u-t%u-%u", &p, &t, &k) != 3 || p >= procs
            || t >= threads || k >= ops || (k % 2 == 0) != (r->op == CN_OP_ADD)) {
            bad_name++;
            continue;
        }
        if (w && p == 0 && (r->pid != GetCurrentProcessId() || r->tid != w[t].tid))
            bad_tid++;
        slot = ((size_t)p * threads + t) * ops + k;
        if (seen[slot] & bit)
            dup++;
        seen[slot] |= bit;
        if (r->key == 0 || r->ctx[0])
            bad_pair++;
        /* Keys are per process: pair on (pid, key). */
        if (bit == 1)
            kp[pre++] = ((uint64_t)r->pid << 40) ^ r->key;
        else
            kq[post++] = ((uint64_t)r->pid << 40) ^ r->key;
    }
    ok(bad_name == 0, "[design] %u records with a name no worker sent\n", bad_name);
    ok(bad_tid == 0, "[design] %u records with the wrong pid/tid\n", bad_tid);
    ok(dup == 0, "[design] %u records logged twice\n", dup);
    ok(bad_pair == 0, "[design] %u records without a pairing key\n", bad_pair);
    for (size_t i = 0; i < total; i++)
        missing += seen[i] != 3;
    ok(missing == 0, "[design] %u operations without both PRE and POST in the log\n", missing);
    /* [doc] the POST gets its PRE's context, so the keys match one to one. */
    qsort(kp, pre, sizeof(uint64_t), cmp_u64);
    qsort(kq, post, sizeof(uint64_t), cmp_u64);
    same = pre == post;
    for (unsigned i = 0; same && i < pre; i++)
        same = kp[i] == kq[i] && (i == 0 || kp[i] != kp[i - 1]);
    ok(same, "[design] PRE keys (%u) and POST keys (%u) are not the same unique set\n", pre, post);
    free_records(recs, n);
out:
    free(recs);
    free(seen);
    free(kp);
    free(kq);
}

static void test_threads(void)
{
    WCHAR log[MAX_PATH];
    dlltest_dll d;
    struct worker w[THREADS];
    unsigned failures;
    ULONGLONG t0;
    int64_t dropped0 = 0;
    const cn_stats *st;

    set_log(L"threads.log", log, MAX_PATH);
    if (dlltest_load(&d))
        return;
    if ((st = dlltest_stats()))
        dropped0 = st->dropped;
    t0 = GetTickCount64();
    failures = run_workers(&d, 0, THREADS, OPS, w);
    trace("%u threads x %u PRE+POST: %llu ms\n", THREADS, OPS,
          (unsigned long long)(GetTickCount64() - t0));
    ok(failures == 0, "[doc] %u operations got a non-zero return or a NULL context\n", failures);
    if ((st = dlltest_stats()))
        ok(st->dropped == dropped0, "[design] %lld PREs dropped with 8 outstanding contexts\n",
           (long long)(st->dropped - dropped0));
    dlltest_unload(&d);
    check_log(log, 1, THREADS, OPS, w);
    DeleteFileW(log);
}

#define PROCS 4
#define PROC_THREADS 2
#define PROC_OPS 1500

/* Several processes append to one log at once: [wine] needs the writer
 * mutex. Measured without it: 174 and 1291 of 24000 records lost or torn. */
static void test_processes(void)
{
    WCHAR log[MAX_PATH], exe[MAX_PATH], cmd[MAX_PATH + 64];
    PROCESS_INFORMATION pi[PROCS];
    HANDLE go;
    ULONGLONG t0;
    unsigned started = 0;

    set_log(L"procs.log", log, MAX_PATH);
    /* The children start together, so that their appends overlap. */
    _snwprintf(cmd, 64, L"Local\\connotify-driver-go-%lu", GetCurrentProcessId());
    go = CreateEventW(NULL, TRUE, FALSE, cmd);
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    for (unsigned p = 0; p < PROCS; p++) {
        STARTUPINFOW si;
        memset(&si, 0, sizeof(si));
        si.cb = sizeof(si);
        _snwprintf(cmd, MAX_PATH + 64, L"dll_driver_test write %u %u %u %lu", p, PROC_THREADS,
                   PROC_OPS, GetCurrentProcessId());
        cmd[MAX_PATH + 63] = 0;
        if (ok(CreateProcessW(exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi[p]),
               "CreateProcess failed: %lu\n", GetLastError()))
            started++;
        else
            break;
    }
    t0 = GetTickCount64();
    SetEvent(go);
    for (unsigned p = 0; p < started; p++) {
        DWORD code = 1;
        ok(WaitForSingleObject(pi[p].hProcess, 300000) == WAIT_OBJECT_0, "child %u hangs\n", p);
        GetExitCodeProcess(pi[p].hProcess, &code);
        ok(code == 0, "[doc] child %u: %lu operations failed\n", p, code);
        CloseHandle(pi[p].hProcess);
        CloseHandle(pi[p].hThread);
    }
    trace("%u processes x %u threads x %u PRE+POST: %llu ms\n", PROCS, PROC_THREADS, PROC_OPS,
          (unsigned long long)(GetTickCount64() - t0));
    CloseHandle(go);
    if (started == PROCS)
        check_log(log, PROCS, PROC_THREADS, PROC_OPS, NULL);
    DeleteFileW(log);
}

/* Child of test_processes: "write PROC THREADS OPS PARENTPID"; exit code =
 * failed operations (capped). */
static int child_write(char **argv)
{
    unsigned proc = (unsigned)atoi(argv[2]), threads = (unsigned)atoi(argv[3]);
    unsigned ops = (unsigned)atoi(argv[4]), failures;
    struct worker w[THREADS];
    dlltest_dll d;
    WCHAR name[64];
    HANDLE go;

    if (threads == 0 || threads > THREADS || ops == 0)
        return 255;
    _snwprintf(name, 64, L"Local\\connotify-driver-go-%lu", strtoul(argv[5], NULL, 10));
    name[63] = 0;
    if (!(go = OpenEventW(SYNCHRONIZE, FALSE, name)) || WaitForSingleObject(go, 60000))
        return 253;
    CloseHandle(go);
    wtest_start("dll_driver_child");
    if (dlltest_load(&d))
        return 255;
    failures = run_workers(&d, proc, threads, ops, w);
    dlltest_unload(&d);
    wtest_end();
    return failures > 254 ? 254 : (int)failures;
}

int main(int argc, char **argv)
{
    if (argc == 6 && !strcmp(argv[1], "write"))
        return child_write(argv);
    wtest_start("dll_driver");
    t_start = dlltest_now_ms();
    if (!dlltest_temp_dir(L"driver", dir, MAX_PATH)) {
        skip("no temp directory\n");
        return wtest_end();
    }
    dlltest_save_logpath();
    test_sequence();
    test_threads();
    test_processes();
    dlltest_restore_logpath();
    RemoveDirectoryW(dir);
    return wtest_end();
}
