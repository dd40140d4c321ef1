/* Callee-saved registers checked around each call (see abi_guard.h). */
#include "abi_guard.h"

#include "conform.h"
#include "out.h"

#include <stdio.h>
#include <string.h>

#if defined(__x86_64__)
/* DWORD cn_guarded_call(fn, a1, a2, unsigned *changed): fn(a1, a2) with
 * RBX, RBP, RDI, RSI, R12-R15 = 0x5a5a00000000c0d1 + i; bit i of *changed
 * set for each one that differs after the return. */
__asm__(".text\n"
        ".globl cn_guarded_call\n"
        ".def cn_guarded_call; .scl 2; .type 32; .endef\n"
        ".seh_proc cn_guarded_call\n"
        "cn_guarded_call:\n"
        "    pushq %rbp\n"
        "    .seh_pushreg %rbp\n"
        "    pushq %rbx\n"
        "    .seh_pushreg %rbx\n"
        "    pushq %rdi\n"
        "    .seh_pushreg %rdi\n"
        "    pushq %rsi\n"
        "    .seh_pushreg %rsi\n"
        "    pushq %r12\n"
        "    .seh_pushreg %r12\n"
        "    pushq %r13\n"
        "    .seh_pushreg %r13\n"
        "    pushq %r14\n"
        "    .seh_pushreg %r14\n"
        "    pushq %r15\n"
        "    .seh_pushreg %r15\n"
        "    subq $40, %rsp\n"
        "    .seh_stackalloc 40\n"
        "    .seh_endprologue\n"
        "    movq %r9, 32(%rsp)\n"
        "    movq %rcx, %rax\n"
        "    movq %rdx, %rcx\n"
        "    movq %r8, %rdx\n"
        "    movabsq $0x5a5a00000000c0d1, %rbx\n"
        "    movabsq $0x5a5a00000000c0d2, %rbp\n"
        "    movabsq $0x5a5a00000000c0d3, %rdi\n"
        "    movabsq $0x5a5a00000000c0d4, %rsi\n"
        "    movabsq $0x5a5a00000000c0d5, %r12\n"
        "    movabsq $0x5a5a00000000c0d6, %r13\n"
        "    movabsq $0x5a5a00000000c0d7, %r14\n"
        "    movabsq $0x5a5a00000000c0d8, %r15\n"
        "    callq *%rax\n"
        "    xorl %r10d, %r10d\n"
        "    movabsq $0x5a5a00000000c0d1, %r11\n"
        "    cmpq %r11, %rbx\n"
        "    je 1f\n"
        "    orl $1, %r10d\n"
        "1:  movabsq $0x5a5a00000000c0d2, %r11\n"
        "    cmpq %r11, %rbp\n"
        "    je 2f\n"
        "    orl $2, %r10d\n"
        "2:  movabsq $0x5a5a00000000c0d3, %r11\n"
        "    cmpq %r11, %rdi\n"
        "    je 3f\n"
        "    orl $4, %r10d\n"
        "3:  movabsq $0x5a5a00000000c0d4, %r11\n"
        "    cmpq %r11, %rsi\n"
        "    je 4f\n"
        "    orl $8, %r10d\n"
        "4:  movabsq $0x5a5a00000000c0d5, %r11\n"
        "    cmpq %r11, %r12\n"
        "    je 5f\n"
        "    orl $16, %r10d\n"
        "5:  movabsq $0x5a5a00000000c0d6, %r11\n"
        "    cmpq %r11, %r13\n"
        "    je 6f\n"
        "    orl $32, %r10d\n"
        "6:  movabsq $0x5a5a00000000c0d7, %r11\n"
        "    cmpq %r11, %r14\n"
        "    je 7f\n"
        "    orl $64, %r10d\n"
        "7:  movabsq $0x5a5a00000000c0d8, %r11\n"
        "    cmpq %r11, %r15\n"
        "    je 8f\n"
        "    orl $128, %r10d\n"
        "8:  movq 32(%rsp), %rcx\n"
        "    movl %r10d, (%rcx)\n"
        "    addq $40, %rsp\n"
        "    popq %r15\n"
        "    popq %r14\n"
        "    popq %r13\n"
        "    popq %r12\n"
        "    popq %rsi\n"
        "    popq %rdi\n"
        "    popq %rbx\n"
        "    popq %rbp\n"
        "    retq\n"
        ".seh_endproc\n");

DWORD cn_guarded_call(void *fn, void *a1, void *a2, unsigned *changed);

static const char *const reg_names[] = {"RBX", "RBP", "RDI", "RSI", "R12", "R13", "R14", "R15"};
static add_fn real_add;
static cancel_fn real_cancel;
static const char *guard_check;

static void report(unsigned changed)
{
    char regs[64] = "";
    for (int i = 0; i < 8; i++) {
        if (!(changed & (1u << i)))
            continue;
        size_t n = strlen(regs);
        snprintf(regs + n, sizeof regs - n, "%s%s", n ? ", " : "", reg_names[i]);
    }
    result_bad(guard_check,
               "%s returned with %s changed, which a callee must preserve (x64 "
               "calling convention [doc]): a buffer overrun in the notifier's own stack frame "
               "overwrote its saved copies",
               crash_context(), regs);
}

static DWORD WINAPI guarded_add(LPNOTIFYINFO ni, LPNOTIFYADD a)
{
    unsigned changed = 0;
    DWORD r = cn_guarded_call((void *)real_add, ni, a, &changed);
    if (changed)
        report(changed);
    return r;
}

static DWORD WINAPI guarded_cancel(LPNOTIFYINFO ni, LPNOTIFYCANCEL c)
{
    unsigned changed = 0;
    DWORD r = cn_guarded_call((void *)real_cancel, ni, c, &changed);
    if (changed)
        report(changed);
    return r;
}

void abi_guard_on(const char *check)
{
    if (guard_check)
        return;
    guard_check = check;
    real_add = cf.add;
    real_cancel = cf.cancel;
    if (cf.add)
        cf.add = guarded_add;
    if (cf.cancel)
        cf.cancel = guarded_cancel;
}

void abi_guard_off(void)
{
    if (!guard_check)
        return;
    cf.add = real_add;
    cf.cancel = real_cancel;
    guard_check = NULL;
}
#else
void abi_guard_on(const char *check)
{
    (void)check;
}

void abi_guard_off(void)
{
}
#endif
