/* The notifier's TLS slots: the balance of TlsAlloc and TlsFree (state.tls
 * counts slots taken per call), and the indices it freed. An index freed
 * and still used (TlsSetValue, TlsGetValue, TlsFree again: a stale index
 * kept in a global) is another's slot once TlsAlloc gives it out again: the
 * host's values are overwritten or freed. [design] */
#ifndef HOOKS_TLS_H
#define HOOKS_TLS_H

#include <windows.h>

/* A new instance of the notifier was loaded: its DllMain ran before the
 * hooks, so its TlsAlloc there was not seen, and the indices the earlier
 * instance freed mean nothing to its fresh globals. */
void hooks_tls_new_instance(void);
/* TlsAlloc minus TlsFree calls of the notifier. */
LONG hooks_tls_balance(void);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
DWORD WINAPI w_TlsAlloc(void);
BOOL WINAPI w_TlsFree(DWORD index);
BOOL WINAPI w_TlsSetValue(DWORD index, LPVOID value);
LPVOID WINAPI w_TlsGetValue(DWORD index);

#endif
