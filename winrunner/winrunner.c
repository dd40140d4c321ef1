/* winrunner: runs the Windows programs of a bundle natively, the way CTest
 * runs them under Wine (docs/ci.md). Registers the bundle's .reg files in
 * an explicit registry view, runs each program in its own process and job
 * with its working directory created and a time limit, restores the
 * registry and writes JUnit.
 *   winrunner --bundle DIR --arch x64|x86 [--results DIR] [--labels A,B]
 *             [--only NAME] [--notifier DLL] [--timeout S] [--env NAME=VALUE]...
 * Exit status: 0 every program passed or skipped, 1 one failed, crashed,
 * hung or could not start, 2 bad input, 3 the registry could not be
 * written or restored. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "plan.h"
#include "proc.h"
#include "regstate.h"
#include "report.h"

#define PROVIDER_ORDER L"SYSTEM\\CurrentControlSet\\Control\\NetworkProvider\\Order"
#define NOTIFYEES      L"SYSTEM\\CurrentControlSet\\Control\\NetworkProvider\\Notifyees"
#define SERVICES       L"SYSTEM\\CurrentControlSet\\Services\\"
#define SKIP_CODE      77

struct options {
    const char *bundle;
    const char *arch;
    const char *results;
    const char *labels;
    const char *only;
    const char *notifier;
    unsigned timeout;
    char **env;
    size_t nenv;
};

struct registration {
    struct reg_file *files;
    size_t nfiles;
    WCHAR *order;    /* ProviderOrder during the run: the providers the .reg defines */
    WCHAR *notifier; /* --notifier, as a full path */
    REGSAM views[2];
    size_t nviews;
};

static int input_error(const char *fmt, ...) WR_PRINTF(1, 2);

static int input_error(const char *fmt, ...)
{
    va_list ap;

    fputs("winrunner: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return WR_EXIT_INPUT;
}

static void usage(FILE *out)
{
    fputs("usage: winrunner --bundle DIR --arch x64|x86 [--results DIR] [--labels A,B]\n"
          "                 [--only NAME] [--notifier DLL] [--timeout S] [--env NAME=VALUE]...\n",
          out);
}

static int parse_options(int argc, char **argv, struct options *o)
{
    int i;

    memset(o, 0, sizeof(*o));
    o->results = "results";
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        }
        if (!v || strncmp(a, "--", 2))
            return input_error("bad argument: %s (see --help)", a);
        i++;
        if (!strcmp(a, "--bundle"))
            o->bundle = v;
        else if (!strcmp(a, "--arch"))
            o->arch = v;
        else if (!strcmp(a, "--results"))
            o->results = v;
        else if (!strcmp(a, "--labels"))
            o->labels = v;
        else if (!strcmp(a, "--only"))
            o->only = v;
        else if (!strcmp(a, "--notifier"))
            o->notifier = v;
        else if (!strcmp(a, "--env") && strchr(v, '=') && v[0] != '=')
            o->env = wr_push(o->env, &o->nenv, sizeof(v), &v);
        else if (!strcmp(a, "--timeout") && atoi(v) > 0)
            o->timeout = (unsigned)atoi(v);
        else
            return input_error("bad argument: %s (see --help)", a);
    }
    if (!o->bundle)
        return input_error("%s", "--bundle DIR is required");
    if (!o->arch || (strcmp(o->arch, "x64") && strcmp(o->arch, "x86")))
        return input_error("%s", "--arch x64 or --arch x86 is required");
    return 0;
}

/* Full path of a directory or file, or NULL. */
static WCHAR *full_path(const char *path)
{
    WCHAR *w = wr_wide(path);
    DWORD n = GetFullPathNameW(w, 0, NULL, NULL);
    WCHAR *full;

    if (!n)
        return NULL;
    full = wr_alloc((size_t)n * sizeof(WCHAR));
    GetFullPathNameW(w, n, full, NULL);
    free(w);
    return full;
}

static int is_dir(const WCHAR *path)
{
    DWORD a = GetFileAttributesW(path);

    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

/* Creates PATH and its missing parents. Returns 0 or a Win32 error. */
static DWORD make_dirs(const WCHAR *path)
{
    WCHAR *p = _wcsdup(path);
    size_t n = wcslen(p);
    size_t i = 3;
    DWORD rc = 0;

    if (n >= 2 && p[0] == L'\\' && p[1] == L'\\')
        i = 2;
    for (; i <= n && !rc; i++) {
        WCHAR ch = p[i];

        if (ch != L'\\' && ch != L'/' && ch != 0)
            continue;
        p[i] = 0;
        if (!CreateDirectoryW(p, NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
            rc = GetLastError();
        else if (!is_dir(p))
            rc = ERROR_DIRECTORY;
        p[i] = ch;
    }
    free(p);
    return rc;
}

/* NAME=VALUE with VALUE expanded; returns the old value (NULL: unset). */
static WCHAR *set_env(const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    char *name = wr_strdup(assignment);
    WCHAR *wname;
    WCHAR *value;
    WCHAR *expanded;
    WCHAR *old = NULL;
    DWORD n;

    name[eq - assignment] = 0;
    wname = wr_wide(name);
    value = wr_wide(eq + 1);
    expanded = wr_expand(value);
    n = GetEnvironmentVariableW(wname, NULL, 0);
    if (n) {
        old = wr_alloc((size_t)n * sizeof(WCHAR));
        GetEnvironmentVariableW(wname, old, n);
    }
    SetEnvironmentVariableW(wname, expanded);
    free(name);
    free(wname);
    free(value);
    free(expanded);
    return old;
}

static void unset_env(const char *assignment, WCHAR *old)
{
    char *name = wr_strdup(assignment);
    WCHAR *wname;

    name[strchr(assignment, '=') - assignment] = 0;
    wname = wr_wide(name);
    SetEnvironmentVariableW(wname, old);
    free(name);
    free(wname);
    free(old);
}

/* ProviderOrder for the run: every provider the .reg files define
 * (Services\NAME\NetworkProvider), so that a scripted failure of the test
 * provider is never retried by a real network provider [design]. */
static WCHAR *providers(const struct reg_file *files, size_t nfiles)
{
    size_t cap = 1;
    size_t f;
    size_t i;
    WCHAR *order;

    for (f = 0; f < nfiles; f++)
        for (i = 0; i < files[f].count; i++)
            cap += wcslen(files[f].ops[i].path) + 1;
    order = wr_alloc(cap * sizeof(WCHAR));
    for (f = 0; f < nfiles; f++) {
        for (i = 0; i < files[f].count; i++) {
            const struct reg_op *op = &files[f].ops[i];
            size_t pre = wcslen(SERVICES);
            const WCHAR *name = op->path + pre;
            const WCHAR *tail = wcschr(name, L'\\');

            if (op->kind != REG_OP_KEY || op->root != HKEY_LOCAL_MACHINE ||
                wcsnicmp(op->path, SERVICES, pre) || !tail || tail == name ||
                _wcsicmp(tail, L"\\NetworkProvider"))
                continue;
            if (*order)
                wcscat(order, L",");
            wcsncat(order, name, (size_t)(tail - name));
        }
    }
    return order;
}

/* Writes the whole registration in every view; quiet after the first time. */
static int register_all(struct reg_undo *undo, const struct registration *reg, struct wr_error *err)
{
    size_t v;
    size_t f;

    for (v = 0; v < reg->nviews; v++) {
        REGSAM view = reg->views[v];

        for (f = 0; f < reg->nfiles; f++)
            if (regstate_apply(undo, &reg->files[f], view, err) < 0)
                return -1;
        if (*reg->order &&
            regstate_set(undo, view, HKEY_LOCAL_MACHINE, PROVIDER_ORDER, L"ProviderOrder", REG_SZ,
                         reg->order, (DWORD)((wcslen(reg->order) + 1) * sizeof(WCHAR)), err) < 0)
            return -1;
        if (reg->notifier &&
            regstate_set(undo, view, HKEY_LOCAL_MACHINE, NOTIFYEES, L"connotify_vendor", REG_SZ,
                         reg->notifier, (DWORD)((wcslen(reg->notifier) + 1) * sizeof(WCHAR)),
                         err) < 0)
            return -1;
    }
    return 0;
}

/* What MPR will load and ask, as the programs will see it. */
static void print_registration(const struct registration *reg)
{
    HKEY key;
    DWORD i;
    WCHAR name[256];
    WCHAR data[1024];

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, NOTIFYEES, 0, KEY_READ | KEY_WOW64_64KEY, &key))
        return;
    for (i = 0;; i++) {
        DWORD nn = 256;
        DWORD dn = sizeof(data) - sizeof(WCHAR);
        DWORD type;
        WCHAR *path;

        memset(data, 0, sizeof(data));
        if (RegEnumValueW(key, i, name, &nn, NULL, &type, (BYTE *)data, &dn))
            break;
        path = wr_expand(data);
        printf("winrunner: Notifyees %s = %s (%s)\n", wr_utf8(name), wr_utf8(path),
               GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES ? "MISSING" : "present");
        free(path);
    }
    RegCloseKey(key);
    printf("winrunner: ProviderOrder = %s\n", *reg->order ? wr_utf8(reg->order) : "(unchanged)");
}

/* The program's output as one string (at most 64 MiB), or "". */
static char *read_log(const WCHAR *path)
{
    FILE *f = _wfopen(path, L"rb");
    char *text;
    long n;

    if (!f)
        return wr_strdup("");
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    if (n < 0 || n > 64L * 1024 * 1024)
        n = 0;
    fseek(f, 0, SEEK_SET);
    text = wr_alloc((size_t)n + 1);
    n = (long)fread(text, 1, (size_t)n, f);
    text[n] = 0;
    fclose(f);
    return text;
}

/* First (or last) line of TEXT containing NEEDLE, trimmed; "" if none. */
static char *find_line(const char *text, const char *needle, int last)
{
    const char *hit = NULL;
    const char *p = text;
    const char *start;
    const char *end;
    char *line;

    while ((p = strstr(p, needle))) {
        hit = p;
        p += strlen(needle);
        if (!last)
            break;
    }
    if (!hit)
        return wr_strdup("");
    start = hit;
    while (start > text && start[-1] != '\n')
        start--;
    end = hit;
    while (*end && *end != '\n' && *end != '\r')
        end++;
    line = wr_alloc((size_t)(end - start) + 1);
    memcpy(line, start, (size_t)(end - start));
    return line;
}

static const char *exception_name(DWORD code)
{
    switch (code) {
    case 0xc0000005:
        return "access violation";
    case 0xc000001d:
        return "illegal instruction";
    case 0xc0000094:
        return "integer division by zero";
    case 0xc00000fd:
        return "stack overflow";
    case 0xc0000135:
        return "a DLL it imports was not found";
    case 0xc0000139:
        return "an entry point it imports was not found";
    case 0xc0000374:
        return "heap corruption";
    case 0xc0000409:
        return "fail fast (stack buffer overrun)";
    case 0x80000003:
        return "breakpoint";
    default:
        return "exception";
    }
}

static void judge(const struct proc_result *p, const char *text, struct result *r)
{
    char *failed = find_line(text, "Test failed", 0);

    r->secs = p->secs;
    r->detail = find_line(text, "tests executed", 1);
    if (p->end == PROC_TIMEOUT) {
        r->verdict = VERDICT_TIMEOUT;
        r->message = wr_format("timeout: killed after %.0f s (%lu process%s in its job)", p->secs,
                               p->killed, p->killed == 1 ? "" : "es");
    } else if ((p->code & 0xf0000000) == 0xc0000000 || p->code == 0x80000003) {
        r->verdict = VERDICT_CRASH;
        r->message = wr_format("crash: exception %#lx (%s)", p->code, exception_name(p->code));
    } else if (p->code == SKIP_CODE) {
        char *last = find_line(text, "skip", 1);

        r->verdict = VERDICT_SKIP;
        r->message = wr_format("exit %d%s%s", SKIP_CODE, *last ? ": " : "", last);
        free(last);
    } else if (p->code != 0) {
        r->verdict = VERDICT_FAIL;
        r->message = wr_format("exit %lu%s%s", p->code, *failed ? ": " : "", failed);
    } else {
        r->verdict = VERDICT_PASS;
        r->message = wr_strdup("");
    }
    free(failed);
}

/* A file name from a test name. */
static char *file_name(const char *name)
{
    char *s = wr_strdup(name);
    char *p;

    for (p = s; *p; p++)
        if (strchr("\\/:*?\"<>|", *p) || (unsigned char)*p < 0x20)
            *p = '_';
    return s;
}

/* Prints the last LINES lines of TEXT, indented. */
static void print_tail(const char *text, unsigned lines)
{
    const char *p = text + strlen(text);

    while (p > text && lines) {
        p--;
        if (*p == '\n' && p[1])
            lines--;
    }
    if (*p == '\n')
        p++;
    printf("%s%s", p, *p && p[strlen(p) - 1] != '\n' ? "\n" : "");
}

static void run_one(const struct plan_test *t, const struct options *o, const WCHAR *results,
                    struct result *r)
{
    char *base = file_name(t->name);
    WCHAR *wbase = wr_wide(base);
    WCHAR *exe = wr_expand(wr_wide(t->exe));
    WCHAR *dir = t->dir ? wr_expand(wr_wide(t->dir)) : NULL;
    WCHAR **args = wr_alloc((t->nargs + 1) * sizeof(*args));
    WCHAR *log = wr_alloc((wcslen(results) + wcslen(wbase) + 8) * sizeof(WCHAR));
    const char **assign = wr_alloc((t->nenv + o->nenv + 2) * sizeof(*assign));
    WCHAR **saved = wr_alloc((t->nenv + o->nenv + 2) * sizeof(*saved));
    struct proc_result p;
    size_t nset = 0;
    size_t i;
    DWORD rc;
    char *text;

    memset(r, 0, sizeof(*r));
    r->name = wr_strdup(t->name);
    r->log = wr_format("%s.log", base);
    swprintf(log, wcslen(results) + wcslen(wbase) + 8, L"%ls\\%ls.log", results, wbase);
    for (i = 0; i < t->nargs; i++)
        args[i] = wr_expand(wr_wide(t->args[i]));
    if (!dir) {
        dir = _wcsdup(exe);
        if (wcsrchr(dir, L'\\'))
            *wcsrchr(dir, L'\\') = 0;
    }
    rc = make_dirs(dir);
    if (rc) {
        r->verdict = VERDICT_ERROR;
        r->message = wr_format("cannot create the working directory %s: %s",
                               t->dir ? t->dir : wr_utf8(dir), wr_strerror(rc));
        r->detail = wr_strdup("");
        r->log = NULL;
        return;
    }
    /* The test's environment, then --env (the caller's word wins: CTest's
     * CONNOTIFY_EXPECT=stock is Wine's), then its own JUnit and notifier
     * log under RESULTS. */
    for (i = 0; i < t->nenv; i++)
        assign[nset++] = t->env[i];
    for (i = 0; i < o->nenv; i++)
        assign[nset++] = o->env[i];
    assign[nset++] = wr_format("CONNOTIFY_JUNIT_DIR=%s\\junit\\%s", wr_utf8(results), base);
    assign[nset++] = wr_format("CONNOTIFY_LOG=%s\\logs\\%s.jsonl", wr_utf8(results), base);
    make_dirs(wr_wide(strchr(assign[nset - 2], '=') + 1));
    for (i = 0; i < nset; i++)
        saved[i] = set_env(assign[i]);
    proc_run(exe, proc_cmdline(exe, args, t->nargs), dir, log,
             (o->timeout && o->timeout < t->timeout ? o->timeout : t->timeout) * 1000, &p);
    for (i = nset; i > 0; i--)
        unset_env(assign[i - 1], saved[i - 1]);
    if (p.end == PROC_NOSTART) {
        r->verdict = VERDICT_ERROR;
        r->message = wr_format("cannot %s %s: %s", p.stage, t->exe, wr_strerror(p.error));
        r->detail = wr_strdup("");
        r->log = NULL;
        return;
    }
    text = read_log(log);
    judge(&p, text, r);
    if (r->verdict != VERDICT_PASS && r->verdict != VERDICT_SKIP)
        print_tail(text, 40);
    free(text);
}

static int selected(const struct plan_test *t, const struct options *o)
{
    if (o->only && strcmp(t->name, o->only))
        return 0;
    return !o->labels || plan_has_label(t->labels, o->labels);
}

/* Reads every .reg file before anything is written. */
static int load_registration(const struct plan *plan, const struct options *o,
                             struct registration *reg)
{
    struct wr_error err;
    size_t i;

    memset(reg, 0, sizeof(*reg));
    reg->views[reg->nviews++] = KEY_WOW64_64KEY;
    /* [design] 32-bit programs read HKLM\SOFTWARE in the 32-bit view (the
     * reference notifier's LogPath); HKLM\SYSTEM is one key in both. */
    if (!strcmp(o->arch, "x86"))
        reg->views[reg->nviews++] = KEY_WOW64_32KEY;
    reg->files = wr_alloc((plan->nregs + 1) * sizeof(*reg->files));
    for (i = 0; i < plan->nregs; i++) {
        WCHAR *path = wr_expand(wr_wide(plan->regs[i]));

        if (regfile_load(path, &reg->files[reg->nfiles], &err) < 0)
            return input_error("%s", err.text);
        reg->nfiles++;
        free(path);
    }
    reg->order = providers(reg->files, reg->nfiles);
    /* --notifier wins over the plan's. */
    if (o->notifier) {
        reg->notifier = full_path(o->notifier);
        if (!reg->notifier || GetFileAttributesW(reg->notifier) == INVALID_FILE_ATTRIBUTES)
            return input_error("no such notifier DLL: %s", o->notifier);
    } else if (plan->notifier) {
        reg->notifier = wr_expand(wr_wide(plan->notifier));
        if (GetFileAttributesW(reg->notifier) == INVALID_FILE_ATTRIBUTES)
            return input_error("no such notifier DLL: %s", plan->notifier);
    }
    return 0;
}

static void write_reports(const WCHAR *results, const struct options *o, const struct result *rs,
                          size_t n)
{
    WCHAR path[MAX_PATH * 2];
    char *suite = wr_format("winrunner.%s", o->arch);
    char *classname = wr_format("windows.%s", o->arch);
    char *title = wr_format("Windows %s (winrunner)", o->arch);
    const char *summary = getenv("GITHUB_STEP_SUMMARY");
    FILE *f;

    swprintf(path, MAX_PATH * 2, L"%ls\\results.xml", results);
    f = _wfopen(path, L"wb");
    if (f) {
        report_junit(f, suite, classname, rs, n);
        fclose(f);
    }
    swprintf(path, MAX_PATH * 2, L"%ls\\summary.md", results);
    f = _wfopen(path, L"wb");
    if (f) {
        report_markdown(f, title, rs, n);
        fclose(f);
    }
    f = summary && *summary ? fopen(summary, "ab") : NULL;
    if (f) {
        report_markdown(f, title, rs, n);
        fclose(f);
    }
}

int main(int argc, char **argv)
{
    struct options o;
    struct plan plan;
    struct registration reg;
    struct reg_undo undo = {NULL, 0};
    struct wr_error err;
    struct result *rs;
    WCHAR *bundle;
    WCHAR *results;
    WCHAR *planfile;
    size_t n = 0;
    size_t total = 0;
    size_t i;
    int status = WR_EXIT_PASS;
    unsigned lost;
    unsigned failed = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    /* No error box for a crash or a missing DLL: children inherit this. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    if (parse_options(argc, argv, &o))
        return WR_EXIT_INPUT;
    bundle = full_path(o.bundle);
    if (!bundle || !is_dir(bundle))
        return input_error("no bundle directory: %s", o.bundle);
    SetEnvironmentVariableW(L"CONNOTIFY_BUNDLE", bundle);
    planfile = wr_alloc((wcslen(bundle) + 16) * sizeof(WCHAR));
    swprintf(planfile, wcslen(bundle) + 16, L"%ls\\plan.txt", bundle);
    if (GetFileAttributesW(planfile) == INVALID_FILE_ATTRIBUTES)
        return input_error("not a bundle (no plan.txt): %s", o.bundle);
    if (plan_load(planfile, &plan, &err) < 0)
        return input_error("%s", err.text);
    for (i = 0; i < plan.nenv; i++)
        free(set_env(plan.env[i]));
    for (i = 0; i < o.nenv; i++)
        free(set_env(o.env[i]));
    for (i = 0; i < plan.ntests; i++)
        total += selected(&plan.tests[i], &o);
    if (!total)
        return input_error("no program of the plan is selected (--labels %s)",
                           o.labels ? o.labels : "any");
    if (load_registration(&plan, &o, &reg))
        return WR_EXIT_INPUT;
    results = full_path(o.results);
    if (!results || make_dirs(results))
        return input_error("cannot create the results directory %s", o.results);

    printf("winrunner: %s, %u program(s), %u .reg file(s), registry view(s):%s%s\n", o.arch,
           (unsigned)total, (unsigned)reg.nfiles, " 64-bit", reg.nviews > 1 ? " 32-bit" : "");
    if (register_all(&undo, &reg, &err) < 0) {
        fprintf(stderr, "winrunner: error: %s\n", err.text);
        regstate_restore(&undo);
        return WR_EXIT_REGISTRY;
    }
    print_registration(&reg);
    rs = wr_alloc(total * sizeof(*rs));
    for (i = 0; i < plan.ntests; i++) {
        const struct plan_test *t = &plan.tests[i];
        struct result *r = &rs[n];

        if (!selected(t, &o))
            continue;
        n++;
        printf("winrunner: [%u/%u] %s\n", (unsigned)n, (unsigned)total, t->name);
        /* Again before each program: one that rewrites a registered value
         * cannot leak it into the next. */
        if (register_all(&undo, &reg, &err) < 0) {
            memset(r, 0, sizeof(*r));
            r->name = wr_strdup(t->name);
            r->verdict = VERDICT_ERROR;
            r->message = wr_format("cannot register: %s", err.text);
            r->detail = wr_strdup("");
        } else {
            run_one(t, &o, results, r);
        }
        if (r->verdict != VERDICT_PASS && r->verdict != VERDICT_SKIP) {
            status = WR_EXIT_FAIL;
            failed++;
        }
        printf("winrunner: %s %s (%.1f s) %s\n", report_verdict_name(r->verdict), r->name, r->secs,
               *r->message ? r->message : r->detail);
    }
    lost = regstate_restore(&undo);
    write_reports(results, &o, rs, n);
    printf("winrunner: %u programs: %u failed; registry %s\n", (unsigned)n, failed,
           lost ? "NOT restored" : "restored");
    if (lost)
        return WR_EXIT_REGISTRY;
    return status;
}
