/* cn_report plan DIR ONLY MPR
 * The runs of the driver, in the catalogue's case order (DIR/catalogue.txt,
 * DIR/checks.tsv): one line "case, variant, checks, timeout factor, hint"
 * (tab-separated; checks space-separated) per case with a check in ONLY ("":
 * all). The case "mpr" runs once per MPR variant (MPR: stock, patched or
 * both), each with its own checks (mpr.<variant>.*); other cases have the
 * variant "-". A check of ONLY that the catalogue lacks: the ids on stderr,
 * status 3.
 * cn_report ready DIR CHECK...: prints the checks none of whose dependencies
 * (DIR/checks.tsv) has a "fail" row in DIR/verdicts.tsv. */
#include "report.h"
#include "verdicts.h"

#include <string.h>

static void plan_case(const struct tsv *checks, const char *only, int row_case,
                      const struct tsv *cat, const char *variant)
{
    const char *name = field(cat, row_case, 1);
    char prefix[64];
    char ids[4096] = "";
    snprintf(prefix, sizeof prefix, "mpr.%s.", variant);
    for (int c = 0; c < checks->n; c++) {
        const char *id = field(checks, c, 0);
        if (strcmp(field(checks, c, 1), name) || (only[0] && !in_list(only, id)))
            continue;
        if (strcmp(variant, "-") && strncmp(id, prefix, strlen(prefix)))
            continue;
        size_t len = strlen(ids);
        snprintf(ids + len, sizeof ids - len, "%s%s", len ? " " : "", id);
    }
    if (ids[0])
        printf("%s\t%s\t%s\t%s\t%s\n", name, variant, ids, field(cat, row_case, 2),
               field(cat, row_case, 3));
}

static int check_row(const struct tsv *checks, const char *id)
{
    for (int c = 0; c < checks->n; c++) {
        if (!strcmp(field(checks, c, 0), id))
            return c;
    }
    return -1;
}

/* 0: every id of the comma-separated list is in the catalogue. */
static int unknown_ids(const struct tsv *checks, const char *list)
{
    char id[256];
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        snprintf(id, sizeof id, "%.*s", (int)len, p);
        if (len && check_row(checks, id) < 0) {
            fprintf(stderr, "conformance: error: --only: unknown check '%s'; the checks are:\n",
                    id);
            for (int c = 0; c < checks->n; c++)
                fprintf(stderr, "  %s\n", field(checks, c, 0));
            return 1;
        }
        p += len;
        p += strspn(p, ",");
    }
    return 0;
}

int ready_main(int argc, char **argv)
{
    char path[4096];
    struct tsv checks;
    struct tsv v;
    snprintf(path, sizeof path, "%s/checks.tsv", argv[2]);
    if (argc < 3 || tsv_load(&checks, path) < 0)
        return 2;
    snprintf(path, sizeof path, "%s/verdicts.tsv", argv[2]);
    if (tsv_load(&v, path) < 0)
        return 2;
    for (int a = 3; a < argc; a++) {
        const char *depends = field(&checks, check_row(&checks, argv[a]), 4);
        int failed = 0;
        for (int i = 0; i < v.n && !failed; i++)
            failed = !strcmp(field(&v, i, 1), "fail") && in_list(depends, field(&v, i, 0));
        if (!failed)
            printf("%s\n", argv[a]);
    }
    return 0;
}

int plan_main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: cn_report plan DIR ONLY MPR\n");
        return 2;
    }
    const char *mpr = argv[4];
    char path[4096];
    struct tsv cat;
    struct tsv checks;
    snprintf(path, sizeof path, "%s/catalogue.txt", argv[2]);
    if (tsv_load(&cat, path) < 0)
        return 2;
    snprintf(path, sizeof path, "%s/checks.tsv", argv[2]);
    if (tsv_load(&checks, path) < 0)
        return 2;
    if (unknown_ids(&checks, argv[3]))
        return 3;
    for (int i = 0; i < cat.n; i++) {
        if (strcmp(field(&cat, i, 0), "CASE"))
            continue;
        if (strcmp(field(&cat, i, 1), "mpr")) {
            plan_case(&checks, argv[3], i, &cat, "-");
            continue;
        }
        if (strcmp(mpr, "patched"))
            plan_case(&checks, argv[3], i, &cat, "stock");
        if (strcmp(mpr, "stock"))
            plan_case(&checks, argv[3], i, &cat, "patched");
    }
    return 0;
}
