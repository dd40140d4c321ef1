/* vf_host: the Wine side of the vendor fuzzer. Loads one notifier DLL once
 * and runs inputs from the memory it shares with the native libFuzzer
 * driver (vf_shm.h), each as a program of PRE/POST calls (vf_program.h).
 *   vf_host --shm Z:\dev\shm\FILE [--hang-ms N] [--cold-every N] [--noop] NOTIFIER.dll
 *   vf_host --reproduce FILE [--hang-ms N] NOTIFIER.dll  (C snippet, then the run)
 *   vf_host --probe NOTIFIER.dll                         (loads, prints the mode)
 * Exit status: 0 done, 2 bad input (the DLL does not load, no exports),
 * 3 a finding (--reproduce), 4 the shared file cannot be mapped. */
#include "load_diagnose.h"
#include "vf_cmplog.h"
#include "vf_crash.h"
#include "vf_exec.h"
#include "vf_pageheap.h"
#include "vf_shm.h"
#include "vf_snippet.h"
#include "vf_sys.h"

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define EXIT_BADDLL 2
#define EXIT_NOSHM  4

static struct vf_program prog;

/* The shared file, also published as the named section an instrumented
 * DLL's coverage library opens (vf_cov.c). */
static struct vf_shm *map_shm(const WCHAR *path)
{
    WCHAR name[64];
    HANDLE f = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                           NULL, OPEN_EXISTING, 0, NULL);
    if (f == INVALID_HANDLE_VALUE)
        return NULL;
    _snwprintf(name, 64, VF_COV_SECTION_FMT, (unsigned long)GetCurrentProcessId());
    name[63] = 0;
    HANDLE s = CreateFileMappingW(f, NULL, PAGE_READWRITE, 0, sizeof(struct vf_shm), name);
    CloseHandle(f);
    if (!s)
        return NULL;
    /* The section stays open: the DLL opens it by name while it loads. */
    return MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, sizeof(struct vf_shm));
}

/* Without a driver (--reproduce, --probe): a section in the page file, so
 * that an instrumented DLL still attaches and reports its mode. */
static struct vf_cov_hdr *local_cov(void)
{
    WCHAR name[64];
    _snwprintf(name, 64, VF_COV_SECTION_FMT, (unsigned long)GetCurrentProcessId());
    name[63] = 0;
    HANDLE s = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                                  sizeof(struct vf_shm), name);
    if (!s)
        return NULL;
    struct vf_shm *m = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, sizeof(struct vf_shm));
    if (!m)
        return NULL;
    m->cov_hdr.cov_off = (uint32_t)offsetof(struct vf_shm, cov);
    m->cov_hdr.cov_size = VF_COV_SIZE;
    m->cov_hdr.magic = VF_MAGIC;
    return &m->cov_hdr;
}

static const char *mode_text(const struct vf_cov_hdr *h)
{
    if (!h || !h->attached)
        return "behaviour feedback only (the DLL is not instrumented)";
    if (h->mode == VF_COV_PC_GUARD)
        return "coverage (trace-pc-guard edges from the DLL)";
    return "coverage (trace-pc edges from the DLL)";
}

static int usage(void)
{
    fprintf(stderr, "usage: vf_host (--shm FILE [--noop] | --reproduce FILE [--repeat N] | "
                    "--probe) [--hang-ms N] NOTIFIER.dll\n");
    return EXIT_BADDLL;
}

static int read_file(const WCHAR *path, unsigned char *buf, size_t cap, size_t *len)
{
    FILE *f = _wfopen(path, L"rb");
    if (!f)
        return 0;
    *len = fread(buf, 1, cap, f);
    fclose(f);
    return 1;
}

/* stdin is a pipe from the driver: its end is the driver's end. */
static DWORD WINAPI watch_driver(void *arg)
{
    char b[64];
    DWORD n;
    (void)arg;
    while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), b, sizeof b, &n, NULL) && n)
        continue;
    TerminateProcess(GetCurrentProcess(), 0);
    return 0;
}

/* Waits for the driver's next request: a short spin, then a futex wait
 * on the shared word (the driver wakes it when host_sleeping is set). */
static uint32_t wait_request(struct vf_shm *shm, uint32_t seen)
{
    uint32_t r;
    for (unsigned i = 0; i < shm->spins; i++) {
        r = __atomic_load_n(&shm->req, __ATOMIC_ACQUIRE);
        if (r != seen)
            return r;
        __builtin_ia32_pause();
    }
    for (;;) {
        __atomic_store_n(&shm->host_sleeping, 1, __ATOMIC_SEQ_CST);
        r = __atomic_load_n(&shm->req, __ATOMIC_SEQ_CST);
        if (r != seen)
            break;
        vf_wait((volatile LONG *)&shm->req, (LONG)seen, 200);
    }
    __atomic_store_n(&shm->host_sleeping, 0, __ATOMIC_RELAXED);
    return r;
}

static void add_end(struct vf_shm *shm, const struct vf_name *n)
{
    if (n->null || !n->extendable || shm->nends >= VF_NAME_ENDS)
        return;
    shm->ends[shm->nends].off = n->end;
    shm->ends[shm->nends].enc = n->enc;
    shm->nends++;
}

/* The ends of the names the input spells, for the driver's mutator to
 * append the units the notifier compared with a 0 unit (vf_shm.h). */
static void publish_name_ends(struct vf_shm *shm, const struct vf_program *p)
{
    shm->nends = 0;
    for (uint32_t i = 0; i < p->nops; i++) {
        add_end(shm, &p->ops[i].local);
        add_end(shm, &p->ops[i].remote);
        add_end(shm, &p->ops[i].provider);
    }
}

static void serve(struct vf_shm *shm)
{
    HANDLE w = CreateThread(NULL, 0, watch_driver, NULL, 0, NULL);
    uint32_t seen = shm->req;
    if (w)
        CloseHandle(w);
    __atomic_store_n(&shm->host_state, VF_READY, __ATOMIC_RELEASE);
    for (;;) {
        uint32_t r = wait_request(shm, seen);
        seen = r;
        uint32_t len = shm->input_len;
        if (len > VF_MAX_INPUT)
            len = VF_MAX_INPUT;
        vf_decode(&prog, shm->input, len);
        publish_name_ends(shm, &prog);
        shm->verdict = VF_OK;
        shm->calls = vf_exec_run(&prog, shm->behav);
        vf_exec_check_heaps();
        __atomic_store_n(&shm->done, r, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&shm->driver_sleeping, __ATOMIC_SEQ_CST))
            vf_wake((volatile LONG *)&shm->done);
    }
}

int wmain(int argc, WCHAR **argv)
{
    const WCHAR *shm_path = NULL, *repro = NULL, *dll = NULL;
    int probe = 0;
    unsigned long repeat = 0;
    struct vf_target t = {.hang_ms = 2000, .cold_every = 16, .spins = VF_SPINS_ALONE};
    for (int i = 1; i < argc; i++) {
        const WCHAR *a = argv[i];
        const WCHAR *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!wcscmp(a, L"--shm") && v)
            shm_path = argv[++i];
        else if (!wcscmp(a, L"--reproduce") && v)
            repro = argv[++i];
        else if (!wcscmp(a, L"--hang-ms") && v)
            t.hang_ms = (DWORD)wcstoul(argv[++i], NULL, 10);
        else if (!wcscmp(a, L"--cold-every") && v)
            t.cold_every = (unsigned)wcstoul(argv[++i], NULL, 10);
        else if (!wcscmp(a, L"--noop"))
            t.noop = 1;
        else if (!wcscmp(a, L"--probe"))
            probe = 1;
        else if (!wcscmp(a, L"--repeat") && v)
            repeat = wcstoul(argv[++i], NULL, 10);
        else if (a[0] == '-' || dll)
            return usage();
        else
            dll = a;
    }
    if (!dll || (!shm_path && !repro && !probe) || t.hang_ms == 0)
        return usage();

    struct vf_shm *shm = NULL;
    struct vf_cov_hdr *cov;
    if (shm_path) {
        shm = map_shm(shm_path);
        if (!shm) {
            fprintf(stderr, "vf_host: cannot map %ls (error %lu)\n", shm_path,
                    (unsigned long)GetLastError());
            return EXIT_NOSHM;
        }
        cov = &shm->cov_hdr;
        t.spins = shm->spins;
    } else {
        cov = local_cov();
    }
    vf_crash_init(NULL, shm);

    HMODULE m = LoadLibraryW(dll);
    if (!m) {
        DWORD err = GetLastError();
        char missing[1024];
        if (load_diagnose(dll, err, missing, sizeof missing) > 0)
            fprintf(stderr, "vf_host: cannot load %ls (error %lu; missing: %s)\n", dll,
                    (unsigned long)err, missing);
        else
            fprintf(stderr, "vf_host: cannot load %ls (error %lu)\n", dll, (unsigned long)err);
        if (shm)
            __atomic_store_n(&shm->host_state, VF_FATAL, __ATOMIC_RELEASE);
        return EXIT_BADDLL;
    }
    vf_crash_set_dll(m);
    vf_hook_exits(m);
    vf_cmplog_hook(m, shm);
    vf_pageheap_hook(m);
    vf_explain_heap = vf_pageheap_explain;
    t.add = (vf_add_fn)(void *)GetProcAddress(m, "AddConnectNotify");
    t.cancel = (vf_cancel_fn)(void *)GetProcAddress(m, "CancelConnectNotify");
    if (!t.add || !t.cancel) {
        fprintf(stderr, "vf_host: %ls exports %s%s%s: not a notifier\n", dll,
                t.add ? "AddConnectNotify only" : "",
                !t.add && !t.cancel ? "neither AddConnectNotify nor CancelConnectNotify" : "",
                t.cancel && !t.add ? "CancelConnectNotify only" : "");
        if (shm)
            __atomic_store_n(&shm->host_state, VF_FATAL, __ATOMIC_RELEASE);
        return EXIT_BADDLL;
    }
    if (probe) {
        printf("mode\t%s\n", mode_text(cov));
        return 0;
    }
    if (!vf_exec_init(&t)) {
        fprintf(stderr, "vf_host: cannot set up guarded memory or threads (error %lu)\n",
                (unsigned long)GetLastError());
        return EXIT_NOSHM;
    }
    if (repro) {
        static unsigned char input[VF_MAX_INPUT];
        size_t len = 0;
        if (!read_file(repro, input, sizeof input, &len)) {
            fprintf(stderr, "vf_host: cannot read %ls\n", repro);
            return EXIT_BADDLL;
        }
        vf_decode(&prog, input, len);
        if (repeat) {
            /* Host-only cost of one input, without the driver. */
            LARGE_INTEGER f, t0, t1;
            unsigned calls = 0;
            QueryPerformanceFrequency(&f);
            QueryPerformanceCounter(&t0);
            for (unsigned long k = 0; k < repeat; k++) {
                calls = vf_exec_run(&prog, NULL);
                vf_exec_check_heaps();
            }
            QueryPerformanceCounter(&t1);
            double us =
                (double)(t1.QuadPart - t0.QuadPart) * 1e6 / (double)f.QuadPart / (double)repeat;
            printf("REPEAT\t%lu inputs\t%u calls each\t%.2f us per input\n", repeat, calls, us);
            return 0;
        }
        vf_snippet(stdout, &prog);
        fflush(stdout);
        unsigned calls = vf_exec_run(&prog, NULL);
        vf_exec_check_heaps();
        printf("NOFINDING\t%u calls\n", calls);
        return 0;
    }
    serve(shm);
    return 0;
}
