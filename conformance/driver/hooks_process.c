/* Programs the notifier starts (see hooks_process.h). */
#include "hooks_process.h"

#include "crash.h"
#include "folders.h"
#include "hook_reals.h"
#include "out.h"
#include "program_identity.h"
#include "started_processes.h"

#include <stdio.h>
#include <wchar.h>

#define REAL(idx, type) ((type)hook_real_at(idx))

static void planted(const char *fn, const WCHAR *shown, const char *why)
{
    char frame[300];
    notifier_frame(NULL, frame, sizeof frame);
    result_bad("loader.planting", "%s(\"%.160ls\") during %s%s%s: %s", fn, shown, hook_context(),
               frame[0] ? "; notifier frame " : "", frame, why);
}

/* A program given by path: in a folder ordinary users write, or relative. */
static void judge_program(const char *fn, const WCHAR *program, const WCHAR *shown)
{
    WCHAR full[MAX_PATH];
    if (!path_is_full(program)) {
        planted(fn, shown,
                "a relative program path follows the host's current directory: "
                "whoever writes there runs code in every process that maps a drive");
        return;
    }
    DWORD len = GetFullPathNameW(program, MAX_PATH, full, NULL);
    if (!len || len >= MAX_PATH || folder_admin_only(full))
        return;
    planted(fn, shown,
            "a program outside %SystemRoot%, %ProgramFiles% and the notifier's own "
            "directory: whoever can write that folder replaces it (planting by "
            "replacement)");
}

/* The program of a command line with no application name, as Windows
 * parses it. */
static void judge_command(const char *fn, const WCHAR *cmd)
{
    WCHAR first[MAX_PATH];
    size_t n = 0;
    const WCHAR *p = cmd;
    while (*p == L' ' || *p == L'\t')
        p++;
    int quoted = *p == L'"';
    if (quoted)
        p++;
    while (*p && n < MAX_PATH - 1 && (quoted ? *p != L'"' : (*p != L' ' && *p != L'\t')))
        first[n++] = *p++;
    first[n] = 0;
    if (!n)
        return;
    int has_dir = wcschr(first, L'\\') || wcschr(first, L'/');
    if (!quoted && has_dir && *p && wcschr(p, L'\\')) {
        planted(fn, cmd,
                "an unquoted program path with a space: Windows tries the path up to "
                "each space as a program first (C:\\Program.exe for C:\\Program "
                "Files\\...), so whoever can write there runs code in every process "
                "that maps a drive; quote the path or pass lpApplicationName");
        return;
    }
    if (!has_dir) {
        planted(fn, cmd,
                "a bare program name is searched in the host's directories, its "
                "current directory among them: whoever writes there runs code in every "
                "process that maps a drive; start it by full path");
        return;
    }
    judge_program(fn, first, cmd);
}

static void judge(const char *fn, const WCHAR *app, const WCHAR *cmd)
{
    if (app)
        judge_program(fn, app, app);
    else if (cmd)
        judge_command(fn, cmd);
}

/* bInheritHandles TRUE hands the child every inheritable handle of the
 * host, not only the notifier's: it keeps the host's files and pipes open
 * (a script reading the host's output pipe gets no end of file until the
 * child ends). A handle list (STARTUPINFOEX) limits it. [doc: CreateProcess] */
static void judge_inherit(const char *fn, BOOL inherit, DWORD flags, const WCHAR *shown)
{
    if (!inherit || (flags & EXTENDED_STARTUPINFO_PRESENT))
        return;
    char frame[300];
    notifier_frame(NULL, frame, sizeof frame);
    result_bad("state.process",
               "%s(\"%.120ls\") with bInheritHandles TRUE during %s%s%s: the child gets every "
               "inheritable handle of the host and keeps its files and pipes open; pass FALSE or "
               "a handle list (PROC_THREAD_ATTRIBUTE_HANDLE_LIST)",
               fn, shown ? shown : L"", hook_context(), frame[0] ? "; notifier frame " : "", frame);
}

static void widen(const char *s, WCHAR *w, size_t cap)
{
    if (!s || !MultiByteToWideChar(CP_ACP, 0, s, -1, w, (int)cap))
        w[0] = 0;
    w[cap - 1] = 0;
}

typedef BOOL(WINAPI *create_w_fn)(LPCWSTR, LPWSTR, LPSECURITY_ATTRIBUTES, LPSECURITY_ATTRIBUTES,
                                  BOOL, DWORD, LPVOID, LPCWSTR, LPSTARTUPINFOW,
                                  LPPROCESS_INFORMATION);
BOOL WINAPI w_CreateProcessW(LPCWSTR app, LPWSTR cmd, LPSECURITY_ATTRIBUTES pa,
                             LPSECURITY_ATTRIBUTES ta, BOOL inherit, DWORD flags, LPVOID env,
                             LPCWSTR cwd, LPSTARTUPINFOW si, LPPROCESS_INFORMATION pi)
{
    judge("CreateProcessW", app, cmd);
    judge_inherit("CreateProcessW", inherit, flags, app ? app : cmd);
    program_identity_note("CreateProcessW", app ? app : cmd);
    BOOL ok =
        REAL(HK_CreateProcessW, create_w_fn)(app, cmd, pa, ta, inherit, flags, env, cwd, si, pi);
    if (ok && pi)
        started_processes_note(pi->dwProcessId);
    return ok;
}

typedef BOOL(WINAPI *create_a_fn)(LPCSTR, LPSTR, LPSECURITY_ATTRIBUTES, LPSECURITY_ATTRIBUTES, BOOL,
                                  DWORD, LPVOID, LPCSTR, LPSTARTUPINFOA, LPPROCESS_INFORMATION);
BOOL WINAPI w_CreateProcessA(LPCSTR app, LPSTR cmd, LPSECURITY_ATTRIBUTES pa,
                             LPSECURITY_ATTRIBUTES ta, BOOL inherit, DWORD flags, LPVOID env,
                             LPCSTR cwd, LPSTARTUPINFOA si, LPPROCESS_INFORMATION pi)
{
    WCHAR wapp[MAX_PATH];
    WCHAR wcmd[1024];
    widen(app, wapp, MAX_PATH);
    widen(cmd, wcmd, 1024);
    judge("CreateProcessA", app ? wapp : NULL, cmd ? wcmd : NULL);
    judge_inherit("CreateProcessA", inherit, flags, app ? wapp : wcmd);
    program_identity_note("CreateProcessA", app ? wapp : wcmd);
    BOOL ok =
        REAL(HK_CreateProcessA, create_a_fn)(app, cmd, pa, ta, inherit, flags, env, cwd, si, pi);
    if (ok && pi)
        started_processes_note(pi->dwProcessId);
    return ok;
}

typedef UINT(WINAPI *winexec_fn)(LPCSTR, UINT);
UINT WINAPI w_WinExec(LPCSTR cmd, UINT show)
{
    WCHAR wcmd[1024];
    widen(cmd, wcmd, 1024);
    judge("WinExec", NULL, cmd ? wcmd : NULL);
    program_identity_note("WinExec", wcmd);
    return REAL(HK_WinExec, winexec_fn)(cmd, show);
}
