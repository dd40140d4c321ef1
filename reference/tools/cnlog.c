/* cnlog: checks JSON Lines logs of the reference notifier.
 *   cnlog [--json] FILE...
 * Every line must be a record (strict reader); PRE and POST pair by
 * (pid, key): keys are unique per notifier instance, and several processes
 * may append to one log. Exit 0: all lines parse and every keyed POST pairs
 * with exactly one PRE of the same op. Exit 1: malformed line or pairing
 * error. Exit 2: usage or I/O error. A PRE without POST is reported but is
 * not an error: a later notifier may fail the PRE [w9x], a process may die. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connotify/notify_core.h"

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

int main(int argc, char **argv)
{
    int json = 0, first = 1, ok;

    if (argc > 1 && !strcmp(argv[1], "--json")) {
        json = 1;
        first = 2;
    }
    if (first >= argc || argv[first][0] == '-') {
        fprintf(stderr, "usage: cnlog [--json] FILE...\n");
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
