/* Registry writes in a named view (KEY_WOW64_64KEY or KEY_WOW64_32KEY,
 * never the caller's default: a 32-bit process would otherwise write
 * HKLM\SOFTWARE into Wow6432Node), each one logged with the state it
 * replaced, so that regstate_restore() puts every value and key back. */
#ifndef WINRUNNER_REGSTATE_H
#define WINRUNNER_REGSTATE_H

#include "regfile.h"

struct reg_undo_entry;

struct reg_undo {
    struct reg_undo_entry *entries;
    size_t count;
};

/* Applies every operation of FILE in VIEW. Returns 0 or -1 (err set). */
int regstate_apply(struct reg_undo *undo, const struct reg_file *file, REGSAM view,
                   struct wr_error *err);

/* One value write in VIEW (the key is created when missing). */
int regstate_set(struct reg_undo *undo, REGSAM view, HKEY root, const WCHAR *path,
                 const WCHAR *name, DWORD type, const void *data, DWORD size, struct wr_error *err);

/* Undoes every logged change, newest first; keys the runner created are
 * deleted with everything below them. Returns the number of failures
 * (each printed on stderr). */
unsigned regstate_restore(struct reg_undo *undo);

/* "64-bit" or "32-bit". */
const char *regstate_view_name(REGSAM view);

#endif /* WINRUNNER_REGSTATE_H */
