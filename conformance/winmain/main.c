/* connotify-conform.exe: conformance/run.sh's gate, natively on Windows.
 *
 *   connotify-conform.exe [--notifier DLL] [--arch x86_64|i686] [--mpr stock|patched]
 *                         [--only CHECK,...] [--junit FILE] [--html FILE] [--results FILE]
 *                         [--keep-logs DIR] [--timeout S] [--budget-ms N]
 *                         [--load-budget-ms N] [--cycles N] [--stack-budget BYTES]
 *
 * Runs each case of cn_conform.exe (beside this program) in its own process
 * and lets cn_report.exe (beside it too) plan, judge, merge and render, the
 * same steps and the same files as run.sh. Without --notifier: the reference
 * notifier beside it, logging on. --arch is this build's (the i686 build
 * gates 32-bit DLLs). --mpr: what this system's mpr.dll is; default patched
 * (dispatching) on Windows, stock under Wine. As administrator it registers
 * the test provider for the mpr case and restores the registry afterwards
 * (regsave.h); otherwise the through-MPR checks skip.
 * Exit status: 0 pass, 1 fail, 2 bad input, 3 incomplete, 4 environment. */
#include "options.h"
#include "register.h"
#include "regsave.h"
#include "steps.h"
#include "util.h"

#include <wincrypt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static struct options opt;
static struct steps st;
static REGSAM view;
static volatile LONG registered; /* 1 while regsave's file holds a state to restore */

static void say(const char *fmt, ...) WR_PRINTF(1, 2);
static void say(const char *fmt, ...)
{
    va_list ap;
    fputs("conformance: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

/* Held while the registry is changed for the run and while it is put back: an exit on
 * another thread (the main one ending while the Ctrl-C handler restores) waits for it, so the
 * process never ends halfway through a restore, and a restore never runs beside the changes. */
static SRWLOCK restore_lock = SRWLOCK_INIT;

static void unregister(void)
{
    AcquireSRWLockExclusive(&restore_lock);
    if (InterlockedExchange(&registered, 0) && regsave_restore(regsave_file(), 0))
        say("error: the registry is not fully restored; %ls holds what was there", regsave_file());
    ReleaseSRWLockExclusive(&restore_lock);
}

/* Every exit, also conform_die's: the registry, then the work directory. */
static void clean_up(void)
{
    unregister();
    steps_finish(&st, opt.keep);
}

static BOOL WINAPI on_break(DWORD event)
{
    say("interrupted: restoring the registry");
    unregister();
    steps_finish(&st, opt.keep);
    ExitProcess(130);
    return TRUE;
}

/* A run that died left its saved state behind: put it back first. */
static void repair(void)
{
    const WCHAR *file = regsave_file();
    if (GetFileAttributesW(file) == INVALID_FILE_ATTRIBUTES)
        return;
    say("a previous run did not finish: restoring the registry from %ls", file);
    int bad = regsave_restore(file, 1);
    if (bad)
        conform_die(CONFORM_ENVIRONMENT,
                    "cannot restore the registry from %ls (%d failures;"
                    " run as administrator)",
                    file, bad);
}

static void first_line(const char *name, char *buf, size_t size)
{
    FILE *f = steps_open(&st, name, "r");
    buf[0] = '\0';
    if (f && fgets(buf, (int)size, f))
        buf[strcspn(buf, "\r\n")] = '\0';
    if (f)
        fclose(f);
}

/* cn_conform.exe --catalogue must run (run.sh's canary). */
static void canary(void)
{
    const WCHAR *args[] = {L"--catalogue"};
    int rc = steps_driver(&st, "canary", args, 1, 120);
    char line[1024];
    FILE *f = steps_open(&st, "canary.out", "r");
    FILE *cat = steps_open(&st, "catalogue.txt", "w");
    FILE *checks = steps_open(&st, "checks.tsv", "w");
    int ok = 0;
    while (f && cat && checks && fgets(line, sizeof line, f)) {
        fputs(line, cat);
        ok |= !strncmp(line, "CATALOGUE\t", 10);
        if (!strncmp(line, "CHECK\t", 6))
            fputs(line + 6, checks);
    }
    if (f)
        fclose(f);
    if (cat)
        fclose(cat);
    if (checks)
        fclose(checks);
    if (rc == 0 && ok)
        return;
    if (rc == STEP_NOSTART)
        conform_die(CONFORM_ENVIRONMENT, "cannot start %ls (%s)", st.driver, steps_nostart());
    first_line("canary.err", line, sizeof line);
    conform_die(CONFORM_ENVIRONMENT, "cn_conform.exe --catalogue does not run (status %d): %s", rc,
                line[0] ? line : "no message");
}

static char *utf8(const WCHAR *w)
{
    return wr_utf8(w);
}

static int explained(int rc, const char *label)
{
    static const char *const ends[] = {"CRASH\t", "EXIT\t", "HANG\t", "LOADERROR\t"};
    char name[300];
    char line[4096];
    snprintf(name, sizeof name, "%s.out", label);
    FILE *f = steps_open(&st, name, "r");
    int printed = f && fgets(line, sizeof line, f);
    if (f)
        rewind(f);
    /* Nothing printed: the notifier was never reached (rerun, then canary). */
    if (rc != 2 && !printed) {
        if (f)
            fclose(f);
        return 0;
    }
    if (rc == 0 || rc == 2 || rc == 86 || rc == 87 || rc == STEP_TIMEOUT) {
        if (f)
            fclose(f);
        return 1;
    }
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f)) {
        for (int i = 0; i < 4 && !found; i++)
            found = !strncmp(line, ends[i], strlen(ends[i]));
    }
    if (f)
        fclose(f);
    return found;
}

struct plan_row {
    char name[64];
    char variant[16];
    char ids[2048];
    unsigned factor;
    char hint[1024];
};

static int next_run(FILE *f, struct plan_row *p)
{
    char line[4096];
    if (!fgets(line, sizeof line, f))
        return 0;
    line[strcspn(line, "\r\n")] = '\0';
    char *fld[5] = {line, "", "", "1", "-"};
    char *t = line;
    for (int i = 1; i < 5 && (t = strchr(t, '\t')); i++) {
        *t++ = '\0';
        fld[i] = t;
    }
    snprintf(p->name, sizeof p->name, "%s", fld[0]);
    snprintf(p->variant, sizeof p->variant, "%s", fld[1]);
    snprintf(p->ids, sizeof p->ids, "%s", fld[2]);
    p->factor = (unsigned)atoi(fld[3]);
    snprintf(p->hint, sizeof p->hint, "%s", fld[4]);
    if (!p->factor)
        p->factor = 1;
    return 1;
}

/* Splits a space-separated list in place into words; returns their count. */
static int words(char *s, const char **w, int cap)
{
    int n = 0;
    for (char *t = strtok(s, " \n"); t && n < cap; t = strtok(NULL, " \n"))
        w[n++] = t;
    return n;
}

/* The case's checks none of whose dependencies failed (cn_report ready). */
static int ready(const struct plan_row *p, char *todo, size_t size)
{
    char ids[2048];
    const char *args[40] = {"ready", st.work_a};
    snprintf(ids, sizeof ids, "%s", p->ids);
    int n = 2 + words(ids, args + 2, 38);
    todo[0] = '\0';
    if (steps_report(&st, "ready.txt", args, n))
        return -1;
    FILE *f = steps_open(&st, "ready.txt", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        size_t len = strlen(todo);
        snprintf(todo + len, size - len, "%s%s", len ? " " : "", line);
    }
    if (f)
        fclose(f);
    return 0;
}

struct totals {
    int done;
    char load_error[1024];
};

static void skip_all(const char *todo, const char *why, const char *label)
{
    char ids[2048];
    const char *w[40];
    snprintf(ids, sizeof ids, "%s", todo);
    int n = words(ids, w, 40);
    FILE *v = steps_open(&st, "verdicts.tsv", "a");
    for (int i = 0; v && i < n; i++)
        fprintf(v, "%s\tskip\t%s\t%s\t0\t-\n", w[i], why, label);
    if (v)
        fclose(v);
}

/* The reference notifier's LogPath: written where the run said, in %TEMP%. */
static const WCHAR *configured_log;

static void run_case(const struct plan_row *p, const char *todo, const WCHAR *provider,
                     struct totals *t)
{
    char label[128];
    const WCHAR *args[24];
    int n = 0;
    snprintf(label, sizeof label, "%s%s%s", p->name, strcmp(p->variant, "-") ? "." : "",
             strcmp(p->variant, "-") ? p->variant : "");
    for (int i = 0; i < opt.nextra; i++)
        args[n++] = opt.extra[i];
    if (strcmp(p->variant, "-")) {
        args[n++] = L"--expect";
        args[n++] = strcmp(p->variant, "patched") ? L"stock" : L"dispatch";
        args[n++] = L"--provider";
        args[n++] = provider;
    }
    if (configured_log) {
        args[n++] = L"--configured-file";
        args[n++] = configured_log;
    }
    /* The checks collected from this case: it may skip work only others need. */
    char csv[2048];
    snprintf(csv, sizeof csv, "%s", todo);
    for (char *c = strchr(csv, ' '); c; c = strchr(c, ' '))
        *c = ',';
    WCHAR *wchecks = wr_wide(csv);
    args[n++] = L"--checks";
    args[n++] = wchecks;
    WCHAR *wcase = wr_wide(p->name);
    args[n++] = wcase;
    args[n++] = opt.notifier;
    unsigned limit = opt.timeout_s * p->factor;
    DWORD start = GetTickCount();
    int rc = steps_driver(&st, label, args, n, limit);
    if (rc == STEP_NOSTART)
        conform_die(CONFORM_ENVIRONMENT, "cannot start %ls (%s)", st.driver, steps_nostart());
    if (!explained(rc, label))
        rc = steps_driver(&st, label, args, n, limit);
    if (!explained(rc, label))
        canary();
    free(wcase);
    free(wchecks);
    char secs[32];
    char rcs[32];
    char lim[32];
    snprintf(secs, sizeof secs, "%lu", (unsigned long)((GetTickCount() - start) / 1000));
    snprintf(rcs, sizeof rcs, "%d", rc);
    snprintf(lim, sizeof lim, "%u", limit);
    char ids[2048];
    const char *a[48] = {"collect", st.work_a, label, rcs, secs, lim, p->hint};
    snprintf(ids, sizeof ids, "%s", todo);
    int na = 7 + words(ids, a + 7, 40);
    if (steps_report(&st, "now.txt", a, na))
        conform_die(CONFORM_ENVIRONMENT, "cannot collect the verdicts of %s", label);
    FILE *f = steps_open(&st, "now.txt", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        fprintf(stderr, " %s", line);
    }
    if (f)
        fclose(f);
    fprintf(stderr, " (%s s)\n", secs);
    first_line("loaderror", line, sizeof line);
    if (line[0] && !t->load_error[0]) {
        char *name = utf8(wcsrchr(opt.notifier, L'\\') + 1);
        snprintf(t->load_error, sizeof t->load_error, "%s cannot be loaded: %s", name, line);
        free(name);
    }
}

/* The runs of runs.tsv, each with its reason to skip or its verdicts. */
static void run_all(const char *mpr_why, const WCHAR *provider, struct totals *t)
{
    FILE *f = steps_open(&st, "runs.tsv", "r");
    struct plan_row p;
    int total = 0;
    while (f && next_run(f, &p))
        total++;
    if (f)
        rewind(f);
    for (int i = 1; f && next_run(f, &p); i++) {
        char label[128];
        char todo[2048];
        snprintf(label, sizeof label, "%s%s%s", p.name, strcmp(p.variant, "-") ? "." : "",
                 strcmp(p.variant, "-") ? p.variant : "");
        fprintf(stderr, "conformance: [%*d/%d] %-12s", total > 9 ? 2 : 1, i, total, label);
        if (ready(&p, todo, sizeof todo))
            conform_die(CONFORM_ENVIRONMENT, "cn_report ready failed");
        const char *why = "";
        if (t->load_error[0])
            why = "not run: the notifier does not load";
        else if (strcmp(p.variant, "-") && mpr_why[0])
            why = mpr_why;
        if (!todo[0] || why[0]) {
            skip_all(todo, why, label);
            fprintf(stderr, todo[0] ? " skip: %s\n" : " notjudged\n", why);
            continue;
        }
        run_case(&p, todo, provider, t);
    }
    if (f)
        fclose(f);
}

/* The reference notifier must have logged every call [design]. */
static int check_reference_log(const WCHAR *log)
{
    FILE *f = _wfopen(log, L"rb");
    char line[4096];
    long records = 0;
    double calls = 0;
    int c;
    int empty = 1;
    /* Non-empty lines, as run.sh's grep -c . counts them. */
    while (f && (c = fgetc(f)) != EOF) {
        if (c == '\n') {
            records += !empty;
            empty = 1;
        } else if (c != '\r') {
            empty = 0;
        }
    }
    records += !empty;
    if (f)
        fclose(f);
    FILE *m = steps_open(&st, "metrics.tsv", "r");
    while (m && fgets(line, sizeof line, m)) {
        if (!strncmp(line, "calls_made\t", 11))
            calls += atof(line + 11);
    }
    if (m)
        fclose(m);
    m = steps_open(&st, "metrics.tsv", "a");
    if (m) {
        fprintf(m, "reference_log_records\t%ld\n", records);
        fclose(m);
    }
    if (records > 0 && records >= calls)
        return 0;
    say("FAIL: the reference notifier logged %ld records for %.0f calls in %ls"
        " (LogPath, HKLM\\SOFTWARE\\connotify, %s view)",
        records, calls, log, view == KEY_WOW64_32KEY ? "32-bit" : "64-bit");
    return 1;
}

static void system_name(char *buf, size_t size)
{
    typedef const char *(CDECL * wine_version_fn)(void);
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    wine_version_fn wine = (wine_version_fn)(void *)GetProcAddress(ntdll, "wine_get_version");
    typedef LONG(WINAPI * rtl_version_fn)(OSVERSIONINFOW *);
    rtl_version_fn rtl = (rtl_version_fn)(void *)GetProcAddress(ntdll, "RtlGetVersion");
    OSVERSIONINFOW v;
    memset(&v, 0, sizeof v);
    v.dwOSVersionInfoSize = sizeof v;
    if (wine)
        snprintf(buf, size, "wine-%s", wine());
    else if (rtl && !rtl(&v))
        snprintf(buf, size, "Windows %lu.%lu.%lu", v.dwMajorVersion, v.dwMinorVersion,
                 v.dwBuildNumber);
    else
        snprintf(buf, size, "Windows");
}

/* The SHA-256 of the notifier, hex, for the reports ("-" when unknown). */
static void sha256_hex(const WCHAR *path, char *out)
{
    HCRYPTPROV prov;
    HCRYPTHASH hash;
    BYTE buf[65536];
    BYTE sum[32];
    DWORD n = sizeof sum;
    strcpy(out, "-");
    FILE *f = _wfopen(path, L"rb");
    if (!f)
        return;
    if (CryptAcquireContextW(&prov, NULL, NULL, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) {
        if (CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash)) {
            size_t got;
            int ok = 1;
            while (ok && (got = fread(buf, 1, sizeof buf, f)) > 0)
                ok = CryptHashData(hash, buf, (DWORD)got, 0);
            if (ok && CryptGetHashParam(hash, HP_HASHVAL, sum, &n, 0) && n == 32) {
                for (int i = 0; i < 32; i++)
                    sprintf(out + 2 * i, "%02x", sum[i]);
            }
            CryptDestroyHash(hash);
        }
        CryptReleaseContext(prov, 0);
    }
    fclose(f);
}

static void write_meta(const char *name, int status)
{
    FILE *f = steps_open(&st, "meta.tsv", "w");
    if (!f)
        return;
    char sys[128];
    char *file = utf8(opt.notifier);
    system_name(sys, sizeof sys);
    fprintf(f, "name\t%s\nfile\t%s\narch\t%s\nmpr\t%s\n", name, file, opt.arch, opt.mpr);
    fprintf(f, "budget_ms\t%u\nstatus\t%d\n", opt.budget_ms, status);
    fprintf(f, "rerun\tconnotify-conform.exe%s%s --mpr %s\n",
            opt.notifier_arg ? " --notifier " : "", opt.notifier_arg ? file : "", opt.mpr);
    char sum[65];
    sha256_hex(opt.notifier, sum);
    fprintf(f, "sha256\t%s\n", sum);
    fprintf(f, "commit\t-\ndocs\tdocs/conformance.md\nwine\t%s\n", sys);
    SYSTEMTIME t;
    GetSystemTime(&t);
    fprintf(f, "date\t%04u-%02u-%02uT%02u:%02u:%02uZ\n", t.wYear, t.wMonth, t.wDay, t.wHour,
            t.wMinute, t.wSecond);
    FILE *c = steps_open(&st, "commands.tsv", "r");
    char line[8192];
    while (c && fgets(line, sizeof line, c)) {
        if (strncmp(line, "canary\t", 7))
            fprintf(f, "command\t%s", line);
    }
    if (c)
        fclose(c);
    free(file);
    fclose(f);
}

/* cn_report MODE WORK into the file OUT (NULL: to stdout). */
static void render(const char *mode, const WCHAR *out)
{
    char css[MAX_PATH * 2];
    WCHAR wcss[MAX_PATH];
    steps_home_file(&st, L"report.css", wcss);
    WideCharToMultiByte(CP_ACP, 0, wcss, -1, css, sizeof css, NULL, NULL);
    const char *args[] = {mode, st.work_a, "--columns", "100", "--css", css};
    int n = strcmp(mode, "html") ? 4 : 6;
    if (steps_report(&st, "render.out", args, n)) {
        say("error: cn_report %s failed", mode);
        return;
    }
    if (!out) {
        steps_cat(&st, "render.out", stdout);
        return;
    }
    WCHAR from[MAX_PATH];
    steps_work_file(&st, "render.out", from);
    if (!CopyFileW(from, out, FALSE))
        say("error: cannot write %ls", out);
    else
        say("%s: %ls", mode, out);
}

static void usage(void)
{
    printf("connotify-conform.exe [--notifier DLL] [--arch x86_64|i686] [--mpr stock|patched]\n"
           "    [--only CHECK,...] [--junit FILE] [--html FILE] [--results FILE]\n"
           "    [--keep-logs DIR] [--timeout S] [--budget-ms N] [--load-budget-ms N]\n"
           "    [--cycles N] [--stack-budget BYTES]\n"
           "The gate of conformance/run.sh on Windows (docs/conformance.md). Check ids:\n"
           "cn_conform.exe --catalogue. Exit status: 0 pass, 1 fail, 2 bad input,\n"
           "3 incomplete, 4 environment.\n");
}

int wmain(int argc, WCHAR **argv)
{
    /* Progress as it happens: redirected to a file or a CI log, msvcrt's stderr is buffered
     * (measured under Wine: no case line in 120 s, then 4 KiB at once). */
    setvbuf(stderr, NULL, _IONBF, 0);
    options_parse(&opt, argc, argv);
    if (opt.help) {
        usage();
        return 0;
    }
    view = sizeof(void *) == 8 ? KEY_WOW64_64KEY : KEY_WOW64_32KEY;
    if (steps_init(&st))
        conform_die(CONFORM_ENVIRONMENT, "cannot create a work directory in %%TEMP%%");
    repair();
    int reference = !opt.notifier[0];
    if (reference) {
        steps_home_file(&st, L"connotify_notifier.dll", opt.notifier);
        if (GetFileAttributesW(opt.notifier) == INVALID_FILE_ATTRIBUTES)
            conform_die(CONFORM_INPUT, "no --notifier, and no reference notifier beside"
                                       " connotify-conform.exe (connotify_notifier.dll)");
    }
    options_check_input(&opt);
    atexit(clean_up);
    canary();
    const char *plan[] = {"plan", st.work_a, opt.only, opt.mpr};
    int rc = steps_report(&st, "runs.tsv", plan, 4);
    if (rc == 3) {
        steps_cat(&st, "report.err", stderr);
        exit(CONFORM_INPUT);
    }
    if (rc)
        conform_die(CONFORM_ENVIRONMENT, "cannot plan the runs (cn_report.exe: status %d)", rc);

    char *name = utf8(wcsrchr(opt.notifier, L'\\') + 1);
    char *file = utf8(opt.notifier);
    char heavy[MAX_PATH * 2];
    WCHAR wheavy[MAX_PATH];
    steps_home_file(&st, L"heavy-imports.txt", wheavy);
    WideCharToMultiByte(CP_ACP, 0, wheavy, -1, heavy, sizeof heavy, NULL, NULL);
    say("checking %s (%s, MPR: %s)", name, opt.arch, opt.mpr);
    const char *pe[] = {"pe", file, heavy, opt.arch, "AddConnectNotify,CancelConnectNotify"};
    if (steps_report(&st, "pe.txt", pe, 5) == 2) {
        char line[1024];
        first_line("report.err", line, sizeof line);
        const char *why = strncmp(line, "pe-check: error: ", 17) ? line : line + 17;
        conform_die(CONFORM_INPUT, "%s", why);
    }
    const char *stat[] = {"static", st.work_a, opt.arch, name};
    if (steps_report(&st, "stop.txt", stat, 4))
        conform_die(CONFORM_ENVIRONMENT, "cannot read the static checks");
    char stop[1024];
    first_line("stop.txt", stop, sizeof stop);

    /* Registration: the saved state first, on disk, then the writes. */
    WCHAR provider[MAX_PATH];
    WCHAR reflog[MAX_PATH];
    char mpr_why[256] = "";
    steps_home_file(&st, L"connotify_test_provider.dll", provider);
    steps_work_file(&st, "reference.log", reflog);
    int admin = register_allowed(view);
    if (GetFileAttributesW(provider) == INVALID_FILE_ATTRIBUTES)
        snprintf(mpr_why, sizeof mpr_why,
                 "no test provider beside connotify-conform.exe"
                 " (connotify_test_provider.dll)");
    else if (!admin)
        snprintf(mpr_why, sizeof mpr_why,
                 "not administrator: the real-MPR checks register a"
                 " test provider in HKLM (run as administrator)");
    if (!stop[0] && admin) {
        if (regsave_save(regsave_file(), view))
            conform_die(CONFORM_ENVIRONMENT, "cannot save the registry before changing it");
        /* A Ctrl-C while the registry changes restores it once the changes are made, never
         * halfway (measured under load: a restore beside them left the saved state). */
        AcquireSRWLockExclusive(&restore_lock);
        registered = 1;
        SetConsoleCtrlHandler(on_break, TRUE);
        int not_registered =
            register_for_run(view, mpr_why[0] ? NULL : provider, reference ? reflog : NULL);
        ReleaseSRWLockExclusive(&restore_lock);
        if (not_registered)
            conform_die(CONFORM_ENVIRONMENT, "cannot register for the run");
        if (reference)
            configured_log = reflog;
    }
    if (stop[0]) {
        FILE *runs = steps_open(&st, "runs.tsv", "w");
        if (runs)
            fclose(runs);
    }
    struct totals t = {0};
    run_all(mpr_why, provider, &t);
    unregister();

    const char *merge[] = {"merge", st.work_a, opt.only, stop, opt.mpr};
    if (steps_report(&st, "status.txt", merge, 5))
        conform_die(CONFORM_ENVIRONMENT, "cannot merge the verdicts");
    char line[64];
    first_line("status.txt", line, sizeof line);
    int status = atoi(line);
    if (opt.results) {
        WCHAR from[MAX_PATH];
        steps_work_file(&st, "results.tsv", from);
        CopyFileW(from, opt.results, FALSE);
    }
    if (reference && !stop[0] && admin && check_reference_log(reflog))
        status = CONFORM_FAIL;
    if (reference && !admin)
        say("the reference notifier's log is not checked: not administrator");
    write_meta(name, status);
    render("term", NULL);
    if (opt.junit)
        render("junit", opt.junit);
    if (opt.html)
        render("html", opt.html);
    const char *gha = getenv("GITHUB_ACTIONS");
    if (gha && !strcmp(gha, "true"))
        render("annotations", NULL);
    const WCHAR *summary = _wgetenv(L"GITHUB_STEP_SUMMARY");
    FILE *md = summary && summary[0] ? _wfopen(summary, L"a") : NULL;
    if (md) {
        const char *args[] = {"markdown", st.work_a};
        if (!steps_report(&st, "render.out", args, 2))
            steps_cat(&st, "render.out", md);
        fclose(md);
    }
    if (stop[0])
        conform_die(CONFORM_INPUT, "%s", stop);
    if (t.load_error[0])
        conform_die(CONFORM_INPUT, "%s", t.load_error);
    return status;
}
