/* Running a program (vf_exec.h). */
#include "vf_exec.h"
#include "vf_arena.h"
#include "vf_crash.h"
#include "vf_shm.h"
#include "vf_sys.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

static const char *const name_labels[2][3] = {
    {"lpLocalName", "lpRemoteName", "lpProvider"},
    {"NOTIFYCANCEL.lpName", "", "NOTIFYCANCEL.lpProvider"},
};

struct call {
    const struct vf_program *prog;
    unsigned op;
    int post;
    int cold; /* buffers armed for this call and retired after it */
    DWORD ret;
};

static struct vf_target target;
static void *contexts[VF_MAX_OPS];
static unsigned char *behav_out;
static uint32_t last_feature;

/* The running call, for reports and the watchdog. */
static volatile LONG64 call_start;
static HANDLE *volatile call_thread;
static HANDLE threads[VF_THREADS];
static const struct vf_program *cur_prog;
static volatile unsigned cur_step, cur_op, cur_post, cur_calls;

/* Process state a notifier must leave as it found it [design]; the FPU
 * state is per thread, so it is compared around each call. */
static WCHAR base_dir[MAX_PATH * 2];

static unsigned short fpcw(void)
{
    unsigned short cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    return cw;
}

static unsigned mxcsr(void)
{
    unsigned v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void describe(char *buf, size_t cap)
{
    if (!cur_prog || !cur_calls) {
        snprintf(buf, cap, "the host loop, outside a notifier call");
        return;
    }
    const struct vf_op *o = &cur_prog->ops[cur_op];
    snprintf(buf, cap, "%s %s of operation %u (call %u of the input, thread %u)",
             o->kind == VF_ADD ? "AddConnectNotify" : "CancelConnectNotify",
             cur_post ? "POST" : "PRE", cur_op, cur_calls, o->thread);
}

/* The names of the running call, for the comparison hooks (vf_cmplog.c). */
static struct {
    const WCHAR *at;
    const struct vf_name *name;
} call_names[3];

static WCHAR *put_name(const struct vf_program *p, const struct vf_name *n, enum vf_region r,
                       const char *label)
{
    void *alias;
    if (n->null)
        return NULL;
    WCHAR *w = vf_arena_buf(r, (n->len + 1u) * sizeof(WCHAR), label, 0, &alias);
    memcpy(alias, vf_name_units(p, n), (n->len + 1u) * sizeof(WCHAR));
    call_names[r - VF_R_NAME0].at = w;
    call_names[r - VF_R_NAME0].name = n;
    return w;
}

int vf_exec_name_at(const void *at, struct vf_name_ref *ref)
{
    const struct vf_program *p = cur_prog;
    if (!p || !cur_calls)
        return 0;
    for (unsigned i = 0; i < 3; i++) {
        const WCHAR *w = call_names[i].at;
        const struct vf_name *n = call_names[i].name;
        if (!w || (const WCHAR *)at < w || (const WCHAR *)at > w + n->len)
            continue;
        if (((ULONG_PTR)at - (ULONG_PTR)w) % sizeof(WCHAR))
            return 0;
        size_t unit = (size_t)((const WCHAR *)at - w);
        ref->units_left = n->len - unit;
        ref->enc = 0;
        ref->src = NULL;
        ref->src_len = 0;
        if (n->enc && unit >= n->lead) {
            size_t off = n->src + (unit - n->lead) * n->enc;
            if (off < p->input_len) {
                ref->enc = n->enc;
                ref->src = p->input + off;
                ref->src_len = p->input_len - off;
            }
        }
        return 1;
    }
    return 0;
}

void vf_exec_count(uint32_t index)
{
    if (behav_out)
        behav_out[index % VF_BEHAV_SIZE]++;
}

static void feature(uint32_t f)
{
    if (!behav_out)
        return;
    behav_out[f % VF_BEHAV_SIZE]++;
    behav_out[(f ^ (last_feature * 31u + 7u)) % VF_BEHAV_SIZE]++;
    last_feature = f;
}

static void check_state(unsigned short cw0, unsigned m0)
{
    WCHAR dir[MAX_PATH * 2];
    unsigned short cw = fpcw();
    unsigned m = mxcsr();
    if (cw != cw0)
        vf_finding("fpu-control-word", VF_NO_FRAME, "the x87 control word changed from %#x to %#x",
                   cw0, cw);
    /* Only the control bits: the sticky exception flags (0x3f) may move. */
    if ((m & ~0x3fu) != (m0 & ~0x3fu))
        vf_finding("mxcsr", VF_NO_FRAME, "MXCSR changed from %#x to %#x", m0, m);
    DWORD n = GetCurrentDirectoryW(MAX_PATH * 2, dir);
    if (n && wcscmp(dir, base_dir))
        vf_finding("current-directory", VF_NO_FRAME,
                   "the current directory changed from %ls to %ls", base_dir, dir);
}

static void exec_call(struct call *c)
{
    const struct vf_program *p = c->prog;
    const struct vf_op *o = &p->ops[c->op];
    DWORD phase = c->post ? NOTIFY_POST : NOTIFY_PRE;
    DWORD status = c->post ? o->status : WN_SUCCESS;
    void *ctx = c->post ? contexts[c->op] : NULL;
    const char *const *labels = name_labels[o->kind];
    void *alias;

    unsigned short cw0 = fpcw();
    unsigned m0 = mxcsr();
    vf_arena_begin(c->cold);
    /* [NOTIFYADD or NOTIFYCANCEL][NOTIFYINFO][guard page] */
    size_t ssize = o->kind == VF_ADD ? sizeof(NOTIFYADD) : sizeof(NOTIFYCANCEL);
    unsigned char *run =
        vf_arena_buf(VF_R_CALL, ssize + sizeof(NOTIFYINFO), "NOTIFYINFO", 1, &alias);
    unsigned char *run_alias = alias;
    NOTIFYINFO *ni = (NOTIFYINFO *)(run + ssize);
    NOTIFYINFO *ni_alias = (NOTIFYINFO *)(run_alias + ssize);
    union {
        NOTIFYADD add;
        NOTIFYCANCEL cancel;
    } copy;
    ni_alias->dwNotifyStatus = phase;
    ni_alias->dwOperationStatus = status;
    ni_alias->lpContext = ctx;
    if (o->kind == VF_ADD) {
        NOTIFYADD *a = (NOTIFYADD *)run;
        NOTIFYADD *w = &copy.add;
        memset(w, 0, sizeof *w);
        w->hwndOwner = (HWND)(ULONG_PTR)o->hwnd;
        w->NetResource.dwScope = o->scope;
        w->NetResource.dwType = o->type;
        w->NetResource.dwDisplayType = o->display;
        w->NetResource.dwUsage = o->usage;
        w->NetResource.lpLocalName = put_name(p, &o->local, VF_R_NAME0, labels[0]);
        w->NetResource.lpRemoteName = put_name(p, &o->remote, VF_R_NAME1, labels[1]);
        w->NetResource.lpProvider = put_name(p, &o->provider, VF_R_NAME2, labels[2]);
        w->dwAddFlags = o->flags;
        memcpy(run_alias, w, sizeof *w);
        call_start = (LONG64)GetTickCount64();
        c->ret = target.noop ? WN_SUCCESS : target.add(ni, a);
    } else {
        NOTIFYCANCEL *k = (NOTIFYCANCEL *)run;
        NOTIFYCANCEL *w = &copy.cancel;
        memset(w, 0, sizeof *w);
        w->lpName = put_name(p, &o->local, VF_R_NAME0, labels[0]);
        /* [doc] lpProvider is undefined in PRE: a page nobody may read. */
        w->lpProvider =
            c->post ? put_name(p, &o->provider, VF_R_NAME2, labels[2]) : vf_arena_trap();
        w->dwFlags = o->flags;
        w->fForce = o->force;
        memcpy(run_alias, w, sizeof *w);
        call_start = (LONG64)GetTickCount64();
        c->ret = target.noop ? WN_SUCCESS : target.cancel(ni, k);
    }
    call_start = 0;
    if (target.noop && !c->post)
        ni_alias->lpContext = (void *)(ULONG_PTR)(c->op * 2u + 1u);
    if (ni_alias->dwNotifyStatus != phase || ni_alias->dwOperationStatus != status)
        vf_finding("notifyinfo-changed", VF_NO_FRAME,
                   "NOTIFYINFO changed by the notifier: dwNotifyStatus %lu -> %lu, "
                   "dwOperationStatus %lu -> %lu [doc]",
                   (unsigned long)phase, (unsigned long)ni_alias->dwNotifyStatus,
                   (unsigned long)status, (unsigned long)ni_alias->dwOperationStatus);
    if (memcmp(run_alias, &copy, ssize))
        vf_finding("write-to-input", VF_NO_FRAME,
                   "the notifier wrote into %s, an [in] structure [doc]",
                   o->kind == VF_ADD ? "NOTIFYADD" : "NOTIFYCANCEL");
    if (!c->post)
        contexts[c->op] = ni_alias->lpContext;
    memset(call_names, 0, sizeof call_names);
    check_state(cw0, m0);
    vf_arena_retire();
}

/* ---------------- threads ---------------- */

/* A one-way hand-off between two host threads: a short spin, then a
 * futex wait (vf_sys.h) only when the other side is slow. */
struct handoff {
    volatile LONG ready;
    volatile LONG sleeping;
};

static void handoff_wait(struct handoff *h)
{
    for (unsigned i = 0; i < target.spins; i++) {
        if (__atomic_load_n(&h->ready, __ATOMIC_ACQUIRE))
            goto got;
        __builtin_ia32_pause();
    }
    for (;;) {
        __atomic_store_n(&h->sleeping, 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&h->ready, __ATOMIC_SEQ_CST))
            break;
        vf_wait(&h->ready, 0, 100);
    }
    __atomic_store_n(&h->sleeping, 0, __ATOMIC_RELAXED);
got:
    __atomic_store_n(&h->ready, 0, __ATOMIC_RELAXED);
}

static void handoff_post(struct handoff *h)
{
    __atomic_store_n(&h->ready, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&h->sleeping, __ATOMIC_SEQ_CST))
        vf_wake(&h->ready);
}

struct worker {
    struct handoff go, back;
    struct call *job;
};
static struct worker workers[VF_THREADS];

static DWORD WINAPI worker_main(void *arg)
{
    struct worker *w = arg;
    for (;;) {
        handoff_wait(&w->go);
        exec_call(w->job);
        handoff_post(&w->back);
    }
    return 0;
}

static void run_on(unsigned t, struct call *c)
{
    call_thread = &threads[t];
    if (t == 0) {
        exec_call(c);
        return;
    }
    struct worker *w = &workers[t];
    w->job = c;
    handoff_post(&w->go);
    handoff_wait(&w->back);
}

int vf_exec_init(const struct vf_target *t)
{
    target = *t;
    if (!vf_arena_init())
        return 0;
    vf_describe_call = describe;
    GetCurrentDirectoryW(MAX_PATH * 2, base_dir);
    DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &threads[0], 0,
                    FALSE, DUPLICATE_SAME_ACCESS);
    for (unsigned i = 1; i < VF_THREADS; i++) {
        threads[i] = CreateThread(NULL, 0, worker_main, &workers[i], 0, NULL);
        if (!threads[i])
            return 0;
    }
    vf_watch_start(&call_start, &call_thread, t->hang_ms);
    return 1;
}

unsigned vf_exec_run(const struct vf_program *p, unsigned char *behav)
{
    struct call c;
    unsigned calls = 0;
    behav_out = behav;
    last_feature = 0;
    cur_prog = p;
    memset(contexts, 0, sizeof contexts);
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const struct vf_step *s = &p->steps[i];
        const struct vf_op *o = &p->ops[s->op];
        /* [doc] a PRE that leaves lpContext NULL gets no POST. */
        if (s->post && !contexts[s->op])
            continue;
        c.prog = p;
        c.op = s->op;
        c.post = s->post;
        /* The input decides which calls are cold, so a replay is the same. */
        c.cold = target.cold_every <= 1 || (calls + p->seed) % target.cold_every == 0;
        cur_step = i;
        cur_op = s->op;
        cur_post = s->post;
        cur_calls = ++calls;
        run_on(o->thread, &c);
        void *ctx = contexts[s->op];
        uint32_t f = (uint32_t)o->kind | (uint32_t)s->post << 1 | (uint32_t)(ctx != NULL) << 2 |
                     (uint32_t)((ULONG_PTR)ctx & 1u) << 3;
        feature(f * 2654435761u ^ c.ret * 40503u);
    }
    cur_calls = 0;
    return calls;
}

void vf_exec_check_heaps(void)
{
    HANDLE heaps[64];
    DWORD n = GetProcessHeaps(64, heaps);
    if (n > 64)
        n = 64;
    for (DWORD i = 0; i < n; i++)
        if (!HeapValidate(heaps[i], 0, NULL))
            vf_finding("heap-corruption", VF_NO_FRAME,
                       "HeapValidate failed on heap %lu of %lu after the input ran",
                       (unsigned long)i, (unsigned long)n);
}

void *vf_exec_context(unsigned op)
{
    return op < VF_MAX_OPS ? contexts[op] : NULL;
}
