/* The notifier's code on a thread's stack (see thread_stacks.h). */
#include "thread_stacks.h"

#include <winternl.h>
#include <tlhelp32.h>

#include <string.h>

/* THREAD_BASIC_INFORMATION, whose TebBaseAddress gives the stack's base. */
struct thread_basic {
    NTSTATUS status;
    void *teb;
    CLIENT_ID client;
    ULONG_PTR affinity;
    LONG priority;
    LONG base_priority;
};

/* v is in an executable section of module m: a return address of its code. */
static int in_code(HMODULE m, ULONG_PTR v)
{
    if (!m)
        return 0;
    ULONG_PTR base = (ULONG_PTR)m;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)m)->e_lfanew);
    if (v <= base || v >= base + nt->OptionalHeader.SizeOfImage)
        return 0;
    IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    ULONG_PTR rva = v - base;
    for (unsigned i = 0; i < nt->FileHeader.NumberOfSections; i++) {
        if ((sec[i].Characteristics & IMAGE_SCN_MEM_EXECUTE) && rva >= sec[i].VirtualAddress &&
            rva < sec[i].VirtualAddress + sec[i].Misc.VirtualSize)
            return 1;
    }
    return 0;
}

/* Nothing here may take the loader lock (GetModuleHandle, GetProcAddress do). */
ULONG_PTR thread_code_on_stack(DWORD tid, HMODULE mod)
{
    HANDLE t = OpenThread(THREAD_SUSPEND_RESUME | THREAD_GET_CONTEXT | THREAD_QUERY_INFORMATION,
                          FALSE, tid);
    if (!t)
        return 0;
    ULONG_PTR found = 0;
    struct thread_basic tb;
    memset(&tb, 0, sizeof tb);
    if (SuspendThread(t) != (DWORD)-1) {
        CONTEXT c;
        memset(&c, 0, sizeof c);
        c.ContextFlags = CONTEXT_CONTROL;
        if (GetThreadContext(t, &c) &&
            NtQueryInformationThread(t, ThreadBasicInformation, &tb, sizeof tb, NULL) == 0 &&
            tb.teb) {
#if defined(__x86_64__)
            ULONG_PTR sp = (ULONG_PTR)c.Rsp;
#else
            ULONG_PTR sp = (ULONG_PTR)c.Esp;
#endif
            ULONG_PTR top = (ULONG_PTR)((NT_TIB *)tb.teb)->StackBase;
            for (ULONG_PTR *p = (ULONG_PTR *)sp; (ULONG_PTR)p < top && !found; p++) {
                if (in_code(mod, *p))
                    found = *p;
            }
        }
        ResumeThread(t);
    }
    CloseHandle(t);
    return found;
}

DWORD thread_in_module_code(HMODULE mod, ULONG_PTR *at)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snap == INVALID_HANDLE_VALUE)
        return 0;
    THREADENTRY32 te;
    memset(&te, 0, sizeof te);
    te.dwSize = sizeof te;
    DWORD found = 0;
    DWORD me = GetCurrentThreadId();
    DWORD pid = GetCurrentProcessId();
    for (BOOL more = Thread32First(snap, &te); more && !found; more = Thread32Next(snap, &te)) {
        if (te.th32OwnerProcessID != pid || te.th32ThreadID == me)
            continue;
        ULONG_PTR a = thread_code_on_stack(te.th32ThreadID, mod);
        if (a) {
            found = te.th32ThreadID;
            *at = a;
        }
    }
    CloseHandle(snap);
    return found;
}
