/* The check catalogue: the one place where checks, their source tags,
 * gate or report, their case and dependencies are spelled. The runner
 * reads it from `cn_conform --catalogue`. */
#ifndef CATALOGUE_H
#define CATALOGUE_H

enum check_kind { KIND_GATE, KIND_REPORT };

struct check {
    const char *id;
    const char *casename;   /* the case that yields its verdict; "static": the runner */
    const char *tag;        /* doc, w9x, wine, design */
    enum check_kind kind;
    const char *depends;    /* comma-separated ids, or "-" */
    const char *title;
    const char *protects;
};

struct case_info {
    const char *name;
    unsigned timeout_factor;
    const char *hint;       /* shown beside a crash in this case, or "-" */
};

extern const struct check checks[];
extern const unsigned n_checks;
extern const struct case_info case_infos[];
extern const unsigned n_case_infos;

const struct check *check_find(const char *id);
/* Prints the catalogue in the format of docs/conformance.md. */
void catalogue_print(void);

#endif
