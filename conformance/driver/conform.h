/* cn_conform: runs ONE conformance case against a notifier DLL and prints
 * machine-readable lines on stdout (see docs/conformance.md):
 *   RESULT <tab> check <tab> pass|fail|warn|skip <tab> detail
 *   METRIC <tab> name <tab> value
 *   STEP   <tab> what is being called now (the last one names a hang)
 *   EVENT  <tab> t_us <tab> tid <tab> op <tab> kind <tab> text
 *   CRASH  <tab> code <tab> what <tab> step
 * The runner (ci/conformance.sh) owns the check catalogue: tags, gate or
 * report, titles. */
#ifndef CONFORM_H
#define CONFORM_H

#include <windows.h>
#include <winnetwk.h>
#include <npapi.h>
#include <stdint.h>

typedef DWORD (WINAPI *add_fn)(LPNOTIFYINFO, LPNOTIFYADD);
typedef DWORD (WINAPI *cancel_fn)(LPNOTIFYINFO, LPNOTIFYCANCEL);

/* Options and the notifier under test. */
struct conform {
    const WCHAR *dll;       /* full Windows path */
    HMODULE mod;
    add_fn add;
    cancel_fn cancel;
    unsigned budget_ms;     /* latency budget per call */
    unsigned cycles;        /* leak cycles */
    unsigned threads, ops;  /* concurrency */
    const WCHAR *provider;  /* provider DLL for the mpr case, or NULL */
    int expect_dispatch;    /* mpr case: patched MPR (gate) or stock (report) */
    unsigned load_budget_ms;
};
extern struct conform cf;

/* ---- output (conform.c) ---- */
void result(const char *check, const char *verdict, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void metric(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The current call, for a crash report; set before every notifier call. */
void set_step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- fenced memory (conform.c) ----
 * A buffer whose last byte sits right before a PAGE_NOACCESS page, so that
 * reading past its end faults; a crash there is named by its label. */
void *fence_alloc(size_t size, const char *label);
/* Makes a fenced buffer read-only: [in] data a notifier must not write. */
void fence_seal(void *p);
void fence_free(void *p);
/* A whole PAGE_NOACCESS page standing for a pointer that must not be read. */
void *trap_page(const char *label);
/* Fenced, sealed, NUL-terminated UTF-16 copy of s (or n units of c). */
WCHAR *fence_wstr(const WCHAR *s, const char *label);
WCHAR *fence_fill(size_t n, WCHAR c, const char *label);
/* Times a trap page or guard was touched (first chance), and the first label. */
LONG trap_hits(void);
const char *trap_label(void);
void fence_unseal(void *p);
/* The call that got the buffer has returned: make it PAGE_NOACCESS and
 * name a later touch by `label`. */
void fence_retire(void *p, const char *label);

/* ---- measures (conform.c) ---- */
double now_ms(void);
/* Value of a fresh handle: Wine hands out the lowest free one [wine]. */
uintptr_t probe_handle(void);
size_t committed_private(void);
size_t heap_busy(void);
int thread_count(void);
LONG thread_attaches(void);
/* Every process heap passes HeapValidate. */
int heaps_valid(void);
/* Called by the crash filter before the process ends. */
extern void (*crash_hook)(void);
/* Records the first access violation while on (LoadLibrary). */
void record_faults(int on);
/* Names ExitProcess/TerminateProcess calls from module m (EXIT line). */
void hook_exits(HMODULE m);
const char *recorded_fault(void);

/* ---- calling the notifier (cases.c) ---- */
/* Documented return: WN_SUCCESS or a WN_* code [doc]. */
int wn_documented(DWORD r);
const char *wn_name(DWORD r);
int load_notifier(void);

/* Cases: each returns after printing its RESULT lines. */
void case_load(void);
void case_cycles(void);
void case_add(void);
void case_cancel(void);
void case_nulllocal(void);
void case_names(void);
void case_long(void);
void case_flags(void);
void case_preprovider(void);
void case_forged(void);
void case_lifetime(void);
void case_prepost(void);
void case_info(void);
void case_statuses(void);
void case_returns(void);
void case_latency(void);
void case_concurrency(void);
void case_leaks(void);
void case_stdcall(void);
void case_mpr(void);
int mpr_ops_child(void);

#endif
