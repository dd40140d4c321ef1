/* vf_driver: the native libFuzzer side of the vendor fuzzer. Each input is
 * copied into memory shared with a persistent Wine host (vf_host.exe) that
 * runs it against the notifier DLL; the DLL's edge counters (instrumented
 * builds) and the host's behaviour counters come back as libFuzzer extra
 * counters. A finding aborts with its crash state, so libFuzzer saves the
 * input; findings are also kept once per crash state in $VF_FINDINGS.
 * Environment: VF_HOST (vf_host.exe), VF_DLL (the notifier, a Linux path),
 * VF_WINE (default wine), VF_HANG_MS (default 2000), VF_NOOP=1 (the floor:
 * call nothing), VF_FINDINGS (a directory), VF_SHM_DIR (default /dev/shm),
 * VF_COLD_EVERY (one call in N has its buffers retired; default 16),
 * VF_NO_EXTEND=1 (no appending of units compared with a NUL: vf_extend.c,
 * for comparisons), VF_JOBS (drivers running at once; default 1: sets the
 * spin, vf_shm.h). */
#define _GNU_SOURCE
#include "vf_extend.h"
#include "vf_shm.h"
#include "vf_torc.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

__attribute__((section("__libfuzzer_extra_counters"),
               used)) static uint8_t extra[VF_COV_SIZE + VF_BEHAV_SIZE];

static struct vf_shm *shm;
static char shm_path[512];
static pid_t host = -1;
static int host_pipe = -1; /* the host's stdin */
static unsigned hang_ms = 2000;
static uint32_t spins = VF_SPINS_ALONE;

/* Two cores per job: each side may spin; fewer: a spin takes the other side's core. */
static uint32_t spins_for_jobs(void)
{
    const char *j = getenv("VF_JOBS");
    long jobs = j && atoi(j) > 0 ? atoi(j) : 1;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus >= 2 * jobs ? VF_SPINS_ALONE : VF_SPINS_SHARED;
}
static int printed_mode;

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "vendorfuzz: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    exit(2);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static void stop_host(void)
{
    if (host > 0) {
        kill(host, SIGKILL);
        waitpid(host, NULL, 0);
        host = -1;
    }
    if (host_pipe >= 0) {
        close(host_pipe);
        host_pipe = -1;
    }
    if (shm_path[0]) {
        unlink(shm_path);
        shm_path[0] = 0;
    }
}

/* Z:\ path of a Linux path, as the host sees it [wine]. */
static void zpath(const char *p, char *out, size_t cap)
{
    size_t n = 0;
    out[n++] = 'Z';
    out[n++] = ':';
    for (; *p && n + 1 < cap; p++)
        out[n++] = *p == '/' ? '\\' : *p;
    out[n] = 0;
}

static void start_host(void)
{
    const char *exe = getenv("VF_HOST");
    const char *dll = getenv("VF_DLL");
    const char *wine = getenv("VF_WINE") ? getenv("VF_WINE") : "wine";
    const char *dir = getenv("VF_SHM_DIR") ? getenv("VF_SHM_DIR") : "/dev/shm";
    const char *h = getenv("VF_HANG_MS");
    char zshm[600], zdll[4200], hang[16];
    int pipefd[2];

    if (!exe || !dll)
        die("%s", "VF_HOST and VF_DLL must name the host and the notifier");
    if (h && atoi(h) > 0)
        hang_ms = (unsigned)atoi(h);
    snprintf(shm_path, sizeof shm_path, "%s/connotify-vf-%ld", dir, (long)getpid());
    int fd = open(shm_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        die("cannot create %s", shm_path);
    if (ftruncate(fd, sizeof(struct vf_shm)) != 0)
        die("cannot size %s", shm_path);
    shm = mmap(NULL, sizeof(struct vf_shm), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (shm == MAP_FAILED)
        die("cannot map %s", shm_path);
    memset(shm, 0, sizeof *shm);
    shm->cov_hdr.cov_off = (uint32_t)offsetof(struct vf_shm, cov);
    shm->cov_hdr.cov_size = VF_COV_SIZE;
    shm->version = VF_VERSION;
    shm->hang_ms = hang_ms;
    spins = spins_for_jobs();
    shm->spins = spins;
    shm->cov_hdr.cmp_off = (uint32_t)offsetof(struct vf_shm, cmp);
    shm->cov_hdr.cmp_slots = VF_CMP_SLOTS;
    shm->cov_hdr.magic = VF_MAGIC;

    zpath(shm_path, zshm, sizeof zshm);
    if (dll[0] == '/')
        zpath(dll, zdll, sizeof zdll);
    else
        snprintf(zdll, sizeof zdll, "%s", dll);
    snprintf(hang, sizeof hang, "%u", hang_ms);
    char *argv[12];
    int a = 0;
    argv[a++] = (char *)wine;
    argv[a++] = (char *)exe;
    argv[a++] = "--shm";
    argv[a++] = zshm;
    argv[a++] = "--hang-ms";
    argv[a++] = hang;
    if (getenv("VF_COLD_EVERY") && atoi(getenv("VF_COLD_EVERY")) > 0) {
        argv[a++] = "--cold-every";
        argv[a++] = (char *)getenv("VF_COLD_EVERY");
    }
    if (getenv("VF_NOOP") && !strcmp(getenv("VF_NOOP"), "1"))
        argv[a++] = "--noop";
    argv[a++] = zdll;
    argv[a] = NULL;
    /* The host's stdin: it ends itself when this process is gone. */
    if (pipe2(pipefd, O_CLOEXEC) != 0)
        die("%s", "cannot create a pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[0], 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&host, wine, &fa, NULL, argv, environ) != 0)
        die("cannot run %s", wine);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[0]);
    host_pipe = pipefd[1];

    double t0 = now_ms();
    while (__atomic_load_n(&shm->host_state, __ATOMIC_ACQUIRE) == VF_STARTING) {
        int st;
        if (waitpid(host, &st, WNOHANG) == host) {
            host = -1;
            die("%s", "the host ended while loading the notifier (see its message above)");
        }
        if (now_ms() - t0 > 120000)
            die("%s", "the host did not start within 120 s");
        usleep(2000);
    }
    if (shm->host_state == VF_FATAL)
        die("%s", "the host cannot use the notifier (see its message above)");
    if (!printed_mode && getenv("VF_PRINT_MODE")) {
        printed_mode = 1;
        fprintf(stderr, "vendorfuzz: mode: %s\n",
                !shm->cov_hdr.attached ? "behaviour feedback only (the DLL is not instrumented)"
                : shm->cov_hdr.mode == VF_COV_PC_GUARD ? "coverage (trace-pc-guard)"
                                                       : "coverage (trace-pc)");
    }
}

/* A file-name-safe key of a crash state. */
static void state_key(const char *state, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = state; *p && n + 1 < cap; p++) {
        char c = *p;
        out[n++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '.' || c == '-' || c == '+'
                       ? c
                       : '_';
    }
    out[n] = 0;
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(data, 1, size, f);
    fclose(f);
}

__attribute__((noreturn)) static void finding(const char *state, const char *detail,
                                              const uint8_t *data, size_t size)
{
    const char *dir = getenv("VF_FINDINGS");
    fprintf(stderr, "vendorfuzz: FINDING: %s\nvendorfuzz: state: %s\n", detail, state);
    if (dir) {
        char key[300], path[900], text[1400];
        state_key(state, key, sizeof key);
        snprintf(path, sizeof path, "%s/%s", dir, key);
        if (mkdir(path, 0755) == 0) {
            snprintf(path, sizeof path, "%s/%s/input", dir, key);
            write_file(path, data, size);
            snprintf(path, sizeof path, "%s/%s/state", dir, key);
            snprintf(text, sizeof text, "%s\n%s\n", state, detail);
            write_file(path, text, strlen(text));
            fprintf(stderr, "vendorfuzz: new finding: %s/%s\n", dir, key);
        } else if (errno == EEXIST) {
            fprintf(stderr, "vendorfuzz: known finding: %s/%s\n", dir, key);
        }
        /* One line per hit: the script counts what this run found. */
        snprintf(path, sizeof path, "%s/%s/hits", dir, key);
        FILE *f = fopen(path, "a");
        if (f) {
            fputs("hit\n", f);
            fclose(f);
        }
    }
    stop_host();
    abort();
}

static void host_ended(int st, const uint8_t *data, size_t size)
{
    char detail[200];
    snprintf(detail, sizeof detail,
             "the host process ended (%s %d) during the input: the notifier ended the process?",
             WIFEXITED(st) ? "exit status" : "signal",
             WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
    const char *dll = getenv("VF_DLL") ? getenv("VF_DLL") : "notifier";
    const char *base = strrchr(dll, '/');
    char state[300];
    snprintf(state, sizeof state, "process-exit %s", base ? base + 1 : dll);
    finding(state, detail, data, size);
}

static void futex_wait(volatile uint32_t *addr, uint32_t val, long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    syscall(SYS_futex, addr, FUTEX_WAIT, val, &t, NULL, 0);
}

static void futex_wake(volatile uint32_t *addr)
{
    syscall(SYS_futex, addr, FUTEX_WAKE, 0x7fffffff, NULL, NULL, 0);
}

/* A short spin, then futex waits on the shared word (the host wakes it
 * when driver_sleeping is set), checking that the host still runs. */
static void wait_done(uint32_t r, const uint8_t *data, size_t size)
{
    for (unsigned i = 0; i < spins; i++) {
        if (__atomic_load_n(&shm->done, __ATOMIC_ACQUIRE) == r)
            return;
        __builtin_ia32_pause();
    }
    double deadline = now_ms() + hang_ms + 5000.0;
    for (;;) {
        __atomic_store_n(&shm->driver_sleeping, 1, __ATOMIC_SEQ_CST);
        uint32_t d = __atomic_load_n(&shm->done, __ATOMIC_SEQ_CST);
        if (d == r)
            break;
        futex_wait(&shm->done, d, 100);
        if (__atomic_load_n(&shm->done, __ATOMIC_SEQ_CST) == r)
            break;
        int st;
        if (waitpid(host, &st, WNOHANG) == host) {
            host = -1;
            host_ended(st, data, size);
        }
        if (now_ms() > deadline)
            finding("hang", "the host gave no answer (its watchdog did not fire either)", data,
                    size);
    }
    __atomic_store_n(&shm->driver_sleeping, 0, __ATOMIC_RELAXED);
}

/* Hands one input to the host and waits for it; returns its request. */
static uint32_t run_on_host(const uint8_t *data, size_t size)
{
    if (host < 0)
        start_host();
    if (size > VF_MAX_INPUT)
        size = VF_MAX_INPUT;
    memcpy(shm->input, data, size);
    shm->input_len = (uint32_t)size;
    uint32_t r = shm->req + 1u;
    shm->cov_hdr.cmp_gen = r;
    __atomic_store_n(&shm->req, r, __ATOMIC_SEQ_CST);

    if (__atomic_load_n(&shm->host_sleeping, __ATOMIC_SEQ_CST))
        futex_wake(&shm->req);
    wait_done(r, data, size);
    return r;
}

static void clear_counters(void)
{
    uint64_t *words = (uint64_t *)shm->cov;
    for (size_t i = 0; i < VF_COV_SIZE / 8u; i++)
        words[i] = 0;
    words = (uint64_t *)shm->behav;
    for (size_t i = 0; i < VF_BEHAV_SIZE / 8u; i++)
        words[i] = 0;
}

/* A run for the mutator (vf_extend.c): its counters are not libFuzzer's.
 * On a finding the host is restarted and 0 returned: the mutator hands
 * the input back, and libFuzzer's own run of it finds it again, saved
 * as any other. */
static uint32_t run_for_mutator(const uint8_t *data, size_t size)
{
    uint32_t r = run_on_host(data, size);
    if (shm->verdict == VF_FINDING) {
        stop_host();
        munmap(shm, sizeof *shm);
        shm = NULL;
        return 0;
    }
    clear_counters();
    return r;
}

static const struct vf_shm *shm_now(void)
{
    return shm;
}

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

/* libFuzzer turns its length control off when the target has a custom
 * mutator: inputs then grow to max_len at once, and longer programs ran at
 * half the speed and less (measured: 1303 and 1535 exec/s on the
 * reference, lim 4096, against 2969 and 2758 exec/s, lim 307 and 379,
 * without the mutator, 30 s each). So a rule like its own [design]: the
 * limit starts at the longest input mutated and grows by its log2 every
 * 100 * log2 inputs run (libFuzzer's -len_control=100, which also waits
 * while the corpus grows). */
static size_t len_limit;
static unsigned long runs_since_growth;

static void count_run_for_limit(void)
{
    size_t log2 = 0;
    while ((len_limit >> (log2 + 1)) != 0)
        log2++;
    runs_since_growth++;
    if (len_limit && runs_since_growth > 100u * log2) {
        len_limit += log2;
        runs_since_growth = 0;
    }
}

static size_t length_limit(size_t size, size_t max_size)
{
    if (size > len_limit)
        len_limit = size;
    if (len_limit < 4)
        len_limit = 4;
    return len_limit < max_size ? len_limit : max_size;
}

/* One mutation in 8 appends to a spelled name a unit the notifier
 * compared with a 0 unit, when the input has such a pair; the rest are
 * libFuzzer's own. */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    static int extend = -1;
    if (extend < 0)
        extend = !(getenv("VF_NO_EXTEND") && !strcmp(getenv("VF_NO_EXTEND"), "1"));
    if (extend && seed % 8u == 0 && shm) {
        size_t grown = vf_extend_mutate(data, size, max_size, seed >> 3, run_for_mutator, shm_now);
        if (grown)
            return grown;
    }
    return LLVMFuzzerMutate(data, size, length_limit(size, max_size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t r = run_on_host(data, size);
    if (size > VF_MAX_INPUT)
        size = VF_MAX_INPUT;
    if (shm->verdict == VF_FINDING) {
        char state[VF_TEXT], detail[VF_TEXT * 2];
        memcpy(state, shm->state, sizeof state);
        memcpy(detail, shm->detail, sizeof detail);
        state[sizeof state - 1] = 0;
        detail[sizeof detail - 1] = 0;
        finding(state, detail, data, size);
    }
    vf_torc_feed(shm, r);
    vf_extend_note(shm, r, data, size);
    count_run_for_limit();
    /* Counters into libFuzzer's, and the shared ones back to zero. */
    uint64_t *src = (uint64_t *)shm->cov;
    uint64_t *dst = (uint64_t *)extra;
    for (size_t i = 0; i < VF_COV_SIZE / 8u; i++) {
        if (src[i]) {
            dst[i] = src[i];
            src[i] = 0;
        }
    }
    src = (uint64_t *)shm->behav;
    dst = (uint64_t *)(extra + VF_COV_SIZE);
    for (size_t i = 0; i < VF_BEHAV_SIZE / 8u; i++) {
        if (src[i]) {
            dst[i] = src[i];
            src[i] = 0;
        }
    }
    return 0;
}

__attribute__((destructor)) static void at_end(void)
{
    stop_host();
}
