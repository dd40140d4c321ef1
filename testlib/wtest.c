/* Wine-style test library: see wtest.h. */
#include "wtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#include <direct.h>
static SRWLOCK lock = SRWLOCK_INIT;
#define LOCK() AcquireSRWLockExclusive(&lock)
#define UNLOCK() ReleaseSRWLockExclusive(&lock)
static unsigned long current_pid(void) { return GetCurrentProcessId(); }
static void make_dir(const char *d) { _mkdir(d); }
#else
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#define LOCK() pthread_mutex_lock(&lock)
#define UNLOCK() pthread_mutex_unlock(&lock)
static unsigned long current_pid(void) { return (unsigned long)getpid(); }
static void make_dir(const char *d) { mkdir(d, 0777); }
#endif

#define MSG_MAX 1024
#define CTX_DEPTH 8
#define CTX_MAX 160
/* Checks kept for the JUnit file; later ones are counted, not listed. */
#define RECORDS_MAX 200000u

enum kind { K_PASS, K_FAIL, K_TODO, K_TODO_PASS, K_SKIP };

struct record {
    enum kind kind;
    char *name;   /* file:line: ctx: */
    char *msg;
};

struct thread_state {
    unsigned todo_level;   /* one bit per enclosing todo_if, 1 = todo */
    int todo_once;
    unsigned nctx;
    char ctx[CTX_DEPTH][CTX_MAX];
};

static _Thread_local struct thread_state ts;

static char test_name[128] = "wtest";
static unsigned n_exec, n_fail, n_todo, n_skip;
static struct record *records;
static unsigned n_records, cap_records, n_unlisted;

static void vformat(char *buf, size_t size, const char *fmt, va_list ap) WTEST_PRINTF(3, 0);
static void vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    /* msvcrt's vsnprintf may leave the buffer unterminated on overflow. */
    int n = vsnprintf(buf, size, fmt, ap);
    if (n < 0 || (size_t)n >= size)
        buf[size - 1] = 0;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static const char *base_name(const char *file)
{
    const char *p = file;
    for (const char *q = file; *q; q++)
        if (*q == '/' || *q == '\\')
            p = q + 1;
    return p;
}

/* "file:line: ctx1: ctx2: " for the current thread. */
static void location(char *buf, size_t size, const char *file, int line)
{
    size_t len;
    snprintf(buf, size, "%s:%d: ", base_name(file), line);
    buf[size - 1] = 0;
    for (unsigned i = 0; i < ts.nctx && i < CTX_DEPTH; i++) {
        len = strlen(buf);
        if (len + 1 >= size)
            break;
        snprintf(buf + len, size - len, "%s: ", ts.ctx[i]);
        buf[size - 1] = 0;
    }
}

/* Called with the lock held. */
static void add_record(enum kind kind, const char *where, const char *msg)
{
    struct record *r;
    if (n_records >= RECORDS_MAX) {
        n_unlisted++;
        return;
    }
    if (n_records == cap_records) {
        unsigned cap = cap_records ? cap_records * 2 : 256;
        struct record *p = realloc(records, cap * sizeof(*p));
        if (!p) {
            n_unlisted++;
            return;
        }
        records = p;
        cap_records = cap;
    }
    r = &records[n_records++];
    r->kind = kind;
    r->name = dup_str(where);
    r->msg = dup_str(msg);
}

/* One output line; adds the newline a message lacks. Lock held. */
static void emit(const char *where, const char *what, const char *msg)
{
    size_t n = strlen(msg);
    fprintf(stdout, "%s%s%s%s", where, what, msg,
            (n && msg[n - 1] == '\n') ? "" : "\n");
    fflush(stdout);
}

void wtest_start(const char *name)
{
    LOCK();
    snprintf(test_name, sizeof(test_name), "%s", name ? name : "wtest");
    test_name[sizeof(test_name) - 1] = 0;
    UNLOCK();
    /* A crash must not lose what was already printed. */
    setvbuf(stdout, NULL, _IONBF, 0);
}

int wtest_ok(const char *file, int line, int cond, const char *fmt, ...)
{
    char where[MSG_MAX], msg[MSG_MAX];
    enum kind kind;
    va_list ap;

    va_start(ap, fmt);
    vformat(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    location(where, sizeof(where), file, line);

    if (ts.todo_level)
        kind = cond ? K_TODO_PASS : K_TODO;
    else
        kind = cond ? K_PASS : K_FAIL;

    LOCK();
    n_exec++;
    switch (kind) {
    case K_FAIL:
        n_fail++;
        emit(where, "Test failed: ", msg);
        break;
    case K_TODO:
        n_todo++;
        emit(where, "Test marked todo: ", msg);
        break;
    case K_TODO_PASS:
        n_fail++;
        emit(where, "Test succeeded inside todo block: ", msg);
        break;
    default:
        break;
    }
    add_record(kind, where, msg);
    UNLOCK();
    return cond;
}

/* A line that is no check: a skip (counted, listed in JUnit) or a trace. */
static void note(const char *file, int line, int is_skip, const char *fmt, va_list ap)
    WTEST_PRINTF(4, 0);
static void note(const char *file, int line, int is_skip, const char *fmt, va_list ap)
{
    char where[MSG_MAX], msg[MSG_MAX];

    vformat(msg, sizeof(msg), fmt, ap);
    location(where, sizeof(where), file, line);
    LOCK();
    if (is_skip) {
        n_skip++;
        emit(where, "Tests skipped: ", msg);
        add_record(K_SKIP, where, msg);
    } else {
        emit(where, "", msg);
    }
    UNLOCK();
}

void wtest_skip(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    note(file, line, 1, fmt, ap);
    va_end(ap);
}

void wtest_trace(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    note(file, line, 0, fmt, ap);
    va_end(ap);
}

void wtest_push_context(const char *fmt, ...)
{
    va_list ap;
    if (ts.nctx < CTX_DEPTH) {
        va_start(ap, fmt);
        vformat(ts.ctx[ts.nctx], CTX_MAX, fmt, ap);
        va_end(ap);
    }
    ts.nctx++;
}

void wtest_pop_context(void)
{
    if (ts.nctx)
        ts.nctx--;
}

void wtest_todo_begin(int cond)
{
    ts.todo_level = (ts.todo_level << 1) | (cond ? 1u : 0u);
    ts.todo_once = 1;
}

int wtest_todo_loop(void)
{
    int once = ts.todo_once;
    ts.todo_once = 0;
    return once;
}

void wtest_todo_end(void)
{
    ts.todo_level >>= 1;
}

#define COUNTER(fn, var)  \
    unsigned fn(void)     \
    {                     \
        unsigned v;       \
        LOCK();           \
        v = var;          \
        UNLOCK();         \
        return v;         \
    }
COUNTER(wtest_failures, n_fail)
COUNTER(wtest_todos, n_todo)
COUNTER(wtest_skips, n_skip)
COUNTER(wtest_executed, n_exec)

/* XML attribute text: escapes markup, drops control chars and bytes that
 * are not UTF-8, drops the trailing newline. */
static void xml_attr(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p, n = 0;
        if (c == '\n' && !p[1])
            break;
        switch (c) {
        case '&': fputs("&amp;", f); p++; continue;
        case '<': fputs("&lt;", f); p++; continue;
        case '>': fputs("&gt;", f); p++; continue;
        case '"': fputs("&quot;", f); p++; continue;
        case '\n': fputs("&#10;", f); p++; continue;
        case '\t': fputs("&#9;", f); p++; continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7f) {
            fputc('?', f);
            p++;
            continue;
        }
        if (c < 0x80) {
            fputc((int)c, f);
            p++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) n = 1;
        else if (c >= 0xe0 && c <= 0xef) n = 2;
        else if (c >= 0xf0 && c <= 0xf4) n = 3;
        for (unsigned i = 1; n && i <= n; i++)
            if ((p[i] & 0xc0) != 0x80)
                n = 0;
        if (!n) {
            fputc('?', f);
            p++;
            continue;
        }
        fwrite(p, 1, n + 1, f);
        p += n + 1;
    }
}

static void write_junit(const char *dir)
{
    char path[512], file[128];
    FILE *f;
    size_t i;

    for (i = 0; test_name[i] && i + 1 < sizeof(file); i++) {
        char c = test_name[i];
        int safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        file[i] = safe ? c : '_';
    }
    file[i] = 0;
    /* Creates each missing parent: mkdir is not recursive. */
    snprintf(path, sizeof(path), "%s", dir);
    path[sizeof(path) - 1] = 0;
    for (char *p = path + 1; *p; p++) {
        if (*p == '/' || *p == '\\') {
            char c = *p;
            *p = 0;
            make_dir(path);
            *p = c;
        }
    }
    make_dir(path);
    snprintf(path, sizeof(path), "%s/%s.xml", dir, file);
    path[sizeof(path) - 1] = 0;
    f = fopen(path, "w");
    if (!f) {
        fprintf(stdout, "%04lx:%s: cannot write JUnit file %s\n", current_pid(), test_name, path);
        return;
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuite name=\"");
    xml_attr(f, test_name);
    fprintf(f, "\" tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n",
            n_records, n_fail, n_todo + n_skip);
    if (n_unlisted)
        fprintf(f, "  <properties><property name=\"unlisted_checks\" value=\"%u\"/></properties>\n",
                n_unlisted);
    for (unsigned r = 0; r < n_records; r++) {
        const struct record *rec = &records[r];
        fprintf(f, "  <testcase classname=\"");
        xml_attr(f, test_name);
        fprintf(f, "\" name=\"");
        xml_attr(f, rec->name ? rec->name : "?");
        xml_attr(f, rec->msg ? rec->msg : "");
        fprintf(f, "\">");
        switch (rec->kind) {
        case K_FAIL:
            fprintf(f, "<failure type=\"failed\" message=\"");
            break;
        case K_TODO_PASS:
            fprintf(f, "<failure type=\"todo_succeeded\" message=\"Test succeeded inside todo block: ");
            break;
        case K_TODO:
            fprintf(f, "<skipped type=\"todo\" message=\"Test marked todo: ");
            break;
        case K_SKIP:
            fprintf(f, "<skipped type=\"skip\" message=\"");
            break;
        default:
            fprintf(f, "</testcase>\n");
            continue;
        }
        xml_attr(f, rec->msg ? rec->msg : "");
        fprintf(f, "\"/></testcase>\n");
    }
    fprintf(f, "</testsuite>\n");
    fclose(f);
}

int wtest_end(void)
{
    const char *dir = getenv("CONNOTIFY_JUNIT_DIR");
    unsigned fail;

    LOCK();
    fprintf(stdout, "%04lx:%s: %u tests executed (%u marked as todo, 0 as flaky, %u failures), %u skipped.\n",
            current_pid(), test_name, n_exec, n_todo, n_fail, n_skip);
    fflush(stdout);
    if (dir && *dir)
        write_junit(dir);
    fail = n_fail;
    UNLOCK();
    return fail > 255 ? 255 : (int)fail;
}
