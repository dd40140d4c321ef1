/* Logged registry writes in an explicit view (regstate.h). The log keeps
 * the first state seen of each key and value, so writing the same value
 * again (before each program) changes nothing to restore. */
#include "regstate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum undo_kind {
    UNDO_KEY_CREATED,  /* delete the key and its tree */
    UNDO_VALUE_ABSENT, /* delete the value */
    UNDO_VALUE_OLD     /* write the old type and data back */
};

struct reg_undo_entry {
    enum undo_kind kind;
    REGSAM view;
    HKEY root;
    WCHAR *path;
    WCHAR *name;
    DWORD type;
    BYTE *data;
    DWORD size;
};

const char *regstate_view_name(REGSAM view)
{
    return view == KEY_WOW64_32KEY ? "32-bit" : "64-bit";
}

static void describe(char *buf, size_t n, REGSAM view, HKEY root, const WCHAR *path,
                     const WCHAR *name)
{
    char *p = wr_utf8(path);
    char *v = name ? wr_utf8(name) : NULL;

    snprintf(buf, n, "%s\\%s%s%s (%s view)", regfile_root_name(root), p, v ? " value " : "",
             v ? (*v ? v : "@") : "", regstate_view_name(view));
    free(p);
    free(v);
}

static int logged(const struct reg_undo *undo, REGSAM view, HKEY root, const WCHAR *path,
                  const WCHAR *name)
{
    size_t i;

    for (i = 0; i < undo->count; i++) {
        const struct reg_undo_entry *e = &undo->entries[i];

        if (e->view != view || e->root != root || _wcsicmp(e->path, path))
            continue;
        if (!name && e->kind == UNDO_KEY_CREATED)
            return 1;
        if (name && e->name && !_wcsicmp(e->name, name))
            return 1;
    }
    return 0;
}

static void log_entry(struct reg_undo *undo, const struct reg_undo_entry *e)
{
    undo->entries = wr_push(undo->entries, &undo->count, sizeof(*e), e);
}

/* Opens PATH, creating each missing component (each one logged). */
static HKEY create_key(struct reg_undo *undo, REGSAM view, HKEY root, const WCHAR *path,
                       struct wr_error *err)
{
    WCHAR *part = _wcsdup(path);
    WCHAR *sep = part;
    HKEY key = NULL;

    for (;;) {
        DWORD disp = 0;
        LSTATUS rc;
        WCHAR *end = wcschr(sep, L'\\');

        if (end)
            *end = 0;
        rc = RegCreateKeyExW(root, part, 0, NULL, 0, KEY_ALL_ACCESS | view, NULL, &key, &disp);
        if (rc != ERROR_SUCCESS) {
            char where[600];

            describe(where, sizeof(where), view, root, part, NULL);
            wr_error_set(err, "cannot create %s: %s", where, wr_strerror((DWORD)rc));
            free(part);
            return NULL;
        }
        if (disp == REG_CREATED_NEW_KEY && !logged(undo, view, root, part, NULL)) {
            struct reg_undo_entry e = {
                UNDO_KEY_CREATED, view, root, _wcsdup(part), NULL, 0, NULL, 0};

            log_entry(undo, &e);
        }
        if (!end)
            break;
        RegCloseKey(key);
        *end = L'\\';
        sep = end + 1;
    }
    free(part);
    return key;
}

/* Logs the current state of the value NAME of the open KEY. */
static void log_value(struct reg_undo *undo, REGSAM view, HKEY root, const WCHAR *path,
                      const WCHAR *name, HKEY key)
{
    struct reg_undo_entry e = {UNDO_VALUE_ABSENT, view, root, _wcsdup(path),
                               _wcsdup(name),     0,    NULL, 0};
    DWORD size = 0;

    if (logged(undo, view, root, path, name))
        return;
    if (RegQueryValueExW(key, name, NULL, &e.type, NULL, &size) == ERROR_SUCCESS) {
        e.kind = UNDO_VALUE_OLD;
        e.data = wr_alloc(size);
        e.size = size;
        if (RegQueryValueExW(key, name, NULL, &e.type, e.data, &e.size) != ERROR_SUCCESS)
            e.size = 0;
    }
    log_entry(undo, &e);
}

int regstate_set(struct reg_undo *undo, REGSAM view, HKEY root, const WCHAR *path,
                 const WCHAR *name, DWORD type, const void *data, DWORD size, struct wr_error *err)
{
    HKEY key = create_key(undo, view, root, path, err);
    LSTATUS rc;

    if (!key)
        return -1;
    log_value(undo, view, root, path, name, key);
    rc = RegSetValueExW(key, name, 0, type, data, size);
    RegCloseKey(key);
    if (rc != ERROR_SUCCESS) {
        char where[600];

        describe(where, sizeof(where), view, root, path, name);
        wr_error_set(err, "cannot write %s: %s", where, wr_strerror((DWORD)rc));
        return -1;
    }
    return 0;
}

static int delete_value(struct reg_undo *undo, REGSAM view, const struct reg_op *op,
                        struct wr_error *err)
{
    HKEY key = NULL;
    LSTATUS rc = RegOpenKeyExW(op->root, op->path, 0, KEY_ALL_ACCESS | view, &key);

    if (rc == ERROR_FILE_NOT_FOUND)
        return 0;
    if (rc == ERROR_SUCCESS) {
        log_value(undo, view, op->root, op->path, op->name, key);
        rc = RegDeleteValueW(key, op->name);
        RegCloseKey(key);
    }
    if (rc != ERROR_SUCCESS && rc != ERROR_FILE_NOT_FOUND) {
        char where[600];

        describe(where, sizeof(where), view, op->root, op->path, op->name);
        wr_error_set(err, "cannot delete %s: %s", where, wr_strerror((DWORD)rc));
        return -1;
    }
    return 0;
}

int regstate_apply(struct reg_undo *undo, const struct reg_file *file, REGSAM view,
                   struct wr_error *err)
{
    size_t i;

    for (i = 0; i < file->count; i++) {
        const struct reg_op *op = &file->ops[i];
        HKEY key;
        int rc = 0;

        switch (op->kind) {
        case REG_OP_KEY:
            key = create_key(undo, view, op->root, op->path, err);
            if (!key)
                return -1;
            RegCloseKey(key);
            break;
        case REG_OP_SET:
            rc = regstate_set(undo, view, op->root, op->path, op->name, op->type, op->data,
                              op->size, err);
            break;
        case REG_OP_DELETE_VALUE:
            rc = delete_value(undo, view, op, err);
            break;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

static LSTATUS undo_one(const struct reg_undo_entry *e)
{
    HKEY key = NULL;
    LSTATUS rc;

    /* A key deleted meanwhile is created again only to hold an old value. */
    if (e->kind == UNDO_VALUE_OLD)
        rc = RegCreateKeyExW(e->root, e->path, 0, NULL, 0, KEY_ALL_ACCESS | e->view, NULL, &key,
                             NULL);
    else
        rc = RegOpenKeyExW(e->root, e->path, 0, KEY_ALL_ACCESS | e->view, &key);
    if (rc == ERROR_FILE_NOT_FOUND)
        return ERROR_SUCCESS;
    if (rc != ERROR_SUCCESS)
        return rc;
    switch (e->kind) {
    case UNDO_KEY_CREATED:
        rc = RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
        if (rc == ERROR_SUCCESS)
            rc = RegDeleteKeyExW(e->root, e->path, e->view, 0);
        return rc;
    case UNDO_VALUE_ABSENT:
        rc = RegDeleteValueW(key, e->name);
        if (rc == ERROR_FILE_NOT_FOUND)
            rc = ERROR_SUCCESS;
        break;
    case UNDO_VALUE_OLD:
        rc = RegSetValueExW(key, e->name, 0, e->type, e->data, e->size);
        break;
    }
    RegCloseKey(key);
    return rc;
}

unsigned regstate_restore(struct reg_undo *undo)
{
    unsigned failures = 0;
    size_t i = undo->count;

    while (i > 0) {
        const struct reg_undo_entry *e = &undo->entries[--i];
        LSTATUS rc = undo_one(e);

        if (rc != ERROR_SUCCESS) {
            char where[600];

            describe(where, sizeof(where), e->view, e->root, e->path, e->name);
            fprintf(stderr, "winrunner: error: cannot restore %s: %s\n", where,
                    wr_strerror((DWORD)rc));
            failures++;
        }
    }
    undo->count = 0;
    return failures;
}
