/* Records that reach the disk (records_kept.h). */
#include "records_kept.h"

#include "records_whole.h"

#include "call.h"
#include "child.h"
#include "fence.h"
#include "files_left.h"
#include "folder_walk.h"
#include "hooks_files.h"
#include "hooks_heap.h"
#include "out.h"
#include "shapes.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum {
    BURST = 300,    /* cycles back to back on one thread */
    NESTED = 8,     /* then pairs of operations nested on that thread */
    THREADS = 4,    /* then cycles on threads at once */
    EACH = 160,     /* cycles per thread: a record written in pieces tears in some (files.whole) */
    LANE_ALONE = 8, /* then cycles of each thread's drive on this thread (files.whole) */
    AT_ONCE = BURST + 2 * NESTED,
    THREADS_FROM = AT_ONCE + THREADS * LANE_ALONE,
    SHARED_FROM = THREADS_FROM + THREADS * EACH, /* then as many, a second process's with them */
    OPS = SHARED_FROM + THREADS * EACH + 4, /* then 3 more, the notifier freed and loaded, 1 more */
    /* A second process's cycles (files.whole, files.numbers): LANE_ALONE of each of its
     * threads' drives on one thread, then THREADS * EACH on threads at once with ours. */
    PEER_FROM = OPS,
    PEER_AT_ONCE = PEER_FROM + THREADS * LANE_ALONE,
    ALL = PEER_AT_ONCE + THREADS * EACH,
    PEER_READY_MS = 60000,
    PEER_LIMIT_MS = 120000,
    LANES = 1 + THREADS,
    NAME_UNITS = 64,
    DIGITS = 4,          /* the cycle's number after the marker */
    WALK_DEPTH = 2,      /* a folder and its subfolders */
    WALK_CAP = 20000,    /* files looked at per folder */
    READ_CAP = 16 << 20, /* bytes read per file: its end */
    POLLS = 12,          /* scans 250 ms apart: a writer thread may lag */
};

struct kept {
    char marker[16]; /* "CNK" and 8 digits: any case survives */
    size_t marker_len;
    unsigned char seen[ALL];
    DWORD add_pre[ALL];        /* each cycle's add PRE answer */
    unsigned char judged[ALL]; /* answered as most were (and judge_threads): ours only */
    DWORD common;
    int threads_judged;
    unsigned done[ALL]; /* the cycles in the order they ended */
    volatile LONG n_done;
    unsigned files_read;
    unsigned files_holding; /* files with the name of a cycle */
    FILETIME since;
    struct records_whole whole;
    unsigned char roles[ALL]; /* each cycle's part in files.whole */
    int peer_ran;             /* the second process made its cycles with ours */
    int checking_whole;       /* the last read: lines judged, not learnt */
};

/* Marks the cycles whose names b holds; 1 when it holds one. */
static int find_cycles(struct kept *k, const unsigned char *b, size_t len)
{
    int any = 0;
    size_t name_units = k->marker_len + DIGITS;
    for (size_t stride = 1; stride <= 2; stride++) {
        for (size_t at = 0; at + name_units * stride <= len; at++) {
            int n = records_name_at(&k->whole, b + at, stride);
            if (n >= 0)
                k->seen[n] = 1;
            any |= n >= 0;
        }
    }
    return any;
}

/* Reads the last READ_CAP bytes of a file changed since k->since. */
static void read_file(const WCHAR *path, void *arg)
{
    struct kept *k = arg;
    WIN32_FILE_ATTRIBUTE_DATA fa;
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &fa) ||
        CompareFileTime(&fa.ftLastWriteTime, &k->since) < 0)
        return;
    HANDLE h =
        CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return;
    LARGE_INTEGER size;
    if (!GetFileSizeEx(h, &size) || size.QuadPart <= 0) {
        CloseHandle(h);
        return;
    }
    DWORD want = size.QuadPart > READ_CAP ? READ_CAP : (DWORD)size.QuadPart;
    LARGE_INTEGER at;
    at.QuadPart = size.QuadPart - want;
    unsigned char *b = HeapAlloc(GetProcessHeap(), 0, want);
    DWORD got = 0;
    if (b && SetFilePointerEx(h, at, NULL, FILE_BEGIN) && ReadFile(h, b, want, &got, NULL)) {
        k->files_holding += (unsigned)find_cycles(k, b, got);
        k->files_read++;
        if (k->checking_whole)
            records_whole_check(&k->whole, b, got, at.QuadPart == 0);
        else
            records_whole_learn(&k->whole, b, got, at.QuadPart == 0);
    }
    if (b)
        HeapFree(GetProcessHeap(), 0, b);
    CloseHandle(h);
}

/* [wine] Appends through several handles at once are not atomic under Wine 8 (measured: a
 * notifier that opens its log with FILE_APPEND_DATA per record lost 2 of 463 records with 4
 * threads calling), so the cycles made on threads at once are judged only where the records
 * have files of their own (a file per record: a lost one was written over by name). */
/* Cycle i was made on threads at once: ours, or the second process's. */
static int on_threads(unsigned i)
{
    return (i >= THREADS_FROM && i < SHARED_FROM + THREADS * EACH) || i >= PEER_AT_ONCE;
}

static void judge_threads(struct kept *k)
{
    unsigned answered_alike = 0;
    for (unsigned i = 0; i < OPS; i++)
        answered_alike += k->add_pre[i] == k->common;
    int own_files = k->files_holding * 2 >= answered_alike;
    k->threads_judged = own_files;
    for (unsigned i = 0; i < OPS; i++)
        k->judged[i] = k->add_pre[i] == k->common && (own_files || !on_threads(i));
}

static unsigned judged_count(const struct kept *k)
{
    unsigned n = 0;
    for (unsigned i = 0; i < OPS; i++)
        n += k->judged[i];
    return n;
}

static unsigned scan_found(const struct kept *k)
{
    unsigned found = 0;
    for (unsigned i = 0; i < OPS; i++)
        found += k->seen[i] && k->judged[i];
    return found;
}

static unsigned scan(struct kept *k)
{
    struct files_left folders;
    files_left_written_folders(&folders);
    memset(k->seen, 0, sizeof k->seen);
    k->files_read = 0;
    k->files_holding = 0;
    if (!k->checking_whole)
        records_whole_reset(&k->whole);
    for (unsigned d = 0; d < folders.n_dirs; d++)
        folder_walk(folders.dir[d], WALK_DEPTH, WALK_CAP, read_file, NULL, k);
    judge_threads(k);
    return scan_found(k);
}

/* A drive of its own per thread, so that a notifier that holds drive letters answers each
 * cycle as the first; the name is rewritten in place between cycles (a fenced buffer per
 * cycle would be 4 per cycle). */
struct lane {
    WCHAR *local;
    WCHAR *remote;
    struct shape s;
};

static const WCHAR *const lane_drives[LANES] = {L"Y:", L"T:", L"U:", L"V:", L"W:"};
/* The second process's: drives of its own, so that a notifier that holds drive letters for the
 * user answers its cycles as ours. */
static const WCHAR *const peer_drives[LANES] = {L"O:", L"P:", L"Q:", L"R:", L"S:"};

static void name_of(const struct kept *k, unsigned i, WCHAR *out, size_t cap)
{
    _snwprintf(out, cap, L"\\\\server\\%hs%0*u", k->marker, DIGITS, i);
    out[cap - 1] = 0;
}

static void lane_make(struct lane *l, const struct kept *k, const WCHAR *drive)
{
    WCHAR name[NAME_UNITS];
    name_of(k, 0, name, NAME_UNITS);
    l->local = fence_wstr(drive, "lpLocalName (a record's drive)");
    l->remote = fence_wstr(name, "lpRemoteName (a record's name)");
    memset(&l->s, 0, sizeof l->s);
    l->s.add = mk_add(RESOURCETYPE_DISK, l->local, l->remote, s_provider, CONNECT_TEMPORARY);
    l->s.cancel_pre = mk_cancel(l->local, NULL, 0, FALSE);
    l->s.cancel_post = mk_cancel(l->local, s_provider, 0, FALSE);
    l->s.add_status = WN_SUCCESS;
    l->s.cancel_status = WN_SUCCESS;
    l->s.ordinary = 1;
    snprintf(l->s.label, sizeof l->s.label, "%ls, a record's name", drive);
}

static void lane_free(struct lane *l)
{
    shape_free_calls(&l->s);
    fence_free(l->remote);
    fence_free(l->local);
}

/* A name into a lane's fenced buffer. */
static void lane_name(struct kept *k, struct lane *l, unsigned i)
{
    WCHAR name[NAME_UNITS];
    name_of(k, i, name, NAME_UNITS);
    fence_unseal(l->remote);
    memcpy(l->remote, name, (wcslen(name) + 1) * sizeof(WCHAR));
    fence_seal(l->remote);
}

/* One add of \\server\<marker><i> on the lane's drive and its cancel, every call successful. */
static void cycle(struct kept *k, struct lane *l, unsigned i)
{
    lane_name(k, l, i);
    DWORD rets[4];
    shape_cycle_returns(&l->s, NULL, rets);
    k->add_pre[i] = rets[0];
    k->done[InterlockedIncrement(&k->n_done) - 1] = i;
}

/* Cycles i (outer, on lane 0's drive) and i + 1 (inner, lane 1's) nested on this thread:
 * PRE A, PRE B, POST B, POST A, then the cancels so. A credential dialog of an interactive
 * add runs the caller's window procedures, which may map another drive before the first
 * add returns: what PRE keeps for its POST is the operation's (lpContext), not the thread's. */
static void nested(struct kept *k, struct lane *lanes, unsigned i)
{
    struct shape *a = &lanes[0].s;
    struct shape *b = &lanes[1].s;
    lane_name(k, &lanes[0], i);
    lane_name(k, &lanes[1], i + 1);
    void *ctx_a = NULL;
    void *ctx_b = NULL;
    k->add_pre[i] = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx_a, a->add, a->label);
    k->add_pre[i + 1] = call_op(OP_ADD, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx_b, b->add, b->label);
    if (ctx_b)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx_b, b->add, b->label);
    if (ctx_a)
        call_op(OP_ADD, NULL, NOTIFY_POST, WN_SUCCESS, &ctx_a, a->add, a->label);
    ctx_a = NULL;
    ctx_b = NULL;
    call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx_a, a->cancel_pre, a->label);
    call_op(OP_CANCEL, NULL, NOTIFY_PRE, WN_SUCCESS, &ctx_b, b->cancel_pre, b->label);
    if (ctx_b)
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &ctx_b, b->cancel_post, b->label);
    if (ctx_a)
        call_op(OP_CANCEL, NULL, NOTIFY_POST, WN_SUCCESS, &ctx_a, a->cancel_post, a->label);
    k->done[InterlockedIncrement(&k->n_done) - 1] = i + 1;
    k->done[InterlockedIncrement(&k->n_done) - 1] = i;
}

struct thread_run {
    struct kept *k;
    struct lane *lane;
    HANDLE start;
    unsigned first;
};

static DWORD WINAPI thread_cycles(void *arg)
{
    const struct thread_run *r = arg;
    WaitForSingleObject(r->start, INFINITE);
    for (unsigned i = 0; i < EACH; i++)
        cycle(r->k, r->lane, r->first + i * THREADS);
    return 0;
}

/* Cycles first..first + THREADS * EACH - 1 on THREADS threads started at once (those of a
 * thread that could not start are made here). */
static void cycles_at_once(struct kept *k, struct lane *lanes, unsigned first)
{
    struct thread_run runs[THREADS];
    HANDLE threads[THREADS];
    HANDLE start = CreateEventW(NULL, TRUE, FALSE, NULL);
    unsigned started = 0;
    for (unsigned t = 0; t < THREADS; t++) {
        runs[t].k = k;
        runs[t].lane = &lanes[1 + t];
        runs[t].start = start;
        runs[t].first = first + t;
        threads[started] = start ? CreateThread(NULL, 0, thread_cycles, &runs[t], 0, NULL) : NULL;
        if (threads[started]) {
            started++;
            continue;
        }
        for (unsigned i = 0; i < EACH; i++)
            cycle(k, runs[t].lane, first + t + i * THREADS);
    }
    /* A piece written, the next thread's turn: interleaving that does not wait on the load. */
    hooks_yield_after_writes(1);
    if (start)
        SetEvent(start);
    if (started)
        WaitForMultipleObjects(started, threads, TRUE, INFINITE);
    hooks_yield_after_writes(0);
    for (unsigned t = 0; t < started; t++)
        CloseHandle(threads[t]);
    if (start)
        CloseHandle(start);
}

/* The cycle that ended j-th is judged and its record was found. */
static int found_at(const struct kept *k, unsigned j)
{
    return k->judged[k->done[j]] && k->seen[k->done[j]];
}

/* The cycle that ended j-th is judged and its record is missing. */
static int lost_at(const struct kept *k, unsigned j)
{
    return k->judged[k->done[j]] && !k->seen[k->done[j]];
}

/* The missing cycles are the last to end: the ones right before the unload. */
static int missing_at_end(const struct kept *k)
{
    unsigned last_seen = OPS;
    while (last_seen > 0 && !found_at(k, last_seen - 1))
        last_seen--;
    for (unsigned j = 0; j < last_seen; j++) {
        if (lost_at(k, j))
            return 0;
    }
    return 1;
}

/* The missing cycles are the first to end and every later one is there: a log rotated or cut
 * by its size keeps the latest records, a choice of the notifier's, not a loss. */
static int missing_at_start(const struct kept *k)
{
    unsigned first_seen = 0;
    while (first_seen < OPS && !found_at(k, first_seen))
        first_seen++;
    for (unsigned j = first_seen; j < OPS; j++) {
        if (lost_at(k, j))
            return 0;
    }
    return 1;
}

/* The most common add PRE answer: a notifier that refuses some cycles (a rate limit) need not
 * record those; only the cycles answered so are judged. */
static void common_answer(struct kept *k)
{
    DWORD common = k->add_pre[0];
    unsigned best = 0;
    for (unsigned i = 0; i < OPS; i++) {
        unsigned n = 0;
        for (unsigned j = 0; j < OPS; j++)
            n += k->add_pre[j] == k->add_pre[i];
        if (n > best) {
            best = n;
            common = k->add_pre[i];
        }
    }
    k->common = common;
}

/* The cycles made on one thread teach the forms of records; those on threads at once that were
 * answered as most were are judged by them. */
static void whole_roles(struct kept *k)
{
    for (unsigned i = 0; i < ALL; i++) {
        k->roles[i] = i >= PEER_FROM && !k->peer_ran ? WHOLE_SKIP
                      : !on_threads(i)               ? WHOLE_LEARN
                      : k->add_pre[i] == k->common   ? WHOLE_CHECK
                                                     : WHOLE_SKIP;
    }
}

static void since_now_less_2s(FILETIME *since)
{
    ULARGE_INTEGER t;
    GetSystemTimeAsFileTime(since);
    t.LowPart = since->dwLowDateTime;
    t.HighPart = since->dwHighDateTime;
    t.QuadPart -= 20000000ull;
    since->dwLowDateTime = t.LowPart;
    since->dwHighDateTime = t.HighPart;
}

/* Every missing record is of an operation nested in another on one thread. */
static int missing_nested_only(const struct kept *k)
{
    for (unsigned i = 0; i < OPS; i++) {
        if (k->judged[i] && !k->seen[i] && (i < BURST || i >= AT_ONCE))
            return 0;
    }
    return 1;
}

static const char *missing_why(const struct kept *k)
{
    if (missing_nested_only(k))
        return "only operations nested in another on one thread (PRE A, PRE B, POST B, POST A, "
               "as a caller's window procedure maps a drive while an interactive add waits): "
               "what a PRE keeps for its POST is kept per thread, and the inner operation "
               "takes the outer one's; lpContext is the operation's own [doc]";
    if (judged_count(k) - 1 == scan_found(k) && !k->seen[OPS - 1])
        return "only the cycle made alone after the notifier was freed and loaded again: its "
               "record was kept in memory and not written when the notifier was freed, or the "
               "new load could not write (a file the first load left open without sharing)";
    if (missing_at_end(k))
        return "the last ones, records kept in memory and not written when the notifier was "
               "freed (the host may free it or exit after any call)";
    return "missing among others, a record written over by a later one (a file name per clock "
           "tick, renamed or created over the last)";
}

/* ---------------- the second process ---------------- */

/* What the two processes share, named by the marker. */
struct peer {
    HANDLE section;
    DWORD *answers; /* the second process's add PRE answers, from PEER_FROM */
    HANDLE ready;   /* its cycles on one thread are made */
    HANDLE go;      /* ours on threads start */
    PROCESS_INFORMATION pi;
};

static WCHAR peer_marker[16];

void records_peer_role(const WCHAR *marker)
{
    _snwprintf(peer_marker, 16, L"%ls", marker);
    peer_marker[15] = 0;
}

int records_is_peer(void)
{
    return peer_marker[0] != 0;
}

/* The name of the object `what` the two processes share. */
static void peer_name(WCHAR *out, size_t cap, const char *marker, const WCHAR *what)
{
    _snwprintf(out, cap, L"Local\\connotify-records-%hs%ls", marker, what);
    out[cap - 1] = 0;
}

static int peer_objects(struct peer *p, const char *marker)
{
    WCHAR name[80];
    size_t bytes = sizeof(DWORD) * (ALL - PEER_FROM);
    peer_name(name, 80, marker, L"");
    p->section =
        CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, (DWORD)bytes, name);
    p->answers = p->section ? MapViewOfFile(p->section, FILE_MAP_WRITE, 0, 0, bytes) : NULL;
    peer_name(name, 80, marker, L"-ready");
    p->ready = CreateEventW(NULL, FALSE, FALSE, name);
    peer_name(name, 80, marker, L"-go");
    p->go = CreateEventW(NULL, TRUE, FALSE, name);
    return p->answers && p->ready && p->go;
}

static void peer_close(struct peer *p)
{
    if (p->answers)
        UnmapViewOfFile(p->answers);
    if (p->section)
        CloseHandle(p->section);
    if (p->ready)
        CloseHandle(p->ready);
    if (p->go)
        CloseHandle(p->go);
}

/* --records-child: the second process's cycles, its answers left in the section. */
void records_peer_run(void)
{
    static struct kept k;
    static struct lane lanes[LANES];
    struct peer p = {0};
    snprintf(k.marker, sizeof k.marker, "%ls", peer_marker);
    k.marker_len = strlen(k.marker);
    if (!peer_objects(&p, k.marker) || !load_notifier()) {
        peer_close(&p);
        return;
    }
    std_names();
    for (unsigned n = 0; n < LANES; n++)
        lane_make(&lanes[n], &k, peer_drives[n]);
    announce_step("a second process: %u add and cancel cycles on one thread, then %u on %u "
                  "threads at once with the first's",
                  THREADS * LANE_ALONE, THREADS * EACH, THREADS);
    for (unsigned i = PEER_FROM; i < PEER_AT_ONCE; i++)
        cycle(&k, &lanes[1 + (i - PEER_FROM) / LANE_ALONE], i);
    SetEvent(p.ready);
    if (WaitForSingleObject(p.go, PEER_READY_MS) == WAIT_OBJECT_0)
        cycles_at_once(&k, lanes, PEER_AT_ONCE);
    memcpy(p.answers, k.add_pre + PEER_FROM, sizeof(DWORD) * (ALL - PEER_FROM));
    for (unsigned n = 0; n < LANES; n++)
        lane_free(&lanes[n]);
    peer_close(&p);
}

/* Starts the second process and waits until its cycles on one thread are made. */
static int peer_start(const struct kept *k, struct peer *p)
{
    memset(p, 0, sizeof *p);
    if (!peer_objects(p, k->marker)) {
        peer_close(p);
        return 0;
    }
    WCHAR args[MAX_PATH + 96];
    swprintf(args, sizeof args / sizeof args[0], L"--records-child %hs files \"%ls\"", k->marker,
             cf.dll);
    if (!child_start(NULL, NULL, args, NULL, NULL, NULL, &p->pi)) {
        peer_close(p);
        return 0;
    }
    if (WaitForSingleObject(p->ready, PEER_READY_MS) == WAIT_OBJECT_0)
        return 1;
    DWORD code;
    child_wait(&p->pi, 0, &code);
    peer_close(p);
    return 0;
}

/* Waits for the second process's end and takes its answers; 1 when it made its cycles. A
 * second process that crashed or hung in a call printed its verdict: this one ends so. */
static int peer_end(struct kept *k, struct peer *p)
{
    int ended = child_done(&p->pi, PEER_LIMIT_MS);
    if (ended)
        memcpy(k->add_pre + PEER_FROM, p->answers, sizeof(DWORD) * (ALL - PEER_FROM));
    peer_close(p);
    return ended;
}

/* Prints files.kept: found of the judged cycles' records are in the files; `written`
 * WriteFile calls to disk files held the cycles' marker. */
static void kept_result(const struct kept *k, unsigned found, long written)
{
    unsigned judged = judged_count(k);
    /* Found before the fresh load of the last cycle: none means what the first load wrote is
     * gone, all of it, not only the oldest a rotation drops. */
    unsigned first_load = found - (k->judged[OPS - 1] && k->seen[OPS - 1]);
    if (first_load == 0 && judged > 1 && written > 0) {
        result_bad("files.kept",
                   "%u add and cancel cycles back to back, then FreeLibrary: %ld writes to disk "
                   "files held their names (WriteFile), and no file it wrote holds the record "
                   "of any of the %u answered %s before the last, made in a fresh load (%u "
                   "read): its records are lost (a log renamed, cut or deleted while a handle "
                   "of its own still writes to it)",
                   OPS, written, judged, wn_name(k->common), k->files_read);
        return;
    }
    const char *threads = k->threads_judged ? ""
                                            : ", those made on threads at once left out: one "
                                              "file holds many records, and Wine's appends "
                                              "from several handles at once are not atomic";
    if (found == 0 || found == judged) {
        result("files.kept", "pass",
               found ? "%u add and cancel cycles back to back, then FreeLibrary: the record of "
                       "each of the %u answered %s is in the files it wrote (%u read%s)"
                     : "%u add and cancel cycles back to back, then FreeLibrary: no file it "
                       "wrote holds the names of the %u answered %s (%u read%s): nothing to "
                       "judge",
               OPS, judged, wn_name(k->common), k->files_read, threads);
        return;
    }
    if (missing_at_start(k)) {
        result("files.kept", "pass",
               "%u add and cancel cycles back to back, then FreeLibrary: the records of the last "
               "%u of the %u answered %s are in the files it wrote, the first %u are gone (a log "
               "rotated or cut by its size keeps the latest: not judged) (%u read%s)",
               OPS, found, judged, wn_name(k->common), judged - found, k->files_read, threads);
        return;
    }
    unsigned first = 0;
    while (!k->judged[first] || k->seen[first])
        first++;
    result_bad("files.kept",
               "records of %u of %u add and cancel cycles made back to back (add PRE %s) are in "
               "no file after FreeLibrary, those of the other %u are (%u files read); the first "
               "missing: \\\\server\\%s%0*u, cycle %u%s: %s",
               judged - found, judged, wn_name(k->common), found, k->files_read, k->marker, DIGITS,
               first, first, threads, missing_why(k));
}

void records_kept_judge(void)
{
    static struct kept k;
    static struct lane lanes[LANES];
    snprintf(k.marker, sizeof k.marker, "CNK%08lu",
             (unsigned long)((GetCurrentProcessId() * 7919u + GetTickCount()) % 100000000u));
    k.marker_len = strlen(k.marker);
    k.whole.marker = k.marker;
    k.whole.marker_len = k.marker_len;
    k.whole.digits = DIGITS;
    k.whole.cycles = ALL;
    k.whole.peer_from = PEER_FROM;
    k.whole.peer_started = SHARED_FROM;
    k.whole.roles = k.roles;
    k.whole.threads = THREADS;
    k.whole.on_threads = 2 * THREADS * EACH;
    k.checking_whole = 0;
    /* File times may lag the clock by a tick: look from 2 s before. */
    since_now_less_2s(&k.since);
    for (unsigned n = 0; n < LANES; n++)
        lane_make(&lanes[n], &k, lane_drives[n]);
    /* The digits of the marker: they survive any case the notifier writes names in. */
    hooks_watch_disk_writes(k.marker + 3);
    announce_step("%u add and cancel cycles back to back, %u of them on %u threads at once (the "
                  "last %u with a second process's), the notifier freed, its files read",
                  OPS, 2 * THREADS * EACH, THREADS, THREADS * EACH);
    for (unsigned i = 0; i < BURST; i++)
        cycle(&k, &lanes[0], i);
    for (unsigned i = BURST; i < AT_ONCE; i += 2)
        nested(&k, lanes, i);
    for (unsigned i = AT_ONCE; i < THREADS_FROM; i++)
        cycle(&k, &lanes[1 + (i - AT_ONCE) / LANE_ALONE], i);
    cycles_at_once(&k, lanes, THREADS_FROM);
    struct peer peer;
    int peer_ready = peer_start(&k, &peer);
    if (peer_ready)
        SetEvent(peer.go);
    cycles_at_once(&k, lanes, SHARED_FROM);
    k.peer_ran = peer_ready && peer_end(&k, &peer);
    k.whole.peer = k.peer_ran;
    for (unsigned i = SHARED_FROM + THREADS * EACH; i < OPS - 1; i++)
        cycle(&k, &lanes[0], i);
    /* The last alone in a fresh load: a batch of any size is not full. */
    int loaded = reload_notifier_bare();
    if (loaded)
        cycle(&k, &lanes[0], OPS - 1);
    for (unsigned n = 0; n < LANES; n++)
        lane_free(&lanes[n]);
    long written = hooks_watched_disk_writes();
    hooks_watch_disk_writes(NULL);
    files_flush_crt();
    if (!loaded || !reload_notifier_bare()) {
        result("files.kept", "notjudged", "the notifier did not load again after FreeLibrary");
        result("files.whole", "notjudged", "the notifier did not load again after FreeLibrary");
        result("files.numbers", "notjudged", "the notifier did not load again after FreeLibrary");
        return;
    }
    common_answer(&k);
    whole_roles(&k);
    unsigned found = scan(&k);
    for (int p = 0; p < POLLS && found && found < judged_count(&k); p++) {
        Sleep(250);
        found = scan(&k);
    }
    kept_result(&k, found, written);
    k.checking_whole = 1;
    numbers_settle(&k.whole.numbers);
    scan(&k);
    records_whole_judge(&k.whole);
    numbers_judge(&k.whole.numbers, THREADS, k.peer_ran);
}
