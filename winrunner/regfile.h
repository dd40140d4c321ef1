/* Reader of regedit's export format 5.00 (the .reg file the Wine prefix
 * fixture imports with regedit): keys and values in file order. */
#ifndef WINRUNNER_REGFILE_H
#define WINRUNNER_REGFILE_H

#include "util.h"

enum reg_op_kind {
    REG_OP_KEY,         /* [KEY]: create the key */
    REG_OP_SET,         /* "name"=data */
    REG_OP_DELETE_VALUE /* "name"=- */
};

struct reg_op {
    enum reg_op_kind kind;
    HKEY root;
    WCHAR *path; /* below root, backslash-separated */
    WCHAR *name; /* value name, L"" for @; NULL for REG_OP_KEY */
    DWORD type;
    BYTE *data;
    DWORD size;
};

struct reg_file {
    struct reg_op *ops;
    size_t count;
};

/* Reads FILE (UTF-16LE with a BOM, or UTF-8). Returns 0, or -1 with
 * "FILE:LINE: what" in err. Key deletion ([-KEY]) is refused: the runner
 * could not restore a deleted tree. */
int regfile_load(const WCHAR *file, struct reg_file *out, struct wr_error *err);

/* Name of a root key as the file spells it (HKEY_LOCAL_MACHINE, ...). */
const char *regfile_root_name(HKEY root);

#endif /* WINRUNNER_REGFILE_H */
