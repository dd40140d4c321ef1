/* The notifier's code on another thread's stack: the thread is suspended,
 * and the values between its stack pointer and its stack's base that point
 * into an executable section of the module are return addresses of its
 * code. Neither takes the loader lock (the loader-lock watch calls the
 * first while another thread holds it). [design] */
#ifndef THREAD_STACKS_H
#define THREAD_STACKS_H

#include <windows.h>

/* The innermost such address on thread tid's stack, 0 if none. */
ULONG_PTR thread_code_on_stack(DWORD tid, HMODULE mod);
/* A thread of this process other than the caller's with mod's code on its
 * stack: its id (and the address into *at), 0 if none. */
DWORD thread_in_module_code(HMODULE mod, ULONG_PTR *at);

#endif
