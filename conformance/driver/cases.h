/* The cases: each runs in its own process and prints its RESULT lines. */
#ifndef CASES_H
#define CASES_H

#include <windows.h>

void case_load(void);
void case_cycles(void);
void case_exit(void);
void case_host(void);
/* process_views.c */
void case_processes(void);
/* Case host in its child role: "identity" or "bare". */
void host_child_role(const WCHAR *kind);
/* The first process's answers (--host-answers), for a host child to compare. */
void host_parent_answers(const WCHAR *text);
/* Case exit in its child role: signals the named event when its calls are done. */
void exit_child_event(const WCHAR *name);
void exit_child_frees(void);
void case_add(void);
void case_cancel(void);
void case_nulllocal(void);
void case_names(void);
void case_long(void);
void case_pathnames(void);
void case_fmtnames(void);
void case_localnames(void);
void case_flags(void);
void case_spelling(void);
void case_userpolicy(void);
void case_preprovider(void);
void case_addfields(void);
void case_forged(void);
void case_lifetime(void);
void case_prepost(void);
void case_info(void);
void case_statuses(void);
void case_returns(void);
void case_squat(void);
void case_retries(void);
/* Case squat in its child role: "learn" (list the named objects) or "call". */
void squat_child_role(const WCHAR *which);
void case_faults(void);
void case_highaddr(void);
void case_stack(void);
void case_state(void);
void case_modules(void);
void case_reentry(void);
void case_loader(void);
void case_files(void);
void case_latency(void);
void case_concurrency(void);
void case_idle(void);
void case_leaks(void);
void case_heap(void);
void case_stdcall(void);
void case_mpr(void);
int mpr_ops_child(void);

#endif
