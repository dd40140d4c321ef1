/* Calls the notifier through a thunk that puts known values in the
 * registers a callee must preserve (x64 calling convention: RBX, RBP,
 * RDI, RSI, R12 to R15 [doc]) and compares them after the return. A
 * notifier that wrote past a buffer in its own frame overwrites its saved
 * copies of them and returns them changed, even without a crash. */
#ifndef ABI_GUARD_H
#define ABI_GUARD_H

/* Routes cf.add and cf.cancel through the thunk; a changed register is a
 * violation of `check`, naming the call. No-op on i686. */
void abi_guard_on(const char *check);
void abi_guard_off(void);

#endif
