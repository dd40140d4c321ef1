/* Calling an export as MPR does (see winapi_call.h). */
#include "winapi_call.h"

#include <stdio.h>
#include <string.h>

#if defined(__x86_64__)
/* winapi_call_nv(fn, a, b, regs): loads RBX, RBP, RDI, RSI, R12-R15 and
 * XMM6-XMM15 from regs, calls fn(a, b), stores what they hold after it and
 * RFLAGS into regs, clears the direction flag, and puts its own caller's
 * values back. Unwind data (.seh_*) lets an
 * exception pass through it. Frame: 8 pushes, then 200 bytes: shadow space
 * (0-31), the caller's XMM6-15 (32-191), regs (192). */
__asm__(".text\n"
        ".globl winapi_call_nv\n"
        ".def winapi_call_nv; .scl 2; .type 32; .endef\n"
        ".seh_proc winapi_call_nv\n"
        "winapi_call_nv:\n"
        "  pushq %rbx\n  .seh_pushreg %rbx\n"
        "  pushq %rbp\n  .seh_pushreg %rbp\n"
        "  pushq %rdi\n  .seh_pushreg %rdi\n"
        "  pushq %rsi\n  .seh_pushreg %rsi\n"
        "  pushq %r12\n  .seh_pushreg %r12\n"
        "  pushq %r13\n  .seh_pushreg %r13\n"
        "  pushq %r14\n  .seh_pushreg %r14\n"
        "  pushq %r15\n  .seh_pushreg %r15\n"
        "  subq $200, %rsp\n  .seh_stackalloc 200\n"
        "  movdqu %xmm6, 32(%rsp)\n  .seh_savexmm %xmm6, 32\n"
        "  movdqu %xmm7, 48(%rsp)\n  .seh_savexmm %xmm7, 48\n"
        "  movdqu %xmm8, 64(%rsp)\n  .seh_savexmm %xmm8, 64\n"
        "  movdqu %xmm9, 80(%rsp)\n  .seh_savexmm %xmm9, 80\n"
        "  movdqu %xmm10, 96(%rsp)\n  .seh_savexmm %xmm10, 96\n"
        "  movdqu %xmm11, 112(%rsp)\n  .seh_savexmm %xmm11, 112\n"
        "  movdqu %xmm12, 128(%rsp)\n  .seh_savexmm %xmm12, 128\n"
        "  movdqu %xmm13, 144(%rsp)\n  .seh_savexmm %xmm13, 144\n"
        "  movdqu %xmm14, 160(%rsp)\n  .seh_savexmm %xmm14, 160\n"
        "  movdqu %xmm15, 176(%rsp)\n  .seh_savexmm %xmm15, 176\n"
        "  .seh_endprologue\n"
        "  movq %r9, 192(%rsp)\n"
        "  movq %rcx, %rax\n"
        "  movq %rdx, %rcx\n"
        "  movq %r8, %rdx\n"
        "  movq 0(%r9), %rbx\n  movq 8(%r9), %rbp\n  movq 16(%r9), %rdi\n"
        "  movq 24(%r9), %rsi\n  movq 32(%r9), %r12\n  movq 40(%r9), %r13\n"
        "  movq 48(%r9), %r14\n  movq 56(%r9), %r15\n"
        "  movdqu 64(%r9), %xmm6\n  movdqu 80(%r9), %xmm7\n  movdqu 96(%r9), %xmm8\n"
        "  movdqu 112(%r9), %xmm9\n  movdqu 128(%r9), %xmm10\n  movdqu 144(%r9), %xmm11\n"
        "  movdqu 160(%r9), %xmm12\n  movdqu 176(%r9), %xmm13\n  movdqu 192(%r9), %xmm14\n"
        "  movdqu 208(%r9), %xmm15\n"
        "  callq *%rax\n"
        "  movq 192(%rsp), %r9\n"
        "  pushfq\n  popq %r10\n  movq %r10, 224(%r9)\n  cld\n"
        "  movq %rbx, 0(%r9)\n  movq %rbp, 8(%r9)\n  movq %rdi, 16(%r9)\n"
        "  movq %rsi, 24(%r9)\n  movq %r12, 32(%r9)\n  movq %r13, 40(%r9)\n"
        "  movq %r14, 48(%r9)\n  movq %r15, 56(%r9)\n"
        "  movdqu %xmm6, 64(%r9)\n  movdqu %xmm7, 80(%r9)\n  movdqu %xmm8, 96(%r9)\n"
        "  movdqu %xmm9, 112(%r9)\n  movdqu %xmm10, 128(%r9)\n  movdqu %xmm11, 144(%r9)\n"
        "  movdqu %xmm12, 160(%r9)\n  movdqu %xmm13, 176(%r9)\n  movdqu %xmm14, 192(%r9)\n"
        "  movdqu %xmm15, 208(%r9)\n"
        "  movdqu 32(%rsp), %xmm6\n  movdqu 48(%rsp), %xmm7\n  movdqu 64(%rsp), %xmm8\n"
        "  movdqu 80(%rsp), %xmm9\n  movdqu 96(%rsp), %xmm10\n  movdqu 112(%rsp), %xmm11\n"
        "  movdqu 128(%rsp), %xmm12\n  movdqu 144(%rsp), %xmm13\n  movdqu 160(%rsp), %xmm14\n"
        "  movdqu 176(%rsp), %xmm15\n"
        "  addq $200, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n"
        "  popq %rsi\n  popq %rdi\n  popq %rbp\n  popq %rbx\n"
        "  retq\n"
        ".seh_endproc\n");

/* Eight general registers, then ten 16-byte XMM registers, then RFLAGS. */
struct nv_regs {
    unsigned long long gpr[8];
    unsigned char xmm[10][16];
    unsigned long long flags; /* after the call; not compared */
};

enum { FLAG_DF = 0x400 };

DWORD winapi_call_nv(void *fn, void *a, void *b, struct nv_regs *regs);

static const char *const gpr_names[8] = {"RBX", "RBP", "RDI", "RSI", "R12", "R13", "R14", "R15"};

/* A value no compiler keeps by chance: the register's index in each byte. */
static void fill(struct nv_regs *r)
{
    for (int i = 0; i < 8; i++)
        r->gpr[i] = 0x4e56000000000000ull | (0x0101010101ull * (unsigned)(i + 1));
    for (int i = 0; i < 10; i++)
        memset(r->xmm[i], 0x60 + i, sizeof r->xmm[i]);
}

static void describe(const struct nv_regs *want, const struct nv_regs *got, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < 8; i++) {
        if (got->gpr[i] != want->gpr[i] && len < cap) {
            int n = snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", gpr_names[i]);
            len += n > 0 ? (size_t)n : 0;
        }
    }
    for (int i = 0; i < 10; i++) {
        if (memcmp(got->xmm[i], want->xmm[i], 16) && len < cap) {
            int n = snprintf(buf + len, cap - len, "%sXMM%d", len ? ", " : "", i + 6);
            len += n > 0 ? (size_t)n : 0;
        }
    }
}
#endif

typedef DWORD(WINAPI *winapi2_fn)(void *, void *);

DWORD winapi_call2(void *fn, void *a, void *b, int *esp_delta, char *clobbered, size_t cap,
                   int *df_set)
{
    if (cap)
        clobbered[0] = 0;
    if (df_set)
        *df_set = 0;
#if defined(__i386__)
    int d;
    DWORD r;
    /* Arguments pushed right to left; ESI (callee-saved) keeps the stack
     * pointer across the call. */
    __asm__ volatile("movl %%esp, %%esi\n\t"
                     "pushl %4\n\t"
                     "pushl %3\n\t"
                     "call *%2\n\t"
                     "movl %%esp, %%ecx\n\t"
                     "subl %%esi, %%ecx\n\t"
                     "movl %%esi, %%esp\n\t"
                     : "=a"(r), "=c"(d)
                     : "r"(fn), "r"(a), "r"(b)
                     : "esi", "edx", "memory", "cc");
    if (esp_delta)
        *esp_delta = d;
    return r;
#elif defined(__x86_64__)
    struct nv_regs want;
    struct nv_regs regs;
    fill(&want);
    regs = want;
    if (esp_delta)
        *esp_delta = 0;
    DWORD r = winapi_call_nv(fn, a, b, &regs);
    if (df_set)
        *df_set = (regs.flags & FLAG_DF) != 0;
    regs.flags = want.flags;
    if (cap && memcmp(&regs, &want, sizeof regs))
        describe(&want, &regs, clobbered, cap);
    return r;
#else
    if (esp_delta)
        *esp_delta = 0;
    return ((winapi2_fn)fn)(a, b);
#endif
}
