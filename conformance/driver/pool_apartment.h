/* The notifier's one-shot work items on the host's thread pool
 * (QueueUserWorkItem, TrySubmitThreadpoolCallback) run through a trampoline
 * that compares the worker's COM apartment before and after the item. A
 * pool thread runs the host's items next: an apartment the notifier's item
 * entered and did not leave (CoInitializeEx without CoUninitialize) is
 * theirs. [design] Multi-shot work objects (CreateThreadpoolWork) are not
 * wrapped. */
#ifndef POOL_APARTMENT_H
#define POOL_APARTMENT_H

#include <windows.h>

/* A slot holding cb and arg for a trampoline, or NULL when all are in use
 * (the item then runs unwrapped). `api` names the submitting call. */
void *pool_wrap(void *cb, void *arg, const char *api);
/* Gives the slot back when the submission failed. */
void pool_unwrap(void *slot);
/* Trampolines: `slot` is pool_wrap's. */
DWORD WINAPI pool_thread_tramp(void *slot);
void CALLBACK pool_simple_tramp(PTP_CALLBACK_INSTANCE instance, void *slot);

#endif
