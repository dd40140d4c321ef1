/* Programs and files of a run (steps.h). */
#include "steps.h"

#include "proc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int steps_init(struct steps *s)
{
    memset(s, 0, sizeof *s);
    DWORD n = GetModuleFileNameW(NULL, s->home, MAX_PATH);
    WCHAR *slash = n && n < MAX_PATH ? wcsrchr(s->home, L'\\') : NULL;
    if (!slash)
        return -1;
    *slash = 0;
    steps_home_file(s, L"cn_conform.exe", s->driver);
    steps_home_file(s, L"cn_report.exe", s->report);
    WCHAR tmp[MAX_PATH];
    n = GetTempPathW(MAX_PATH, tmp);
    if (!n || n > MAX_PATH - 40)
        return -1;
    for (unsigned i = 0; i < 100; i++) {
        _snwprintf(s->work, MAX_PATH, L"%lsconformance.%lu.%u", tmp, GetCurrentProcessId(), i);
        if (CreateDirectoryW(s->work, NULL))
            break;
        if (GetLastError() != ERROR_ALREADY_EXISTS || i == 99)
            return -1;
    }
    WideCharToMultiByte(CP_ACP, 0, s->work, -1, s->work_a, sizeof s->work_a, NULL, NULL);
    return 0;
}

void steps_home_file(const struct steps *s, const WCHAR *name, WCHAR *buf)
{
    _snwprintf(buf, MAX_PATH, L"%ls\\%ls", s->home, name);
    buf[MAX_PATH - 1] = 0;
}

void steps_work_file(const struct steps *s, const char *name, WCHAR *buf)
{
    _snwprintf(buf, MAX_PATH, L"%ls\\%hs", s->work, name);
    buf[MAX_PATH - 1] = 0;
}

FILE *steps_open(const struct steps *s, const char *name, const char *mode)
{
    WCHAR path[MAX_PATH];
    WCHAR m[8];
    steps_work_file(s, name, path);
    MultiByteToWideChar(CP_ACP, 0, mode, -1, m, 8);
    return _wfopen(path, m);
}

/* Why the last program that did not start did not: "STAGE: error N". */
static char nostart_text[160];

const char *steps_nostart(void)
{
    return nostart_text;
}

/* proc_run_split, started up to START_TRIES times: under Wine on a loaded machine a start can
 * fail once and work a moment later; a program that never starts is the environment's. */
enum { START_TRIES = 3 };

static void run_tried(const WCHAR *exe, const WCHAR *cmd, const WCHAR *dir, const WCHAR *log,
                      const WCHAR *err, DWORD timeout_ms, struct proc_result *r)
{
    for (unsigned i = 1; i <= START_TRIES; i++) {
        proc_run_split(exe, cmd, dir, log, err, timeout_ms, r);
        if (r->end != PROC_NOSTART)
            return;
        snprintf(nostart_text, sizeof nostart_text, "%s: error %lu, %u tries", r->stage,
                 (unsigned long)r->error, i);
        if (i < START_TRIES)
            Sleep(2000 * i);
    }
}

static int status_of(const struct proc_result *r)
{
    if (r->end == PROC_NOSTART)
        return STEP_NOSTART;
    if (r->end == PROC_TIMEOUT)
        return STEP_TIMEOUT;
    return (int)r->code;
}

int steps_report(const struct steps *s, const char *out, const char *const *args, int nargs)
{
    WCHAR *wargs[32] = {0};
    WCHAR log[MAX_PATH];
    WCHAR err[MAX_PATH];
    struct proc_result r;
    for (int i = 0; i < nargs && i < 32; i++)
        wargs[i] = wr_wide(args[i]);
    WCHAR *cmd = proc_cmdline(s->report, wargs, (size_t)(nargs < 32 ? nargs : 32));
    steps_work_file(s, out, log);
    steps_work_file(s, "report.err", err);
    run_tried(s->report, cmd, s->work, log, err, 600000, &r);
    for (int i = 0; i < nargs && i < 32; i++)
        free(wargs[i]);
    free(cmd);
    return status_of(&r);
}

/* LABEL.raw without the CRs of the driver's text-mode stdout, to LABEL.out. */
static void strip_cr(const struct steps *s, const char *label)
{
    char name[300];
    snprintf(name, sizeof name, "%s.raw", label);
    FILE *in = steps_open(s, name, "rb");
    snprintf(name, sizeof name, "%s.out", label);
    FILE *out = steps_open(s, name, "wb");
    int c;
    while (in && out && (c = fgetc(in)) != EOF) {
        if (c != '\r')
            fputc(c, out);
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

int steps_driver(const struct steps *s, const char *label, const WCHAR *const *args, int nargs,
                 unsigned limit_s)
{
    char name[300];
    WCHAR log[MAX_PATH];
    WCHAR err[MAX_PATH];
    struct proc_result r;
    WCHAR *cmd = proc_cmdline(s->driver, (WCHAR *const *)args, (size_t)nargs);
    FILE *cmds = steps_open(s, "commands.tsv", "a");
    if (cmds) {
        char *line = wr_utf8(cmd);
        fprintf(cmds, "%s\t%s\n", label, line);
        free(line);
        fclose(cmds);
    }
    snprintf(name, sizeof name, "%s.raw", label);
    steps_work_file(s, name, log);
    snprintf(name, sizeof name, "%s.err", label);
    steps_work_file(s, name, err);
    run_tried(s->driver, cmd, s->work, log, err, limit_s * 1000u, &r);
    free(cmd);
    strip_cr(s, label);
    return status_of(&r);
}

void steps_cat(const struct steps *s, const char *name, FILE *f)
{
    FILE *in = steps_open(s, name, "r");
    char buf[4096];
    size_t n;
    while (in && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, f);
    if (in)
        fclose(in);
    fflush(f);
}

void steps_finish(const struct steps *s, const WCHAR *dir)
{
    if (!s->work[0] || GetFileAttributesW(s->work) == INVALID_FILE_ATTRIBUTES)
        return;
    WCHAR pattern[MAX_PATH];
    WCHAR from[MAX_PATH];
    WCHAR to[MAX_PATH];
    WIN32_FIND_DATAW fd;
    if (dir)
        CreateDirectoryW(dir, NULL);
    _snwprintf(pattern, MAX_PATH, L"%ls\\*", s->work);
    HANDLE h = FindFirstFileW(pattern, &fd);
    for (BOOL more = h != INVALID_HANDLE_VALUE; more; more = FindNextFileW(h, &fd)) {
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
            continue;
        _snwprintf(from, MAX_PATH, L"%ls\\%ls", s->work, fd.cFileName);
        if (dir) {
            _snwprintf(to, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName);
            CopyFileW(from, to, FALSE);
        }
        DeleteFileW(from);
    }
    if (h != INVALID_HANDLE_VALUE)
        FindClose(h);
    RemoveDirectoryW(s->work);
}
