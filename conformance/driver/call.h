/* Calling the notifier as MPR would: load it, build NOTIFYADD and
 * NOTIFYCANCEL in fenced memory, and one notify_call for both exports
 * that checks returns and state around every call. */
#ifndef CALL_H
#define CALL_H

#include "call_count.h"
#include "conform.h"
#include "state.h"

/* lpProvider of the calls: the name of the provider a UNC name reaches on Windows, the SMB
 * client's. A notifier that watches that network only (a DLP, a drive auditor) answers the
 * gate's calls as the ones that matter; drive.noprovider asks NULL as well. */
#define PROVIDER L"Microsoft Windows Network"

enum op_kind { OP_ADD, OP_CANCEL };

/* One call: the structure is a NOTIFYADD or a NOTIFYCANCEL by `kind`. */
struct notify_call {
    enum op_kind kind;
    DWORD phase;            /* NOTIFY_PRE or NOTIFY_POST */
    DWORD status;           /* dwOperationStatus */
    void *context;          /* in for POST, out of PRE */
    void *arg;              /* NOTIFYADD * or NOTIFYCANCEL * */
    NOTIFYINFO *info;       /* the caller's NOTIFYINFO, or NULL for one on the stack */
    const char *what;
};

/* Loads the notifier like MPR: LoadLibrary, GetProcAddress by plain name;
 * hooks its imports. Prints SKIPCASE/LOADERROR and returns 0 on failure. */
int load_notifier(void);
/* FreeLibrary, then load_notifier: what it reads at load or once is read again. */
int reload_notifier(void);
/* The same, but a failed LoadLibrary prints nothing: a load made while a fault is injected
 * may fail for the fault, which is not the notifier failing to load. */
int reload_notifier_quiet(void);
/* reload_notifier without the blocking probe's calls: the next call is the first this
 * instance sees (what it keeps from its first call is that caller's). */
int reload_notifier_bare(void);
DWORD notify(struct notify_call *c);
/* Duration of this thread's last notifier call, without the checks around it. */
double last_call_ms(void);
/* The last error this thread's next calls start with (and should leave), in place of the
 * unusual mark they start with otherwise (call_entry_error_mark); reset puts the mark back. */
void call_set_entry_error(DWORD error);
void call_reset_entry_error(void);
DWORD call_entry_error_mark(void);
/* notify() for one call; ni NULL: a NOTIFYINFO on the stack. *ctx in/out. */
DWORD call_op(enum op_kind kind, NOTIFYINFO *ni, DWORD phase, DWORD status, void **ctx,
              void *arg, const char *what);
/* PRE then, when PRE set a context, POST with `status` [doc]. Returns 1
 * when a POST was sent. */
int pair_add(NOTIFYADD *a, DWORD status, const char *what);
int pair_cancel(NOTIFYCANCEL *pre, NOTIFYCANCEL *post, DWORD status, const char *what);
/* A whole deviceless add of `remote` (fenced, `label`: what the name stands for; lpProvider
 * s_provider: std_names first), its POST WN_SUCCESS when PRE set a context. Returns the PRE's
 * answer. */
DWORD deviceless_add(const WCHAR *remote, const char *label, const char *what);
/* A whole unforced cancel of the deviceless connection to `remote`, the same way. */
DWORD deviceless_cancel(const WCHAR *remote, const char *label, const char *what);

NOTIFYADD *mk_add(DWORD type, const WCHAR *local, const WCHAR *remote, const WCHAR *provider,
                  DWORD flags);
NOTIFYCANCEL *mk_cancel(const WCHAR *name, const WCHAR *provider, DWORD flags, BOOL force);

/* Standard fenced names of the drive cases. */
extern WCHAR *s_local;
extern WCHAR *s_remote;
extern WCHAR *s_provider;
extern WCHAR *s_pre_provider;
void std_names(void);

/* drive.returns: a return outside the WN_* set [doc]; drive.preerror: an
 * error from PRE [w9x]. Counted over every call of the process
 * (calls_made(): call_count.h). */
/* Calls to stand-ins for the notifier (the stack case's own measure) are
 * neither counted nor judged while on. */
void calls_uncounted(int on);
/* A condition the calls run under ("with every allocation failing"), named
 * in each call's description; while set, only crashes and hangs are judged
 * (NULL or "": none). */
void calls_condition(const char *text);
/* On: each call runs with the floating-point exceptions a Delphi or
 * C++Builder program unmasks (invalid operation, divide by zero, overflow:
 * MXCSR 0x1900, x87 control word 0x1332), the driver's own mode put back
 * right after it; a division by zero in the notifier then traps. */
void calls_fp_unmasked(int on);
/* On: every call's state is compared, not only the first thousand and then every 61st (a
 * change a notifier leaves once, then keeps, is seen only on the call that made it). */
void calls_snapshot_all(int on);
/* Each call's input names are watched (fence_watch) from just before the call until it
 * returns: the first touch of each raises a guard-page exception inside the call. */
void calls_watch_names(int on);
/* Where the calls run ("in a second process ..."), named in each call's
 * description; every check is judged as usual. */
void calls_note(const char *text);
/* Prints the pass verdicts of drive.returns and drive.preerror if no call
 * violated them. */
void returns_verdict(void);
/* After a volume loop: TLS slots and console handlers left behind. */
void state_loop_verdict(unsigned tls_before, const char *loop);
/* Reports a state change across one call (state.process, state.thread,
 * state.lasterror); for calls made by MPR (the mpr case). */
void check_state(const struct pstate *before, const struct pstate *after, DWORD err_before,
                 DWORD err_after, const char *call);

const char *wn_name(DWORD r);
int wn_documented(DWORD r);

#endif
