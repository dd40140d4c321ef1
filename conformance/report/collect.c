/* cn_report collect DIR LABEL STATUS SECONDS LIMIT HINT CHECK...
 * Turns the output of one case process (DIR/LABEL.out, .err) into verdict
 * rows for the checks it ran (protocol: docs/conformance.md). RESULT lines
 * are kept as printed; a check left without one gets the process's end: a
 * CRASH, EXIT or HANG line, a timeout, or an unexplained status is a fail for
 * a gate and a warn for a report, with the case's hint. Appends to
 * verdicts.tsv, metrics.tsv, events.tsv (runs through MPR: labels with a
 * variant) and crashes.tsv; writes loaderror for LOADERROR; prints "CHECK
 * VERDICT" for each check, for the progress line.
 * cn_report slow DIR LABEL STATUS: whether that end was slow calls (below). */
#include "report.h"
#include "verdicts.h"

#include <stdlib.h>
#include <string.h>

struct end {
    char why[4096];
    char state[1024];
    const char *verdict; /* NULL: gate fail, report warn */
    int blocked;         /* a call or the process did not return in time */
    int in_call;         /* what did not return was a notifier call, not a LoadLibrary */
    int thread_ended;    /* the caller's thread ended inside a call */
    int slow;            /* the case timed out though no call hung */
    int in_notifier;     /* a crash with a notifier frame: the DLL was loaded */
    char share[120];     /* "X of Y s inside notifier calls" (OUTOFTIME), or "" */
};

/* A hang has its own causes, whatever the case was checking: the case's
 * hint (e.g. about stack use) is for its crashes. DllMain keeps its own. */
static const char *hang_hint =
    "a call that never returns: a lock kept on some path, a wait for another thread,"
    " a message sent to a thread that does not pump, or a wait timed on a clock that"
    " wraps or is set back (time it on GetTickCount64 or a wait's own timeout)";
/* Out of time in a LoadLibrary after the first (a reload): DllMain, or
 * damage an earlier call left where the loader walks. */
/* The caller's thread ended inside a call (ExitThread, _endthreadex). */
static const char *ended_hint =
    "the thread is the caller's: return an error code from the call instead of ending the"
    " thread, on every path (a failed open, a full disk)";
static const char *loader_hint =
    "a LoadLibrary that never returns: DllMain waits (for a lock, a thread, the loader"
    " lock), or an earlier call damaged memory the loader walks (its heap, its lists)";

static FILE *open_in(const char *dir, const char *name, const char *mode)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, mode);
}

/* Fields from `from` on, joined by spaces (a detail may hold tabs). */
static void join(const struct tsv *t, int row, int from, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int c = from; c < t->nf[row]; c++) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", c > from ? " " : "", t->rows[row][c]);
    }
}

static const char *first(const struct tsv *out, const char *kind, int *row)
{
    for (int i = 0; i < out->n; i++) {
        if (!strcmp(field(out, i, 0), kind)) {
            *row = i;
            return kind;
        }
    }
    return NULL;
}

static int last_step_row(const struct tsv *out)
{
    int row = -1;
    for (int i = 0; i < out->n; i++) {
        if (!strcmp(field(out, i, 0), "STEP"))
            row = i;
    }
    return row;
}

static const char *last_step(const struct tsv *out)
{
    int row = last_step_row(out);
    return row < 0 ? "start-up" : field(out, row, 1);
}

/* The last step was LoadLibrary (the driver marks it "loader"). */
static int in_loader(const struct tsv *out)
{
    return !strcmp(field(out, last_step_row(out), 2), "loader");
}

/* An OUTOFTIME line (the driver's own deadline, budget.c): whose time it was. */
static void out_of_time(const struct tsv *out, int r, int limit, int runs, struct end *e)
{
    const char *whose = field(out, r, 1);
    double elapsed = atof(field(out, r, 2)) / 1000;
    double inside = atof(field(out, r, 3)) / 1000;
    double idle = atof(field(out, r, 4)) / 1000;
    double frozen = atof(field(out, r, 5)) / 1000;
    if (!strcmp(whose, "frozen")) {
        double on_end = atof(field(out, r, 6)) / 1000;
        snprintf(e->why, sizeof e->why,
                 "Wine stood still: its wineserver answered nothing for %.1f s on end (Windows'"
                 " tick count did not move), so the case was ended after %.1f s of its %d"
                 " (during %s)%s: the environment, not the notifier; no verdict",
                 on_end, elapsed, limit, last_step(out), runs > 1 ? " in both runs" : "");
        e->verdict = "incomplete";
        return;
    }
    if (!strcmp(whose, "wine")) {
        snprintf(e->why, sizeof e->why,
                 "Wine stood still: the case did not finish within %d s (during %s)%s, and for"
                 " %.1f of its %.1f s Wine's wineserver answered nothing (Windows' tick count did"
                 " not move): the environment, not the notifier; no verdict",
                 limit, last_step(out), runs > 1 ? " in both runs" : "", frozen, elapsed);
        e->verdict = "incomplete";
        return;
    }
    snprintf(e->share, sizeof e->share, "%.1f of %.1f s inside notifier calls", inside, elapsed);
    if (!strcmp(whose, "notifier")) {
        snprintf(e->why, sizeof e->why,
                 "timeout: no answer within %d s (hang or deadlock) during %s (%s)", limit,
                 last_step(out), e->share);
        e->blocked = 1;
        e->slow = 1;
        return;
    }
    char stall[120] = "";
    if (!strcmp(whose, "stalled"))
        snprintf(stall, sizeof stall, "; no call began or ended for the last %.1f s", idle);
    snprintf(e->why, sizeof e->why,
             "the case did not finish within %d s (during %s)%s, yet only %s%s: the time went"
             " to the driver and Wine (machine load or a stalled Wine), not to the notifier;"
             " no verdict",
             limit, last_step(out), runs > 1 ? " in both runs" : "", e->share, stall);
    e->verdict = "incomplete";
}

/* The crash state of a HANG line from a lock watch of the driver (its thread field names the
 * lock) or of the watchdog's for a caller's thread that ended in a call ("ended"), NULL for
 * the watchdog's others. */
static const char *lock_watch_state(const char *thread)
{
    if (!strcmp(thread, "heaplock"))
        return "hang on a heap's lock the notifier held";
    if (!strcmp(thread, "loaderlock"))
        return "hang on the loader lock";
    if (!strcmp(thread, "ended"))
        return "the caller's thread ended inside a call";
    return NULL;
}

static void find_end(const struct tsv *out, const char *err, int status, int limit, int runs,
                     struct end *e)
{
    int r = 0;
    e->why[0] = '\0';
    e->state[0] = '\0';
    e->share[0] = '\0';
    e->verdict = NULL;
    e->blocked = 0;
    e->thread_ended = 0;
    e->slow = 0;
    e->in_notifier = 0;
    if (first(out, "CRASH", &r)) {
        const char *frame = field(out, r, 4);
        e->in_notifier = strcmp(frame, "-") != 0;
        char line[600];
        source_line(frame, line, sizeof line);
        snprintf(e->why, sizeof e->why, "crash: %s: %s, during %s%s%s%s", field(out, r, 1),
                 field(out, r, 2), field(out, r, 3), strcmp(frame, "-") ? "; notifier frame " : "",
                 strcmp(frame, "-") ? frame : "", line);
        snprintf(e->state, sizeof e->state, "%s: %s", field(out, r, 1), frame);
    } else if (first(out, "EXIT", &r)) {
        char code[32];
        snprintf(code, sizeof code, "%d", status);
        snprintf(e->why, sizeof e->why,
                 "the notifier ended the process: %s with exit code %s,"
                 " during %s [a notifier runs inside the caller's process: never end it]",
                 field(out, r, 2), strcmp(field(out, r, 1), "-") ? field(out, r, 1) : code,
                 field(out, r, 3));
    } else if (first(out, "HANG", &r) && lock_watch_state(field(out, r, 3))) {
        /* The driver's lock watches: the text says what was held and what waited (or that
         * the thread ended). */
        snprintf(e->why, sizeof e->why, "hang: %s; the case ended there", field(out, r, 1));
        e->blocked = 1;
        e->thread_ended = !strcmp(field(out, r, 3), "ended");
        snprintf(e->state, sizeof e->state, "%s", lock_watch_state(field(out, r, 3)));
    } else if (first(out, "HANG", &r)) {
        snprintf(e->why, sizeof e->why, "hang: %s did not return within %s ms%s", field(out, r, 1),
                 field(out, r, 2),
                 strcmp(field(out, r, 3), "other")
                     ? ""
                     : " on a thread other than the first caller's, which was alive and idle");
        e->blocked = 1;
        e->in_call = !strncmp(field(out, r, 1), "AddConnectNotify", 16) ||
                     !strncmp(field(out, r, 1), "CancelConnectNotify", 19);
        /* A call that blocks only on a thread other than the first caller's
         * blocks so in every case: one FAIL, the rest "the same hang". */
        if (!strcmp(field(out, r, 3), "other"))
            snprintf(e->state, sizeof e->state, "hang on a thread other than the first caller's");
    } else if (first(out, "OUTOFTIME", &r)) {
        out_of_time(out, r, limit, runs, e);
    } else if (status != 0 && status != 2 && out->n == 0) {
        /* The driver prints a STEP before it loads the notifier. */
        snprintf(e->why, sizeof e->why,
                 "the driver printed nothing, twice (status %d%s): the notifier was never"
                 " reached; Wine did not start the case (environment, not the notifier)%s%s",
                 status, status == 124 || status == 137 ? ": timeout" : "", err[0] ? ": " : "",
                 err);
        e->verdict = "incomplete";
    } else if ((status == 124 || status == 137) && runs > 1) {
        snprintf(e->why, sizeof e->why,
                 "the process stood still: no answer within %d s during %s in both runs, not"
                 " even from the driver's own watchdog and deadline threads, which need no"
                 " wineserver (Wine stalled, or a notifier that stops every thread); no verdict",
                 limit, last_step(out));
        e->verdict = "incomplete";
    } else if (status == 124 || status == 137) {
        snprintf(e->why, sizeof e->why,
                 "timeout: no answer within %d s (hang or deadlock)"
                 " during %s",
                 limit, last_step(out));
        e->blocked = 1;
        e->slow = 1;
    } else if (status == 2 && first(out, "ERROR", &r)) {
        snprintf(e->why, sizeof e->why,
                 "the driver gave up: %s, during %s: the gate's fault, not the notifier's; no "
                 "verdict",
                 field(out, r, 1), last_step(out));
        e->verdict = "incomplete";
    } else if (status == 2 && !first(out, "LOADERROR", &r)) {
        snprintf(e->why, sizeof e->why, "the driver refused its arguments: %s", err);
        e->verdict = "incomplete";
    } else if (status != 0 && status != 2) {
        snprintf(e->why, sizeof e->why,
                 "process ended with status %d and no crash report"
                 " during %s: %s",
                 status, last_step(out), err);
    }
}

/* The first line of no kind of the protocol, cleaned, into text: what the
 * notifier wrote to the host's standard output (printf, puts, WriteFile to
 * the handle). Returns the number of such lines. */
static int foreign_lines(const struct tsv *out, char *text, size_t cap)
{
    static const char *const kinds[] = {"RESULT",   "METRIC", "STEP",     "EVENT",
                                        "CRASH",    "EXIT",   "HANG",     "LOADERROR",
                                        "SKIPCASE", "ERROR",  "OPRESULT", "OUTOFTIME"};
    int n = 0;
    text[0] = '\0';
    for (int i = 0; i < out->n; i++) {
        const char *k = field(out, i, 0);
        int known = 0;
        for (size_t j = 0; j < sizeof kinds / sizeof kinds[0] && !known; j++)
            known = !strcmp(k, kinds[j]);
        if (known || (out->nf[i] == 1 && !k[0]))
            continue;
        if (n++)
            continue;
        join(out, i, 0, text, cap > 124 ? 124 : cap);
        for (char *c = text; *c; c++) {
            if ((unsigned char)*c < 0x20)
                *c = ' ';
        }
    }
    return n;
}

static const char *kind_of(const struct tsv *checks, const char *id)
{
    int row = tsv_row(checks, id);
    return row < 0 ? "gate" : field(checks, row, 3);
}

/* Copies the lines of one kind to a file, without the kind (or with a label). */
static void copy_lines(const struct tsv *out, const char *kind, FILE *to, const char *label)
{
    for (int i = 0; to && i < out->n; i++) {
        if (strcmp(field(out, i, 0), kind))
            continue;
        fprintf(to, "%s%s", label ? label : "", label ? "\t" : "");
        for (int c = 1; c < out->nf[i]; c++)
            fprintf(to, "%s%s", c > 1 ? "\t" : "", out->rows[i][c]);
        fputc('\n', to);
    }
}

static void last_line(const char *dir, const char *label, char *buf, size_t size)
{
    char name[1024];
    snprintf(name, sizeof name, "%s.err", label);
    buf[0] = '\0';
    FILE *f = open_in(dir, name, "r");
    char line[4096];
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0])
            snprintf(buf, size, "%s", line);
    }
    if (f)
        fclose(f);
}

/* How many times run.sh ran the case (DIR/LABEL.runs; 1 if not said). */
static int runs_of(const char *dir, const char *label)
{
    char name[300];
    int runs = 1;
    snprintf(name, sizeof name, "%s.runs", label);
    FILE *f = open_in(dir, name, "r");
    if (f) {
        if (fscanf(f, "%d", &runs) != 1)
            runs = 1;
        fclose(f);
    }
    return runs;
}

/* Out of time with every call returned within the hang limit, outside a LoadLibrary, in a case
 * that does not time its own loads (load, cycles): slow calls, not a hang. */
static int slow_calls(const struct end *e, const struct tsv *out, const char *label)
{
    return e->slow && !in_loader(out) && strcmp(label, "load") && strcmp(label, "cycles");
}

/* cn_report slow DIR LABEL STATUS: exit 0 when the case's end was slow calls (the runner then
 * gives it a second run with more time), 1 otherwise, 2 on bad input. */
int slow_main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: cn_report slow DIR LABEL STATUS\n");
        return 2;
    }
    char path[4096];
    struct tsv out;
    snprintf(path, sizeof path, "%s/%s.out", argv[2], argv[3]);
    if (tsv_load(&out, path) < 0)
        return 2;
    char err[4096];
    last_line(argv[2], argv[3], err, sizeof err);
    struct end e;
    find_end(&out, err, atoi(argv[4]), 0, 1, &e);
    return slow_calls(&e, &out, argv[3]) ? 0 : 1;
}

int collect_main(int argc, char **argv)
{
    if (argc < 8) {
        fprintf(stderr, "usage: cn_report collect DIR LABEL STATUS SECONDS LIMIT HINT CHECK...\n");
        return 2;
    }
    const char *dir = argv[2];
    const char *label = argv[3];
    int status = atoi(argv[4]);
    const char *secs = argv[5];
    const char *hint = argv[7];
    char path[4096];
    struct tsv out;
    struct tsv checks;
    snprintf(path, sizeof path, "%s/%s.out", dir, label);
    if (tsv_load(&out, path) < 0)
        return 2;
    snprintf(path, sizeof path, "%s/checks.tsv", dir);
    if (tsv_load(&checks, path) < 0)
        return 2;
    char err[4096];
    last_line(dir, label, err, sizeof err);
    struct end e;
    find_end(&out, err, status, atoi(argv[6]), runs_of(dir, label), &e);
    /* Every call returned within the hang limit, yet the case ran out of
     * time: the calls are slow, which latency judges (one cause, one FAIL;
     * cn_report merge fails this check if latency failed nowhere, and leaves it
     * incomplete if latency passed or was not judged). */
    if (slow_calls(&e, &out, label)) {
        snprintf(e.why, sizeof e.why,
                 "the case did not finish within %s s (during %s), though no call hung:"
                 " its calls are slow%s%s (see latency)",
                 argv[6], last_step(&out), e.share[0] ? ": " : "", e.share);
        e.verdict = "notjudged";
    }
    FILE *verdicts = open_in(dir, "verdicts.tsv", "a");
    FILE *metrics = open_in(dir, "metrics.tsv", "a");
    FILE *crashes = open_in(dir, "crashes.tsv", "a");
    FILE *events = strchr(label, '.') ? open_in(dir, "events.tsv", "a") : NULL;
    if (!verdicts || !metrics || !crashes)
        return 2;
    copy_lines(&out, "METRIC", metrics, NULL);
    copy_lines(&out, "EVENT", events, label);
    copy_lines(&out, "CRASH", crashes, label);
    int r = 0;
    if (first(&out, "LOADERROR", &r)) {
        FILE *f = open_in(dir, "loaderror", "w");
        if (f) {
            fprintf(f, "%s\n", field(&out, r, 1));
            fclose(f);
        }
    }
    const char *skip = first(&out, "SKIPCASE", &r) ? field(&out, r, 1) : NULL;
    char detail[8192];
    char text[200];
    int foreign = foreign_lines(&out, text, sizeof text);
    if (foreign) {
        fprintf(verdicts,
                "state.stdout\t%s\t%d line(s) on the host's standard output during case %s, "
                "the first: \"%s\"\t%s\t%s\t-\n",
                strcmp(kind_of(&checks, "state.stdout"), "gate") ? "warn" : "fail", foreign, label,
                text, label, secs);
    }
    /* Every RESULT counts, also for a check of another case (drive.returns). */
    for (int i = 0; i < out.n; i++) {
        if (strcmp(field(&out, i, 0), "RESULT"))
            continue;
        join(&out, i, 3, detail, sizeof detail);
        fprintf(verdicts, "%s\t%s\t%s\t%s\t%s\t-\n", field(&out, i, 1), field(&out, i, 2), detail,
                label, secs);
    }
    for (int a = 8; a < argc; a++) {
        const char *id = argv[a];
        const char *worst = NULL;
        for (int i = 0; i < out.n; i++) {
            if (strcmp(field(&out, i, 0), "RESULT") || strcmp(field(&out, i, 1), id))
                continue;
            if (!worst || verdict_rank(field(&out, i, 2)) > verdict_rank(worst))
                worst = field(&out, i, 2);
        }
        if (!worst) {
            int gate = !strcmp(kind_of(&checks, id), "gate");
            if (skip) {
                worst = "skip";
                snprintf(detail, sizeof detail, "%s", skip);
            } else if (e.why[0]) {
                /* The case's hint is about the notifier: not for an incomplete run. */
                const char *why_hint = hint;
                if (e.blocked && strcmp(label, "load") && strcmp(label, "cycles"))
                    why_hint = in_loader(&out) && !e.in_call ? loader_hint : hang_hint;
                if (e.thread_ended)
                    why_hint = ended_hint;
                /* cycles' hint is about code run after an unload: a crash with
                 * a notifier frame happened while it was loaded. */
                if (e.in_notifier && !strcmp(label, "cycles"))
                    why_hint = "-";
                int hinted = !e.verdict && strcmp(why_hint, "-");
                worst = e.verdict ? e.verdict : gate ? "fail" : "warn";
                snprintf(detail, sizeof detail, "%s%s%s%s", e.why, hinted ? " [" : "",
                         hinted ? why_hint : "", hinted ? "]" : "");
            } else {
                worst = gate ? "incomplete" : "skip";
                snprintf(detail, sizeof detail, "the driver printed no verdict");
            }
            fprintf(verdicts, "%s\t%s\t%s\t%s\t%s\t%s\n", id, worst, detail, label, secs,
                    e.state[0] ? e.state : "-");
        }
        printf("%s %s\n", id, worst);
    }
    fclose(verdicts);
    fclose(metrics);
    fclose(crashes);
    if (events)
        fclose(events);
    return 0;
}
