/* cnlog: checks JSON Lines logs of the reference notifier, and reports the
 * sink of running processes.
 *   cnlog [--json] FILE...
 *   cnlog [--json] --stats [PID]      (Windows build)
 * Every line must be a record (strict reader); PRE and POST pair by
 * (pid, key): keys are unique per notifier instance, and several processes
 * may append to one log. Exit 0: all lines parse and every keyed POST pairs
 * with exactly one PRE of the same op. Exit 1: malformed line or pairing
 * error. Exit 2: usage or I/O error. A PRE without POST is reported but is
 * not an error: a later notifier may fail the PRE [w9x], a process may die.
 * --stats reads the stats section (notifier_stats.h) of process PID, or of
 * every process that has the notifier loaded: log state, refusal reason and
 * counters. Exit 0: every sink found has its log open; 1: one is not
 * (unconfigured, failing or refused); 3: no process has the notifier
 * loaded; 2: usage. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/notify_core.h"

#ifdef _WIN32
#include <windows.h>
#include <tlhelp32.h>

#include "notifier_stats.h"
#endif

#define MAX_REPORTS 50

typedef struct entry {
    uint64_t key;     /* 0: empty */
    uint32_t pid;
    unsigned pre, post;
    cn_op pre_op;
    const char *file;
    size_t line;      /* of the PRE, or of the first POST */
} entry;

static struct {
    entry *tab;
    size_t cap, used;
} pairs;

static struct {
    uint64_t records, add_pre, add_post, cancel_pre, cancel_post, paired,
        unpaired_pre, unpaired_post, duplicate, mismatched, dropped, rejected;
} sum;

static unsigned reports;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void report(const char *file, size_t line, const char *fmt, ...)
{
    va_list ap;

    if (++reports > MAX_REPORTS)
        return;
    fprintf(stderr, "%s:%lu: ", file, (unsigned long)line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static size_t slot_of(uint32_t pid, uint64_t key, size_t cap)
{
    uint64_t h = (key ^ ((uint64_t)pid << 32)) * UINT64_C(0x9e3779b97f4a7c15);
    return (size_t)(h >> 17) & (cap - 1);
}

static entry *find(uint32_t pid, uint64_t key)
{
    if (pairs.used * 2 >= pairs.cap) {
        size_t cap = pairs.cap ? pairs.cap * 2 : 1024;
        entry *tab = calloc(cap, sizeof(*tab));
        if (!tab) {
            fprintf(stderr, "cnlog: out of memory\n");
            exit(2);
        }
        for (size_t i = 0; i < pairs.cap; i++) {
            if (!pairs.tab[i].key)
                continue;
            size_t j = slot_of(pairs.tab[i].pid, pairs.tab[i].key, cap);
            while (tab[j].key)
                j = (j + 1) & (cap - 1);
            tab[j] = pairs.tab[i];
        }
        free(pairs.tab);
        pairs.tab = tab;
        pairs.cap = cap;
    }
    size_t j = slot_of(pid, key, pairs.cap);
    while (pairs.tab[j].key && (pairs.tab[j].key != key || pairs.tab[j].pid != pid))
        j = (j + 1) & (pairs.cap - 1);
    if (!pairs.tab[j].key) {
        pairs.tab[j].key = key;
        pairs.tab[j].pid = pid;
        pairs.used++;
    }
    return &pairs.tab[j];
}

static void count(const cn_record *r, const char *file, size_t line)
{
    int pre = r->phase == CN_PHASE_PRE;

    sum.records++;
    if (r->op == CN_OP_ADD)
        pre ? sum.add_pre++ : sum.add_post++;
    else
        pre ? sum.cancel_pre++ : sum.cancel_post++;
    if (!r->key) {
        pre ? sum.dropped++ : sum.rejected++;
        return;
    }
    entry *e = find(r->pid, r->key);
    if (pre) {
        if (e->pre++) {
            sum.duplicate++;
            report(file, line, "duplicate PRE key %" PRIu64 " (pid %" PRIu32 ")", r->key, r->pid);
            return;
        }
        e->pre_op = r->op;
    } else if (e->post++) {
        sum.duplicate++;
        report(file, line, "second POST for key %" PRIu64 " (pid %" PRIu32 ")", r->key, r->pid);
        return;
    } else if (e->pre && e->pre_op != r->op) {
        sum.mismatched++;
        report(file, line, "POST key %" PRIu64 " (pid %" PRIu32 ") of another op than its PRE",
               r->key, r->pid);
    }
    if (pre || !e->pre) {
        e->file = file;
        e->line = line;
    }
}

/* Pairs left after every file was read. */
static void finish(void)
{
    for (size_t i = 0; i < pairs.cap; i++) {
        const entry *e = &pairs.tab[i];
        if (!e->key)
            continue;
        if (e->pre && e->post) {
            sum.paired++;
        } else if (e->pre) {
            sum.unpaired_pre++;
            report(e->file, e->line, "note: PRE key %" PRIu64 " (pid %" PRIu32 ") without POST",
                   e->key, e->pid);
        } else {
            sum.unpaired_post++;
            report(e->file, e->line, "POST key %" PRIu64 " (pid %" PRIu32 ") without PRE",
                   e->key, e->pid);
        }
    }
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;

    if (!f)
        return NULL;
    for (;;) {
        if (cap - n < 65536) {
            char *b = realloc(buf, cap = cap * 2 + 65536);
            if (!b)
                break;
            buf = b;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (!got)
            break;
    }
    if (ferror(f) || !buf) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* Checks one file; returns 0, or 1 after reporting a malformed line. */
static int check_file(const char *path, int json)
{
    size_t len, line = 1;
    char *buf = read_file(path, &len);

    if (!buf) {
        fprintf(stderr, "cnlog: cannot read %s\n", path);
        exit(2);
    }
    for (size_t start = 0; start < len; line++) {
        const char *nl = memchr(buf + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - buf) + 1 : len, off;
        cn_record rec;
        cn_parse_result r = cn_record_parse(buf + start, end - start, &rec, &off);

        if (r != CN_PARSE_OK) {
            char msg[512];
            snprintf(msg, sizeof(msg), "%s:%lu:%lu: malformed record (%s)", path,
                     (unsigned long)line, (unsigned long)off + 1, cn_parse_result_name(r));
            fprintf(stderr, "%s\n", msg);
            if (json) {
                printf("{\"ok\":false,\"error\":");
                json_str(msg);
                printf("}\n");
            }
            free(buf);
            return 1;
        }
        count(&rec, path, line);
        cn_record_free(&rec);
        start = end;
    }
    free(buf);
    return 0;
}

#ifdef _WIN32
/* What a refusal's detail means, for the text report. */
static void print_detail(uint32_t why, uint32_t detail)
{
    switch (why) {
    case CN_REFUSE_DRIVE: printf(", drive type %u", detail); break;
    case CN_REFUSE_REPARSE: printf(", reparse tag %#x", detail); break;
    case CN_REFUSE_NOT_DISK: printf(", file type %u", detail); break;
    case CN_REFUSE_HARD_LINK: printf(", %u links", detail); break;
    case CN_REFUSE_ACL_DIR:
    case CN_REFUSE_ACL_FILE: printf(", others' rights %#x", detail); break;
    default: break;
    }
}

/* Reports the section of one process. Returns -1 if it has none, else 1
 * if its log is not open, 0 if it is. */
static int stats_of(unsigned long pid, int json)
{
    WCHAR name[64];
    HANDLE h;
    const cn_stats *st;
    MEMORY_BASIC_INFORMATION mbi;
    int ret;

    _snwprintf(name, 64, CN_STATS_NAME_FMT, pid);
    name[63] = 0;
    if (!(h = OpenFileMappingW(FILE_MAP_READ, FALSE, name)))
        return -1;
    st = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
    CloseHandle(h);
    /* A section of another layout is no notifier's: skip it. */
    if (!st || !VirtualQuery(st, &mbi, sizeof(mbi)) || mbi.RegionSize < 80 || st->size < 80
        || st->size > mbi.RegionSize || !st->version) {
        if (st)
            UnmapViewOfFile(st);
        return -1;
    }
    cn_stats s = { 0 };
    memcpy(&s, st, st->size < sizeof(s) ? st->size : sizeof(s));
    UnmapViewOfFile(st);
    if (s.version < 2) {
        s.refusals = 0;
        s.refusal = CN_REFUSE_NONE;
        s.refusal_detail = 0;
    }
#define S(x) (long long)s.x
    if (json) {
        printf("{\"pid\":%lu,\"version\":%u,\"log_state\":\"%s\",\"refusal\":\"%s\","
               "\"refusal_detail\":%u,\"calls\":%lld,\"written\":%lld,\"sink_failures\":%lld,"
               "\"refusals\":%lld,\"open_failures\":%lld,\"write_failures\":%lld,"
               "\"dropped\":%lld,\"rejected\":%lld,\"invalid\":%lld,\"last_error\":%u}\n",
               pid, s.version, cn_log_state_name(s.log_state), cn_refusal_name(s.refusal),
               s.refusal_detail, S(calls), S(written), S(sink_failures), S(refusals),
               S(open_failures), S(write_failures), S(dropped), S(rejected), S(invalid),
               s.last_error);
    } else {
        printf("cnlog: pid %lu: log %s", pid, cn_log_state_name(s.log_state));
        if (s.log_state == CN_LOG_REFUSED) {
            printf(" (%s", cn_refusal_name(s.refusal));
            print_detail(s.refusal, s.refusal_detail);
            printf(")");
        } else if (s.log_state == CN_LOG_FAILING) {
            printf(" (error %u)", s.last_error);
        }
        printf(": %lld calls, %lld written, %lld sink failures (%lld refusals, %lld open "
               "failures, %lld write failures), %lld dropped, %lld rejected, %lld invalid",
               S(calls), S(written), S(sink_failures), S(refusals), S(open_failures),
               S(write_failures), S(dropped), S(rejected), S(invalid));
        if (s.refusal && s.log_state != CN_LOG_REFUSED) {
            printf("; last refusal %s", cn_refusal_name(s.refusal));
            print_detail(s.refusal, s.refusal_detail);
        }
        printf("\n");
    }
#undef S
    ret = s.log_state != CN_LOG_OPEN;
    return ret;
}

static int stats_main(const char *pid_arg, int json)
{
    PROCESSENTRY32W pe;
    HANDLE snap;
    unsigned long pid;
    int found = 0, bad = 0, r;
    char *end;

    if (pid_arg) {
        pid = strtoul(pid_arg, &end, 10);
        if (!*pid_arg || *end) {
            fprintf(stderr, "cnlog: not a process id: %s\n", pid_arg);
            return 2;
        }
        if ((r = stats_of(pid, json)) < 0) {
            printf("cnlog: no reference notifier loaded in process %lu\n", pid);
            return 3;
        }
        return r;
    }
    snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snap == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cnlog: cannot list processes: error %lu\n", GetLastError());
        return 2;
    }
    pe.dwSize = sizeof(pe);
    for (BOOL more = Process32FirstW(snap, &pe); more; more = Process32NextW(snap, &pe)) {
        if ((r = stats_of(pe.th32ProcessID, json)) < 0)
            continue;
        found++;
        bad |= r;
    }
    CloseHandle(snap);
    if (!found) {
        printf("cnlog: no process has the reference notifier loaded\n");
        return 3;
    }
    return bad;
}
#else
static int stats_main(const char *pid_arg, int json)
{
    (void)pid_arg;
    (void)json;
    fprintf(stderr, "cnlog: --stats reads the notifier's shared section: run the Windows build "
            "(cnlog.exe)\n");
    return 2;
}
#endif

int main(int argc, char **argv)
{
    int json = 0, first = 1, ok;

    if (argc > 1 && !strcmp(argv[1], "--json")) {
        json = 1;
        first = 2;
    }
    if (first < argc && !strcmp(argv[first], "--stats")) {
        if (argc > first + 2) {
            fprintf(stderr, "usage: cnlog [--json] --stats [PID]\n");
            return 2;
        }
        return stats_main(first + 1 < argc ? argv[first + 1] : NULL, json);
    }
    if (first >= argc || argv[first][0] == '-') {
        fprintf(stderr, "usage: cnlog [--json] FILE...\n       cnlog [--json] --stats [PID]\n");
        return 2;
    }
    for (int i = first; i < argc; i++)
        if (check_file(argv[i], json))
            return 1;
    finish();
    if (reports > MAX_REPORTS)
        fprintf(stderr, "cnlog: %u more reports not shown\n", reports - MAX_REPORTS);
    ok = !sum.unpaired_post && !sum.duplicate && !sum.mismatched;
#define F(x) (unsigned long long)sum.x
    if (json)
        printf("{\"records\":%llu,\"add_pre\":%llu,\"add_post\":%llu,\"cancel_pre\":%llu,"
               "\"cancel_post\":%llu,\"paired\":%llu,\"unpaired\":%llu,\"unpaired_pre\":%llu,"
               "\"unpaired_post\":%llu,\"duplicate\":%llu,\"mismatched\":%llu,\"dropped\":%llu,"
               "\"rejected\":%llu,\"ok\":%s}\n",
               F(records), F(add_pre), F(add_post), F(cancel_pre), F(cancel_post), F(paired),
               F(unpaired_pre) + F(unpaired_post), F(unpaired_pre), F(unpaired_post),
               F(duplicate), F(mismatched), F(dropped), F(rejected), ok ? "true" : "false");
    else
        printf("cnlog: %llu records: add %llu pre %llu post, cancel %llu pre %llu post; "
               "%llu paired, %llu unpaired (%llu pre, %llu post), %llu duplicate, "
               "%llu mismatched, %llu dropped, %llu rejected: %s\n",
               F(records), F(add_pre), F(add_post), F(cancel_pre), F(cancel_post), F(paired),
               F(unpaired_pre) + F(unpaired_post), F(unpaired_pre), F(unpaired_post),
               F(duplicate), F(mismatched), F(dropped), F(rejected), ok ? "ok" : "FAILED");
    free(pairs.tab);
    return ok ? 0 : 1;
}
